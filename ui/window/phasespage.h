// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "Phases & timeline" tab: which cell is shown, where its time goes (a stacked bar of the
// five phases beside what each phase is), and every task on every worker below.

#include "chunkscope/ownfloor.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace chunkscope::ui {

class PhaseChart;
class TimelineView;

class PhasesPage : public QWidget {
    Q_OBJECT
public:
    explicit PhasesPage(QWidget* parent = nullptr);

    // nullptr: nothing selected yet.
    // floor: the cell's own floor, drawn under the measured phases where it is known.
    void setCell(const CellResult* cell, const std::optional<OwnFloor>& floor = std::nullopt);

    PhaseChart* phaseChart() const { return phaseChart_; }
    TimelineView* timeline() const { return timeline_; }
    QLabel* selectionLabel() const { return selectionLabel_; }

private:
    QLabel* selectionLabel_ = nullptr;
    PhaseChart* phaseChart_ = nullptr;
    TimelineView* timeline_ = nullptr;
};

} // namespace chunkscope::ui

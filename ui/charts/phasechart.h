// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The phase breakdown of one cell: a stacked horizontal bar of the core's phases (startup,
// scatter, compute, gather, shutdown: the median of each over the repetitions; they add up to
// the wall time). The phases, their names and what they mean come from chunkscope/phases.h.
// Where the strategy's own floor is known (ownfloor.h), a second bar under it shows each
// phase's floor in paler colours, so the class sees which phase is far from what it could be.

#include "chunkscope/ownfloor.h"
#include "chunkscope/phases.h"

#include <QChart>
#include <QColor>
#include <QString>

#include <array>
#include <optional>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace chunkscope {
struct CellResult;
}

namespace chunkscope::ui {

class PhaseChart : public QChart {
    Q_OBJECT
public:
    explicit PhaseChart(QGraphicsItem* parent = nullptr);

    // nullptr (or a failed cell) clears the bars. floor: the cell's own floor, drawn as a second
    // bar (kFloorBar) where it is given.
    void setCell(const CellResult* cell, const std::optional<OwnFloor>& floor = std::nullopt);
    // The bars of one phase, in milliseconds: kMeasuredBar, and kFloorBar when a floor is shown.
    QBarSet* phaseSet(Phase phase) const { return sets_[static_cast<std::size_t>(phase)]; }
    static constexpr int kMeasuredBar = 0;
    static constexpr int kFloorBar = 1;
    bool showsFloor() const { return floor_.has_value(); }
    // What the tooltip of a phase's bar says (bar: kMeasuredBar or kFloorBar).
    QString barToolTip(Phase phase, int bar) const;
    // The core's name of the phase ("startup").
    static QString phaseName(Phase phase);
    // One colour per phase: the bars, the heatmap's dominant-phase cells and its legend.
    static QColor phaseColor(Phase phase);
    // The core's line on what the phase is, for tooltips and the legend's explanation.
    static QString phaseExplanation(Phase phase);
    // Every phase with its explanation, as rich text.
    static QString explanationsHtml();

private:
    QHorizontalStackedBarSeries* series_ = nullptr;
    std::array<QBarSet*, kPhaseCount> sets_{};
    QBarCategoryAxis* categories_ = nullptr;
    QValueAxis* axis_ = nullptr;
    std::string_view own_floor_model_text() const;

    std::optional<OwnFloor> floor_;
    Phases measured_;
    StrategyKind model_ = StrategyKind::Sequential;
};

} // namespace chunkscope::ui

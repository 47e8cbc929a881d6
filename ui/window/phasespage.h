#pragma once
// The "Phases & timeline" tab: which cell is shown, where its time goes (a stacked bar of the
// five phases beside what each phase is), and every task on every worker below.

#include <QWidget>

class QLabel;

namespace chunkscope {
struct CellResult;
}

namespace chunkscope::ui {

class PhaseChart;
class TimelineView;

class PhasesPage : public QWidget {
    Q_OBJECT
public:
    explicit PhasesPage(QWidget* parent = nullptr);

    // nullptr: nothing selected yet.
    void setCell(const CellResult* cell);

    PhaseChart* phaseChart() const { return phaseChart_; }
    TimelineView* timeline() const { return timeline_; }
    QLabel* selectionLabel() const { return selectionLabel_; }

private:
    QLabel* selectionLabel_ = nullptr;
    PhaseChart* phaseChart_ = nullptr;
    TimelineView* timeline_ = nullptr;
};

} // namespace chunkscope::ui

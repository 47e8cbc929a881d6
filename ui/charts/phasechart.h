#pragma once
// The phase breakdown of one cell: a stacked horizontal bar of startup, scatter, compute,
// gather and shutdown (the median of each over the repetitions; they add up to the wall time).

#include <QChart>
#include <QColor>
#include <QString>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace chunkscope {
struct CellResult;
struct Phases;
}

namespace chunkscope::ui {

class PhaseChart : public QChart {
    Q_OBJECT
public:
    static constexpr int PhaseCount = 5;

    explicit PhaseChart(QGraphicsItem* parent = nullptr);

    // nullptr (or a failed cell) clears the bar.
    void setCell(const CellResult* cell);
    // Bar i holds phase i in milliseconds.
    QBarSet* phaseSet(int phase) const { return sets_[phase]; }
    static QString phaseName(int phase);
    static QColor phaseColor(int phase);
    static double phaseSeconds(const Phases& phases, int phase);
    // The phase that takes the most time (ties: the earlier one), or -1 when all are zero.
    static int dominantPhase(const Phases& phases);
    // The dominant phase's share of the total, in [0.2, 1] (0 when all are zero).
    static double dominantShare(const Phases& phases);
    // One line on what the phase is, for tooltips and the legend's explanation.
    static QString phaseExplanation(int phase);
    // Every phase with its explanation, as rich text.
    static QString explanationsHtml();

private:
    QHorizontalStackedBarSeries* series_ = nullptr;
    QBarSet* sets_[PhaseCount] = {};
    QBarCategoryAxis* categories_ = nullptr;
    QValueAxis* axis_ = nullptr;
};

} // namespace chunkscope::ui

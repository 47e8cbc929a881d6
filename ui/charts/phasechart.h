#pragma once
// The phase breakdown of one cell: a stacked horizontal bar of the core's phases (startup,
// scatter, compute, gather, shutdown: the median of each over the repetitions; they add up to
// the wall time). The phases, their names and what they mean come from chunkscope/phases.h.

#include "chunkscope/phases.h"

#include <QChart>
#include <QColor>
#include <QString>

#include <array>

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

    // nullptr (or a failed cell) clears the bar.
    void setCell(const CellResult* cell);
    // The bar of one phase, in milliseconds.
    QBarSet* phaseSet(Phase phase) const { return sets_[static_cast<std::size_t>(phase)]; }
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
};

} // namespace chunkscope::ui

#pragma once
// The phase breakdown of one cell: a stacked horizontal bar of startup, scatter, compute,
// gather and shutdown (the median of each over the repetitions; they add up to the wall time).

#include <QChart>
#include <QString>

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
    static constexpr int PhaseCount = 5;

    explicit PhaseChart(QGraphicsItem* parent = nullptr);

    // nullptr (or a failed cell) clears the bar.
    void setCell(const CellResult* cell);
    // Bar i holds phase i in milliseconds.
    QBarSet* phaseSet(int phase) const { return sets_[phase]; }
    static QString phaseName(int phase);
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

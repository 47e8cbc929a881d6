#pragma once
// Every strategy side by side: one bar per strategy (its median, sequential first), the speedup
// over sequential in each category's label, and, once the machine's speed limits are known, the
// floor each strategy could at best reach drawn as a line. When the tutorial's Python ran too,
// each category pairs one of ours with its twin (the registry's): two bars, ours and Python's,
// and how many times Python's time ours takes.

#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QChart>
#include <QColor>
#include <QList>
#include <QPointF>
#include <QStringList>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QLineSeries;
class QLogValueAxis;

namespace chunkscope::ui {

class CompareChart : public QChart {
    Q_OBJECT
public:
    explicit CompareChart(QGraphicsItem* parent = nullptr);

    // results: as Runner::compare returns them (sequential first).
    void setResults(std::vector<CellResult> results);
    // The floor line appears when limits are set and results are there.
    void setSpeedLimits(const std::optional<SpeedLimits>& limits, int logicalCores);
    const std::vector<CellResult>& results() const { return results_; }

    // Categories: one per strategy, or one per pair of twins.
    int barCount() const;
    // Medians in milliseconds, one value per category: ours (or every strategy's, unpaired).
    QBarSet* bars() const { return bars_; }
    // Paired: the twins' medians (0 where a strategy has none); null otherwise.
    QBarSet* twinBars() const { return paired_ ? twinBars_ : nullptr; }
    bool paired() const { return paired_; }
    QStringList categories() const;
    // Empty (no points) without speed limits.
    QLineSeries* floorLine() const { return floor_; }
    // Speedup of result i over the sequential one, or 0 when unknown.
    double speedup(int i) const;

private:
    struct Pair {
        const CellResult* ours = nullptr;
        const CellResult* twin = nullptr;
    };
    void refresh();
    // Each of ours with its twin, then the Python strategies no one of ours has as twin.
    std::vector<Pair> pairs() const;
    void setPaired(bool paired);
    void refreshPaired();
    // The categories, the floor's points and the axis' range, for either layout.
    void showCategories(const QStringList& names, const QList<QPointF>& floorPoints, double bottom, double top);

    std::vector<CellResult> results_;
    std::optional<SpeedLimits> limits_;
    int cores_ = 1;
    QBarSeries* series_ = nullptr;
    QBarSet* bars_ = nullptr;
    QBarSet* twinBars_ = nullptr;
    bool paired_ = false;
    QLineSeries* floor_ = nullptr;
    QBarCategoryAxis* categories_ = nullptr;
    QLogValueAxis* axis_ = nullptr;
};

} // namespace chunkscope::ui

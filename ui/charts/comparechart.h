#pragma once
// Every strategy side by side: one bar per strategy (its median, sequential first), the speedup
// over sequential in each category's label, and, once the machine's speed limits are known, the
// floor each strategy could at best reach drawn as a line.

#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QChart>
#include <QColor>
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

    int barCount() const;
    // Medians in milliseconds, one value per strategy.
    QBarSet* bars() const { return bars_; }
    QStringList categories() const;
    // Empty (no points) without speed limits.
    QLineSeries* floorLine() const { return floor_; }
    // Speedup of result i over the sequential one, or 0 when unknown.
    double speedup(int i) const;

private:
    void refresh();

    std::vector<CellResult> results_;
    std::optional<SpeedLimits> limits_;
    int cores_ = 1;
    QBarSeries* series_ = nullptr;
    QBarSet* bars_ = nullptr;
    QLineSeries* floor_ = nullptr;
    QBarCategoryAxis* categories_ = nullptr;
    QLogValueAxis* axis_ = nullptr;
};

} // namespace chunkscope::ui

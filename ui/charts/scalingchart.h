#pragma once
// Speedup versus workers for one strategy: the measured points, the ideal line (speedup =
// workers) and the Amdahl curve fitted to the points, whose serial fraction the title shows.

#include "chunkscope/results.h"

#include <QChart>

#include <vector>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace chunkscope::ui {

class ScalingChart : public QChart {
    Q_OBJECT
public:
    explicit ScalingChart(QGraphicsItem* parent = nullptr);

    // baselineSeconds: the sequential run's median; results: one per worker count.
    void setResults(double baselineSeconds, std::vector<CellResult> results);
    const std::vector<CellResult>& results() const { return results_; }
    // Amdahl's law assumes a core per worker: fit only the points up to this many workers
    // (when at least two are there); 0 fits every point. Set before setResults().
    void setFitLimit(int workers) { fitLimit_ = workers; }
    double serialFraction() const { return serialFraction_; }

    QLineSeries* measuredLine() const { return measured_; }
    QScatterSeries* measuredPoints() const { return points_; }
    QLineSeries* idealLine() const { return ideal_; }
    QLineSeries* amdahlLine() const { return amdahl_; }

private:
    std::vector<CellResult> results_;
    double serialFraction_ = 0;
    int fitLimit_ = 0;
    QLineSeries* measured_ = nullptr;
    QScatterSeries* points_ = nullptr;
    QLineSeries* ideal_ = nullptr;
    QLineSeries* amdahl_ = nullptr;
    QValueAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
};

} // namespace chunkscope::ui

#pragma once
// The "Scaling" tab: speedup versus workers for the strategy on the panel, with the ideal line
// and the Amdahl curve fitted to what was measured.

#include "chunkscope/results.h"

#include <QWidget>

#include <vector>

class QChartView;

namespace chunkscope::ui {

class ScalingChart;

class ScalingPage : public QWidget {
    Q_OBJECT
public:
    explicit ScalingPage(QWidget* parent = nullptr);

    // The worker counts to measure on a machine with this many cores: 1 to 4 one by one, then
    // in steps of a quarter of the cores, up to twice the cores (which only queue).
    static std::vector<int> workerCounts(int cores);
    // results: as Runner::scale returns them (the sequential baseline first, then one per worker
    // count); Amdahl's law is fitted up to one worker per core.
    void setResults(const std::vector<CellResult>& results, int cores);

    ScalingChart* scalingChart() const { return chart_; }
    QChartView* scalingView() const { return view_; }

private:
    ScalingChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
};

} // namespace chunkscope::ui

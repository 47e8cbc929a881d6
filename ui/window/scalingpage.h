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

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "Scaling" tab: speedup versus workers for the strategy on the panel, with the ideal line
// and the Amdahl curve fitted to what was measured. For the mpi strategies, the network model
// (netmodel.h) besides: its prediction at each measured point on the link measured here, and
// the projection to 1024 workers on the network typed in the box below the chart.

#include "chunkscope/mpi.h"
#include "chunkscope/results.h"

#include <QWidget>

#include <optional>
#include <vector>

class QChartView;
class QLabel;

namespace chunkscope::ui {

class NetworkBox;
class ScalingChart;

class ScalingPage : public QWidget {
    Q_OBJECT
public:
    explicit ScalingPage(QWidget* parent = nullptr);

    // results: as Runner::scale returns them (the sequential baseline first, then one per worker
    // count); Amdahl's law is fitted up to one worker per core.
    void setResults(const std::vector<CellResult>& results, int cores);
    // No points: a scaling starts.
    void clear();
    // Open MPI's link measured here (by the run controller, on its worker thread); used for
    // the cells that ran with its options.
    void setLink(const MpiLink& link);

    ScalingChart* scalingChart() const { return chart_; }
    QChartView* scalingView() const { return view_; }
    NetworkBox* networkBox() const { return network_; }
    QLabel* modelSummary() const { return summary_; }

private:
    void remodel();

    ScalingChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    NetworkBox* network_ = nullptr;
    QLabel* summary_ = nullptr;
    std::vector<CellResult> cells_;
    double baseline_ = 0;
    int cores_ = 1;
    std::optional<MpiLink> link_;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "Scaling" tab: speedup versus workers for the strategy on the panel, with the ideal line
// and the Amdahl curve fitted to what was measured. For the mpi strategies, the network model
// (netmodel.h) besides: its prediction at each measured point on the link measured here, and
// the projection to 1024 workers on the network typed in the box below the chart. For the Dask
// clusters, the Dask model (daskmodel.h) on the cluster's costs measured here: its prediction at
// each measured point, its projection to 1024 workers and the mpi twin's projection on Open MPI's
// TCP link measured here.

#include "chunkscope/mpi.h"
#include "chunkscope/pythoncosts.h"
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
    // No points: a scaling starts (the Dask costs of the last one dropped too).
    void clear();
    // Open MPI's link measured here (by the run controller, on its worker thread); used for
    // the cells that ran with its options.
    void setLink(const MpiLink& link);
    // A Dask cluster's costs measured here (by the run controller, on its worker thread).
    void setDaskCosts(const DaskClusterCosts& costs);

    ScalingChart* scalingChart() const { return chart_; }
    QChartView* scalingView() const { return view_; }
    NetworkBox* networkBox() const { return network_; }
    QLabel* modelSummary() const { return summary_; }

private:
    void remodel();
    void remodelDask();
    // The link measured with these options, or null.
    const MpiLink* link(const MpiOptions& options) const;

    ScalingChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    NetworkBox* network_ = nullptr;
    QLabel* summary_ = nullptr;
    std::vector<CellResult> cells_;
    double baseline_ = 0;
    int cores_ = 1;
    std::vector<MpiLink> links_;   // the last measured per set of options
    std::optional<DaskClusterCosts> daskCosts_;
};

} // namespace chunkscope::ui

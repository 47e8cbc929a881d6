// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/daskmodel.h"

#include "chunkscope/strategy.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <queue>

namespace chunkscope {

namespace {

constexpr double kBytesPerItem = 8;   // float64

// Items of task t of P over n, as numpy.array_split cuts them (part_begin's rule).
double task_items(std::size_t n, std::size_t parts, std::size_t t)
{
    return static_cast<double>(part_begin(n, parts, t + 1) - part_begin(n, parts, t));
}

// The scheduler hands task t out at (t + 1) * task_s to the worker free first; returns when the
// last task ends, and the busiest worker's compute in busiest_s.
double play_out(std::size_t n, std::size_t parts, int workers, double task_s, double item_s, double& busiest_s)
{
    // (when the worker is free, its compute so far), earliest free first
    using Free = std::pair<double, double>;
    std::priority_queue<Free, std::vector<Free>, std::greater<>> free;
    for (int w = 0; w < workers; ++w)
        free.emplace(0.0, 0.0);
    double end = 0;
    busiest_s = 0;
    for (std::size_t t = 0; t < parts; ++t) {
        auto [at, busy] = free.top();
        free.pop();
        const double compute = task_items(n, parts, t) * item_s;
        const double done = std::max(at, static_cast<double>(t + 1) * task_s) + compute;
        busy += compute;
        busiest_s = std::max(busiest_s, busy);
        end = std::max(end, done);
        free.emplace(done, busy);
    }
    return end;
}

} // namespace

bool is_dask_cluster(StrategyKind kind)
{
    return kind == StrategyKind::PyDaskCluster || kind == StrategyKind::PyDaskDistributed;
}

CellPrediction predict_dask_cell(const RunConfig& c, const DaskModelInput& in)
{
    CellPrediction p;
    const DaskClusterCosts& k = in.costs;
    if (!is_dask_cluster(c.strategy) || c.workers < 1 || !k.measured() || in.compute_s_per_item <= 0)
        return p;
    const std::size_t n = c.workload.size;
    const std::size_t parts = std::max<std::size_t>(1, std::min(effective_splits(c), n));
    const double share = in.cores > 0 ? std::max(1.0, static_cast<double>(c.workers) / in.cores) : 1.0;
    const double item_s = in.compute_s_per_item * share * std::max(1, c.workload.intensity);
    if (c.pool == PoolLifetime::Fresh)
        p.launch_s = std::max(0.0, (in.one_start ? k.start(1) : k.start(c.workers)) + k.close_s);
    if (c.strategy == StrategyKind::PyDaskCluster) {
        const double bytes = kBytesPerItem * static_cast<double>(n);
        p.network_s = bytes / k.scatter_bandwidth + bytes / k.gather_bandwidth;
    }
    p.scheduler_s = static_cast<double>(parts) * k.task_s;
    const double middle = play_out(n, parts, c.workers, k.task_s, item_s, p.compute_s);
    p.total_s = p.launch_s + p.network_s + middle;
    p.bound = largest_part(p);
    return p;
}

std::vector<ProjectedPoint> project_dask(const RunConfig& config, const DaskModelInput& in, double sequential_s,
                                         int max_workers)
{
    std::vector<ProjectedPoint> out;
    DaskModelInput cluster = in;
    cluster.cores = 0;
    cluster.one_start = true;
    for (int w : projection_workers(max_workers)) {
        RunConfig c = config;
        c.workers = w;
        ProjectedPoint p;
        p.workers = w;
        p.ranks = w;
        p.prediction = predict_dask_cell(c, cluster);
        p.speedup = sequential_s > 0 && p.prediction.total_s > 0 ? sequential_s / p.prediction.total_s : 0;
        out.push_back(std::move(p));
    }
    return out;
}

DaskScaleModel model_dask_scaling(std::span<const CellResult> cells, double sequential_s,
                                  const DaskClusterCosts& costs, int cores, int max_workers)
{
    DaskScaleModel m;
    const auto first = std::find_if(cells.begin(), cells.end(), [](const CellResult& r) { return r.status == Status::Ok; });
    if (first == cells.end()) {
        m.error = "no cell finished: nothing to model";
        return m;
    }
    m.strategy = first->config.strategy;
    if (!is_dask_cluster(m.strategy)) {
        m.error = "the Dask model covers the Dask clusters (py-dask-cluster, py-dask-distributed), not " +
                  std::string(to_string(m.strategy));
        return m;
    }
    if (!costs.measured()) {
        m.error = "the Dask cluster's costs were not measured" + (costs.error.empty() ? "" : ": " + costs.error);
        return m;
    }
    std::vector<CellResult> own;
    std::copy_if(cells.begin(), cells.end(), std::back_inserter(own),
                 [&](const CellResult& r) { return r.config.strategy == m.strategy; });
    if (const CellResult* fewest = fewest_workers_cell(own)) {
        const RunConfig& c = fewest->config;
        const double parts = static_cast<double>(std::max<std::size_t>(1, effective_splits(c)));
        const double busiest = std::ceil(parts / c.workers) * std::ceil(static_cast<double>(c.workload.size) / parts);
        m.compute_s_per_item = compute_per_item(*fewest, true, busiest, cores, m.compute_source);
    }
    if (m.compute_s_per_item <= 0) {
        m.error = "the cells hold no compute phase or task times to take the compute per item from";
        return m;
    }
    m.costs = costs;
    m.sequential_s = sequential_s;
    m.fresh = first->config.pool == PoolLifetime::Fresh;
    DaskModelInput in;
    in.costs = costs;
    in.compute_s_per_item = m.compute_s_per_item;
    in.cores = cores;
    m.measured = measured_points(own, [&](const RunConfig& c) { return predict_dask_cell(c, in); });
    m.projected = project_dask(first->config, in, sequential_s, max_workers);
    return m;
}

std::string dask_model_statement()
{
    return "A task is a chunk (P = splits). The scheduler hands the tasks out one after another, task_s of its "
           "time each, to the worker free first, which computes the chunk at the run's time per item. "
           "py-dask-cluster: the client scatters 8 N bytes at scatter_bandwidth before, and gathers them at "
           "gather_bandwidth after, through its one link. py-dask-distributed: the chunks are made where they "
           "are computed; only the tasks travel. Fresh clusters add start_s + W * start_per_worker_s and "
           "close_s.";
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Synthetic scalings of the mpi strategies and the Dask clusters for the models' views: cells whose
// tasks compute at a known time per item, a link as measure_mpi_link reports one and a Dask
// cluster's costs as measure_dask_costs reports them.

#include "testcells.h"

#include "chunkscope/mpi.h"
#include "chunkscope/pythoncosts.h"
#include "chunkscope/results.h"
#include "chunkscope/strategy.h"

#include <vector>

namespace testcells {

// The sequential baseline first, then one warm cell of kind per worker count, cut into
// parts(workers) tasks (splits: the cell's splits) whose items compute at perItem seconds each.
template <class Parts>
std::vector<chunkscope::CellResult> scalingCells(chunkscope::StrategyKind kind, std::size_t splits,
                                                 const std::vector<int>& workers, const std::vector<double>& medians,
                                                 double perItem, Parts parts)
{
    chunkscope::RunConfig base = baseConfig(kind);
    base.workload.size = 2'000'000;
    base.pool = chunkscope::PoolLifetime::Warm;
    std::vector<chunkscope::CellResult> cells{baseline(base, 0.008)};
    for (std::size_t i = 0; i < workers.size(); ++i) {
        chunkscope::RunConfig c = base;
        c.workers = workers[i];
        chunkscope::CellResult r = cell(c, splits, 1, medians[i]);
        const std::size_t n = parts(workers[i]);
        for (std::size_t t = 0; t < n; ++t) {
            const std::size_t items = chunkscope::part_begin(c.workload.size, n, t + 1) -
                                      chunkscope::part_begin(c.workload.size, n, t);
            r.events.push_back({static_cast<int>(t % static_cast<std::size_t>(workers[i])), static_cast<std::uint32_t>(t),
                                0.0, static_cast<double>(items) * perItem, 0, items});
        }
        cells.push_back(r);
    }
    return cells;
}

// An mpi strategy's scaling: mpi deals 16 tasks; mpi-distributed, a slice per rank.
inline std::vector<chunkscope::CellResult> mpiScaling(chunkscope::StrategyKind kind, const std::vector<int>& workers,
                                                      const std::vector<double>& medians, double perItem = 2e-9)
{
    const bool mpi = kind == chunkscope::StrategyKind::Mpi;
    return scalingCells(kind, mpi ? 16 : 1, workers, medians, perItem,
                        [mpi](int w) { return mpi ? std::size_t{16} : static_cast<std::size_t>(w); });
}

inline chunkscope::MpiLink link(double latency, double bandwidth,
                                chunkscope::MpiTransport transport = chunkscope::MpiTransport::Shm)
{
    chunkscope::MpiLink l;
    l.options.transport = transport;
    l.latency_s = latency;
    l.bandwidth_bytes_per_s = bandwidth;
    l.points = {{8, latency}};
    return l;
}

// A Dask cluster's scaling (py-dask-cluster, py-dask-distributed): 8 chunks, a task each.
inline std::vector<chunkscope::CellResult> daskScaling(chunkscope::StrategyKind kind, const std::vector<int>& workers,
                                                       const std::vector<double>& medians, double perItem = 2e-9)
{
    return scalingCells(kind, 8, workers, medians, perItem, [](int) { return std::size_t{8}; });
}

// A LocalCluster's costs: a millisecond a task, 1 GB/s each way, 0.5 s + 0.1 s a worker to start.
inline chunkscope::DaskClusterCosts daskCosts()
{
    chunkscope::DaskClusterCosts k;
    k.workers = 3;
    k.start_s = 0.5;
    k.start_per_worker_s = 0.1;
    k.close_s = 0.2;
    k.task_s = 1e-3;
    k.scatter_bandwidth = 1e9;
    k.gather_bandwidth = 1e9;
    return k;
}

} // namespace testcells

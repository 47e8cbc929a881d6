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

// The sequential baseline first, then one warm cell per worker count; each rank's slice
// computes at perItem seconds per item; the medians are as given.
inline std::vector<chunkscope::CellResult> mpiScaling(chunkscope::StrategyKind kind, const std::vector<int>& workers,
                                                      const std::vector<double>& medians, double perItem = 2e-9)
{
    chunkscope::RunConfig base = baseConfig(kind);
    base.workload.size = 2'000'000;
    base.pool = chunkscope::PoolLifetime::Warm;
    std::vector<chunkscope::CellResult> cells{baseline(base, 0.008)};
    for (std::size_t i = 0; i < workers.size(); ++i) {
        chunkscope::RunConfig c = base;
        c.workers = workers[i];
        chunkscope::CellResult r = cell(c, kind == chunkscope::StrategyKind::Mpi ? 16 : 1, 1, medians[i]);
        const std::size_t parts = kind == chunkscope::StrategyKind::Mpi ? 16 : static_cast<std::size_t>(workers[i]);
        for (std::size_t t = 0; t < parts; ++t) {
            const std::size_t items = chunkscope::part_begin(c.workload.size, parts, t + 1) -
                                      chunkscope::part_begin(c.workload.size, parts, t);
            r.events.push_back({0, static_cast<std::uint32_t>(t), 0.0, static_cast<double>(items) * perItem, 0, items});
        }
        cells.push_back(r);
    }
    return cells;
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

// A Dask cluster's scaling (py-dask-cluster, py-dask-distributed): the baseline, then one warm
// cell per worker count of 8 chunks whose tasks compute at perItem seconds per item.
inline std::vector<chunkscope::CellResult> daskScaling(chunkscope::StrategyKind kind, const std::vector<int>& workers,
                                                       const std::vector<double>& medians, double perItem = 2e-9)
{
    chunkscope::RunConfig base = baseConfig(kind);
    base.workload.size = 2'000'000;
    base.pool = chunkscope::PoolLifetime::Warm;
    std::vector<chunkscope::CellResult> cells{baseline(base, 0.008)};
    for (std::size_t i = 0; i < workers.size(); ++i) {
        chunkscope::RunConfig c = base;
        c.workers = workers[i];
        chunkscope::CellResult r = cell(c, 8, 1, medians[i]);
        for (std::size_t t = 0; t < 8; ++t) {
            const std::size_t items = chunkscope::part_begin(c.workload.size, 8, t + 1) -
                                      chunkscope::part_begin(c.workload.size, 8, t);
            r.events.push_back({static_cast<int>(t) % workers[i], static_cast<std::uint32_t>(t), 0.0,
                                static_cast<double>(items) * perItem, 0, items});
        }
        cells.push_back(r);
    }
    return cells;
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

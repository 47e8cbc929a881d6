// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The small configs the core's tests run: one repetition, no warm-up.

#include "chunkscope/config.h"
#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"

#include <algorithm>
#include <cstddef>

namespace chunkscope::support {

// Whether this build has chunkscope-mpi (tests/CMakeLists.txt): without Open MPI the mpi
// strategies are listed, unavailable, and compare runs the others.
#ifdef CHUNKSCOPE_TEST_WITH_MPI
inline constexpr bool kBuiltWithMpi = true;
#else
inline constexpr bool kBuiltWithMpi = false;
#endif

// How many strategies compare runs here: all of them, but the mpi ones in a build without MPI.
inline std::size_t strategies_compare_runs()
{
    const auto& all = strategy_registry();
    return kBuiltWithMpi ? all.size()
                         : all.size() - std::count_if(all.begin(), all.end(),
                                                      [](const StrategyInfo& s) { return is_mpi(s.kind); });
}

// py-dask-cluster and py-dask-distributed start a Dask cluster (a second or two) for every fresh
// run: the suites that run every strategy leave them to test_dask.cpp, which shares warm ones.
inline bool starts_a_cluster(StrategyKind kind)
{
    return kind == StrategyKind::PyDaskCluster || kind == StrategyKind::PyDaskDistributed;
}

inline RunConfig small_config(StrategyKind kind, std::size_t size, std::size_t splits, std::size_t chunk,
                              int workers = 2)
{
    RunConfig c;
    c.strategy = kind;
    c.workload.size = size;
    c.splits = splits;
    c.chunksize = chunk;
    c.workers = workers;
    c.repeats = 1;
    c.warmup = 0;
    return c;
}

} // namespace chunkscope::support

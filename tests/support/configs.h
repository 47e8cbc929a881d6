#pragma once
// The small configs the core's tests run: one repetition, no warm-up.

#include "chunkscope/config.h"

#include <cstddef>

namespace chunkscope::testing {

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

} // namespace chunkscope::testing

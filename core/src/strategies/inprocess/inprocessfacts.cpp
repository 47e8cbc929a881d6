// SPDX-License-Identifier: GPL-3.0-or-later
#include "inprocessfacts.h"

#include "floorterms.h"

namespace chunkscope::facts {

using detail::floor_terms;
using detail::FloorTerms;

OwnFloor sequential_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    const FloorTerms t = floor_terms(c, l, cores);
    f.phases.compute_s = t.compute_s;
    f.total_s = t.compute_s;
    return f;
}

// Threads share the vector: the machine floor, plus starting them.
OwnFloor threads_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    const FloorTerms t = floor_terms(c, l, cores);
    f.phases.startup_s = c.pool == PoolLifetime::Fresh ? t.workers * l.mechanisms.thread_start_s : 0;
    f.phases.compute_s = t.compute_s;
    f.total_s = f.phases.startup_s + f.phases.compute_s;
    return f;
}

// tbb keeps its own threads: the machine floor.
OwnFloor tbb_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    const FloorTerms t = floor_terms(c, l, cores);
    f.phases.compute_s = t.compute_s;
    f.total_s = t.compute_s;
    return f;
}

} // namespace chunkscope::facts

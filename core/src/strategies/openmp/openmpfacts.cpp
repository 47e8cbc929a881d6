// SPDX-License-Identifier: GPL-3.0-or-later
#include "openmpfacts.h"

#include "floorterms.h"

#include <omp.h>

namespace chunkscope {

Availability omp_available()
{
    if (omp_get_thread_limit() < 2)
        return {false, "OMP_THREAD_LIMIT caps every OpenMP team at one thread", "unset OMP_THREAD_LIMIT"};
    if (omp_get_dynamic())
        return {false, "OMP_DYNAMIC lets the OpenMP runtime give a team fewer threads than its workers",
                "unset OMP_DYNAMIC"};
    return {};
}

} // namespace chunkscope

namespace chunkscope::facts {

namespace {

// A team shares the vector: the machine floor, plus starting the team when it is fresh.
OwnFloor omp_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    return detail::thread_team_floor(c, l, cores, c.pool == PoolLifetime::Fresh && kOmpReleasesThreads);
}

} // namespace

constinit const StrategyFacts kOmp{
    .own_floor = omp_floor,
    .floor_model = "the machine floor (bytes over bandwidth, arithmetic over min(W, cores)),\n"
        "plus W thread starts when the team is fresh.",
    .lesson = "static deals the chunks out before the loop starts: no shared counter, but a slow chunk holds "
        "its thread; dynamic takes the next chunk from a shared counter when a thread is free, like the threads "
        "strategy's queue; guided starts with big chunks and shrinks them. Chunk 1 on many parts is one trip to "
        "the counter per part."};

} // namespace chunkscope::facts

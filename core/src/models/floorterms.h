// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every family's own-floor model (strategies/<family>/<family>facts.h) builds on: the run's
// items and workers, the cores they can use, the machine floor over those cores, and pages.

#include "chunkscope/config.h"
#include "chunkscope/mechanisms.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/speedlimit.h"

namespace chunkscope::detail {

struct FloorTerms {
    double n = 0;          // items
    double workers = 1;
    double busy = 1;       // cores the workers can use at once: min(workers, cores)
    double compute_s = 0;  // the arithmetic and the memory traffic over those cores (the machine floor)
};

FloorTerms floor_terms(const RunConfig& config, const SpeedLimits& limits, int logical_cores);

// Threads that share the vector (threads, omp): the machine floor, plus W thread starts when the
// team is started inside the timed run (team_starts).
OwnFloor thread_team_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores, bool team_starts);

// Pages of `bytes`, rounded up (4 KiB ones where the base page size was not measured).
double pages(double bytes, const MechanismCosts& m);

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "floorterms.h"

#include <algorithm>
#include <cmath>

namespace chunkscope::detail {

FloorTerms floor_terms(const RunConfig& c, const SpeedLimits& l, int cores)
{
    FloorTerms t;
    t.n = static_cast<double>(c.workload.size);
    t.workers = std::max(1, c.workers);
    t.busy = std::max(1.0, std::min(t.workers, static_cast<double>(std::max(1, cores))));
    t.compute_s = floor_seconds(c, l, cores);
    return t;
}

OwnFloor thread_team_floor(const RunConfig& c, const SpeedLimits& l, int cores, bool team_starts)
{
    OwnFloor f;
    const FloorTerms t = floor_terms(c, l, cores);
    f.phases.startup_s = team_starts ? t.workers * l.mechanisms.thread_start_s : 0;
    f.phases.compute_s = t.compute_s;
    f.total_s = f.phases.startup_s + f.phases.compute_s;
    return f;
}

double pages(double bytes, const MechanismCosts& m)
{
    const double page = m.page_bytes > 0 ? static_cast<double>(m.page_bytes) : 4096.0;
    return std::max(1.0, std::ceil(bytes / page));
}

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpifacts.h"

#include "floorterms.h"

#include "chunkscope/mpi.h"
#include "chunkscope/netmodel.h"

namespace chunkscope::facts {

using detail::floor_terms;
using detail::FloorTerms;

namespace {

// The link measured for the run's MPI options, or null.
const MpiLink* link_for(const RunConfig& c, const SpeedLimits& l)
{
    for (const MpiLink& link : l.mpi_links)
        if (link.error.empty() && link.options.transport == c.mpi.transport &&
            link.options.hostfile == c.mpi.hostfile && link.bandwidth_bytes_per_s > 0)
            return &link;
    return nullptr;
}

// The network model (netmodel.h) on the link measured here; a warm job only, as what a fresh
// launch costs is fitted from a scaling's cells, not measured on its own. Nothing without both.
bool predict(const RunConfig& c, const SpeedLimits& l, int cores, CellPrediction& p)
{
    const MpiLink* link = link_for(c, l);
    if (!link || c.pool == PoolLifetime::Fresh)
        return false;
    const FloorTerms t = floor_terms(c, l, cores);
    ModelInput in;
    in.network = Network{link->latency_s, link->bandwidth_bytes_per_s};
    in.compute_s_per_item = t.compute_s * t.busy / t.n;   // one rank alone on a core
    in.cores = cores;
    p = predict_cell(c, in);
    return true;
}

} // namespace

OwnFloor mpi_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    CellPrediction p;
    if (!predict(c, l, cores, p))
        return f;
    // Rank 0's link is busy with the items going out and coming back in equal measure.
    f.phases.scatter_s = p.network_s / 2;
    f.phases.gather_s = p.network_s / 2;
    f.phases.compute_s = p.compute_s;
    f.total_s = p.total_s;
    return f;
}

OwnFloor mpi_distributed_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    CellPrediction p;
    if (!predict(c, l, cores, p))
        return f;
    // Only the timings travel, gathered at the end.
    f.phases.scatter_s = 0;
    f.phases.gather_s = p.network_s;
    f.phases.compute_s = p.compute_s;
    f.total_s = p.total_s;
    return f;
}

} // namespace chunkscope::facts

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

// The network model's cell as phases: `scatter` of its network time goes out before the
// workers compute, the rest comes back (gather).
OwnFloor network_floor(const RunConfig& c, const SpeedLimits& l, int cores, double scatter)
{
    OwnFloor f;
    CellPrediction p;
    if (!predict(c, l, cores, p))
        return f;
    f.phases.scatter_s = scatter * p.network_s;
    f.phases.gather_s = (1 - scatter) * p.network_s;
    f.phases.compute_s = p.compute_s;
    f.total_s = p.total_s;
    return f;
}

// Rank 0's link is busy with the items going out and coming back in equal measure.
OwnFloor mpi_floor(const RunConfig& c, const SpeedLimits& l, int cores) { return network_floor(c, l, cores, 0.5); }

// Only the timings travel, gathered at the end.
OwnFloor mpi_distributed_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    return network_floor(c, l, cores, 0);
}

} // namespace

constinit const StrategyFacts kMpi{
    .own_floor = mpi_floor,
    .floor_model = "warm: the network model on the link measured here (machine --mpi): rank 0's link moves 2 N 8\n"
        "bytes one transfer at a time (alpha + n / beta each), the workers computing meanwhile.",
    .lesson = "Every part travels to a worker rank and back, as in fork-split, but Open MPI moves it with one "
        "copy where pipes take two; a fresh pool also pays for mpirun and MPI_Init."};

constinit const StrategyFacts kMpiDistributed{
    .own_floor = mpi_distributed_floor,
    .floor_model = "warm: the largest slice's arithmetic on one core, then the timings gathered in log2 P\n"
        "steps of alpha on the link measured here (machine --mpi).",
    .lesson = "Nothing but timings and checksums travels: each rank makes and computes its own slice, so it "
        "scales like threads, and with more machines the vector can outgrow one machine's memory."};

} // namespace chunkscope::facts

// SPDX-License-Identifier: GPL-3.0-or-later
#include "inprocessfacts.h"

#include "floorterms.h"

namespace chunkscope::facts {

using detail::floor_terms;
using detail::FloorTerms;

namespace {

// Sequential, tbb and std-par (oneTBB keeps its own threads): the machine floor (floor_seconds, one core
// for sequential), nothing besides.
OwnFloor machine_floor(const RunConfig& c, const SpeedLimits& l, int cores)
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
    return detail::thread_team_floor(c, l, cores, c.pool == PoolLifetime::Fresh);
}

} // namespace

constinit const StrategyFacts kSequential{
    .own_floor = machine_floor,
    .floor_model = "one core: the larger of 16 N bytes over the memory bandwidth and N items of arithmetic.",
    .lesson = "No overhead, one core: the baseline every speedup is measured against."};

constinit const StrategyFacts kThreads{
    .own_floor = threads_floor,
    .floor_model = "the machine floor (bytes over bandwidth, arithmetic over min(W, cores)),\n"
        "plus W thread starts when the pool is fresh.",
    .lesson = "No copies and no new address space: only the queue and the balance of the load cost, so it "
        "comes closest to the floor."};

constinit const StrategyFacts kTbb{
    .own_floor = machine_floor,
    .floor_model = "the machine floor (bytes over bandwidth, arithmetic over min(W, cores));\n"
        "tbb's threads are started once per process.",
    .lesson = "Work stealing balances the load by itself; the grain size (chunksize) trades scheduling "
        "overhead against balance."};

constinit const StrategyFacts kStdPar{
    .own_floor = machine_floor,
    .floor_model = "the machine floor (bytes over bandwidth, arithmetic over min(W, cores));\n"
        "the library runs on oneTBB, whose threads are started once per process.",
    .lesson = "No knob at all: libstdc++ hands the range to oneTBB, which cuts it by itself as the threads "
        "run (auto_partitioner). Near the floor with nothing to tune, and nothing to see: its tasks are the "
        "library's, so the timeline has none."};

} // namespace chunkscope::facts

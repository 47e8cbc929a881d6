// SPDX-License-Identifier: GPL-3.0-or-later
// The plan, the registry and the phases: what every front end asks the core instead of
// deciding for itself.

#include "chunkscope/mpi.h"
#include "chunkscope/phases.h"
#include "chunkscope/plan.h"
#include "chunkscope/registry.h"
#include "chunkscope/strategy.h"

#include "support/configs.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace chunkscope;

namespace {

RunConfig base(StrategyKind kind)
{
    return chunkscope::support::small_config(kind, 1000, 5, 2, 3);
}

} // namespace

TEST(Registry, EveryStrategyHasOneEntryThatMakesIt)
{
    std::set<std::string_view> names;
    for (const StrategyInfo& s : strategy_registry()) {
        SCOPED_TRACE(std::string(s.name));
        EXPECT_TRUE(names.insert(s.name).second) << "names are unique";
        EXPECT_FALSE(s.description.empty());
        EXPECT_EQ(to_string(s.kind), s.name);
        EXPECT_EQ(parse_strategy(s.name), s.kind);
        EXPECT_EQ(describe(s.kind), s.description);
        ASSERT_NE(s.make, nullptr);
        EXPECT_EQ(make_strategy(s.kind)->kind(), s.kind);
        EXPECT_TRUE(availability(s.kind).available || (is_mpi(s.kind) && !chunkscope::support::kBuiltWithMpi))
            << availability(s.kind).reason;
    }
    EXPECT_EQ(names.size(), all_strategies().size());
    EXPECT_EQ(strategy_names(), "sequential, fork-items, fork-split, fork-shm, threads, tbb, omp, std-par, py-sequential, py-items, "
                                "py-split, py-shm, py-threads, py-numexpr, py-numba, py-futures, py-joblib, py-dask, "
                                "py-dask-cluster, py-dask-distributed, mpi, mpi-distributed");
}

TEST(Registry, KnobsSayWhatEachStrategyUses)
{
    EXPECT_FALSE(strategy_info(StrategyKind::Sequential).uses(Knob::Workers));
    EXPECT_FALSE(strategy_info(StrategyKind::ForkItems).uses(Knob::Splits));
    EXPECT_TRUE(strategy_info(StrategyKind::ForkItems).parts_are_items);
    EXPECT_TRUE(strategy_info(StrategyKind::Tbb).uses(Knob::Partitioner));
    EXPECT_FALSE(strategy_info(StrategyKind::Tbb).uses(Knob::Pool));
    EXPECT_EQ(strategy_info(StrategyKind::ForkShm).memory, BufferMemory::Shared);
}

TEST(Plan, SweepOfAStrategyWithoutSplitsHasOneRow)
{
    SweepSpec spec{base(StrategyKind::ForkItems), {1, 2, 4}, {8, 16}, false};
    const SweepSpec plan = sweep_plan(spec);
    EXPECT_EQ(plan.splits_list, std::vector<std::size_t>{5});
    EXPECT_EQ(plan.chunks_list, (std::vector<std::size_t>{8, 16}));
    EXPECT_EQ(sweep_cells(plan).size(), 2u);
    for (const RunConfig& c : sweep_cells(plan))
        EXPECT_EQ(grid_point(c).splits, 1000u) << "fork-items cuts at every item";
}

TEST(Plan, SweepOfSequentialIsOneCellAndEmptyListsAreTheTutorialsGrid)
{
    EXPECT_EQ(sweep_cells(sweep_plan({base(StrategyKind::Sequential), {1, 2}, {1, 2}, false})).size(), 1u);
    const SweepSpec plan = sweep_plan({base(StrategyKind::ForkSplit), {}, {}, false});
    EXPECT_EQ(plan.splits_list, default_grid());
    EXPECT_EQ(sweep_cells(plan).size(), 64u);
    EXPECT_EQ(sweep_cells(plan)[1].splits, 1u) << "row-major: splits outer";
    EXPECT_EQ(sweep_cells(plan)[1].chunksize, 2u);
}

TEST(Plan, ResolvedConfigIsWhatRuns)
{
    RunConfig c = base(StrategyKind::ForkItems);
    c.chunksize_auto = true;
    EXPECT_EQ(resolved(c).chunksize, (1000u + 11) / 12) << "Python's ceil(parts / (4 x workers))";
    EXPECT_EQ(resolved(c).splits, 1000u);
    EXPECT_EQ(resolved(base(StrategyKind::Sequential)).workers, 1);
    EXPECT_EQ(grid_point(base(StrategyKind::Sequential)), (GridPoint{1, 1}));
}

TEST(Plan, CompareRunsEveryRegistryEntrySequentialFirst)
{
    const auto plan = compare_plan(base(StrategyKind::Threads));
    ASSERT_EQ(plan.size(), chunkscope::support::strategies_compare_runs());
    EXPECT_EQ(plan.front().strategy, StrategyKind::Sequential);
    for (const RunConfig& c : plan)
        EXPECT_EQ(c.chunksize_auto, strategy_info(c.strategy).parts_are_items);
}

TEST(Plan, DefaultWorkerCountsStayWithinTheLimit)
{
    EXPECT_EQ(default_workers_list(2), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(default_workers_list(0), (std::vector<int>{1, 2}));
    const auto many = default_workers_list(1000);
    EXPECT_EQ(many.back(), kMaxWorkers);
    for (std::size_t i = 1; i < many.size(); ++i)
        EXPECT_LT(many[i - 1], many[i]);
    EXPECT_EQ(scale_plan(base(StrategyKind::Tbb), {1, 4}).back().workers, 4);
}

TEST(Plan, BaselineAndExperiments)
{
    const RunConfig c = base(StrategyKind::Tbb);
    const RunConfig b = baseline_of(c);
    EXPECT_EQ(b.strategy, StrategyKind::Sequential);
    EXPECT_EQ(b.workload, c.workload);
    EXPECT_TRUE(needs_baseline(c));
    EXPECT_FALSE(needs_baseline(b));
    RunConfig other = c;
    other.splits = 64;
    other.pool = PoolLifetime::Warm;   // tbb has no pool: still the same experiment
    EXPECT_TRUE(same_experiment(c, other));
    other.partitioner = Partitioner::Static;
    EXPECT_FALSE(same_experiment(c, other));
}

TEST(Phases, AreDataWithNamesAndADominantOne)
{
    Phases p;
    for (Phase phase : kAllPhases)
        EXPECT_EQ(parse_phase(to_string(phase)), phase);
    EXPECT_FALSE(dominant_phase(p).has_value());
    EXPECT_EQ(dominant_share(p), 0.0);
    p[Phase::Scatter] = 2;
    p[Phase::Gather] = 2;   // a tie goes to the earlier phase
    p[Phase::Compute] = 1;
    EXPECT_EQ(p.scatter_s, 2);
    EXPECT_EQ(dominant_phase(p), Phase::Scatter);
    EXPECT_DOUBLE_EQ(dominant_share(p), 0.4);
    EXPECT_DOUBLE_EQ(p.total(), 5);
}

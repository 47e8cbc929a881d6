// SPDX-License-Identifier: GPL-3.0-or-later
// The warm-up rule (warmup.h) and every loop that follows it: the engine's, the tutorial's
// Python module's and the MPI worker's.

#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"
#include "chunkscope/statistics.h"
#include "chunkscope/warmup.h"
#include "support/configs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace chunkscope {
namespace {

using support::small_config;

TEST(WarmupRule, AFixedCountIsThatManyRuns)
{
    EXPECT_TRUE(warmup_done(0, {}));
    const std::vector<double> two{0.1, 0.5};
    EXPECT_FALSE(warmup_done(3, two));
    EXPECT_TRUE(warmup_done(2, two));
    EXPECT_FALSE(warmup_settled(two));
}

TEST(WarmupRule, SettledWhenTwoRunsInARowAgreeWithinFivePercent)
{
    EXPECT_FALSE(warmup_done(kWarmupSettle, std::vector<double>{}));
    EXPECT_FALSE(warmup_done(kWarmupSettle, std::vector<double>{0.1})) << "one run has nothing to agree with";
    EXPECT_FALSE(warmup_done(kWarmupSettle, std::vector<double>{0.369, 0.138}));
    EXPECT_FALSE(warmup_done(kWarmupSettle, std::vector<double>{0.369, 0.138, 0.089}));
    const std::vector<double> settled{0.369, 0.138, 0.089, 0.085};
    EXPECT_TRUE(warmup_done(kWarmupSettle, settled)) << "89 and 85 ms agree within 5 %";
    EXPECT_TRUE(warmup_settled(settled));
    // Within 5 % of the faster of the two, either way round.
    EXPECT_TRUE(warmup_settled(std::vector<double>{1.0, 1.049}));
    EXPECT_TRUE(warmup_settled(std::vector<double>{1.049, 1.0}));
    EXPECT_FALSE(warmup_settled(std::vector<double>{1.0, 1.051}));
}

TEST(WarmupRule, CappedByRunsAndBySeconds)
{
    std::vector<double> noisy;
    for (int i = 0; i < kSettleRule.max_runs - 1; ++i)
        noisy.push_back(i % 2 ? 0.001 : 0.002);
    EXPECT_FALSE(warmup_done(kWarmupSettle, noisy));
    noisy.push_back(0.001);
    EXPECT_TRUE(warmup_done(kWarmupSettle, noisy)) << "at most max_runs";
    EXPECT_FALSE(warmup_settled(noisy)) << "capped, not settled";
    // A long cell stops once max_seconds of warm-up have passed, with min_runs made.
    EXPECT_FALSE(warmup_done(kWarmupSettle, std::vector<double>{5.0}));
    EXPECT_TRUE(warmup_done(kWarmupSettle, std::vector<double>{5.0, 2.0}));
    EXPECT_EQ(warmup_text(kWarmupSettle), "settle");
    EXPECT_EQ(warmup_text(3), "3");
    EXPECT_EQ(describe_settle_rule(), "until two runs in a row agree within 5 % (2 to 10 runs, at most 3 s)");
}

TEST(WarmupRule, ValidationNamesTheRule)
{
    RunConfig c = small_config(StrategyKind::Threads, 1000, 4, 1);
    c.warmup = kWarmupSettle;
    EXPECT_FALSE(validate(c));
    c.warmup = -2;
    const auto problem = validate(c);
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("\"settle\": until two runs in a row agree"), std::string::npos) << *problem;
}

// The cell every family's loop is tried on: 20,000 items in 8 parts on 2 workers.
RunConfig family_cell(StrategyKind kind, PoolLifetime pool, int repeats, int warmup)
{
    RunConfig c = small_config(kind, 20'000, 8, 2);
    c.pool = pool;
    c.repeats = repeats;
    c.warmup = warmup;
    return c;
}

// Every strategy family counts its warm-up runs the same way: a fixed count exactly, the rule
// from its minimum to its cap.
void expect_warmup_counted(StrategyKind kind, PoolLifetime pool = PoolLifetime::Fresh)
{
    if (!availability(kind).available)
        GTEST_SKIP() << availability(kind).reason;
    Runner runner;
    RunConfig c = family_cell(kind, pool, 2, 3);
    const CellResult fixed = runner.run(c);
    ASSERT_EQ(fixed.status, Status::Ok) << fixed.error;
    EXPECT_EQ(fixed.warmup_runs, 3);
    EXPECT_FALSE(fixed.warmup_settled);
    EXPECT_EQ(fixed.samples.size(), 2u);
    c.warmup = kWarmupSettle;
    const CellResult settle = runner.run(c);
    ASSERT_EQ(settle.status, Status::Ok) << settle.error;
    EXPECT_GE(settle.warmup_runs, kSettleRule.min_runs);
    EXPECT_LE(settle.warmup_runs, kSettleRule.max_runs);
    EXPECT_EQ(settle.samples.size(), 2u) << "the repetitions come after the warm-up";
    EXPECT_TRUE(settle.warmup_settled || settle.warmup_runs == kSettleRule.max_runs)
        << settle.warmup_runs << " warm-up runs, not settled and not capped";
}

TEST(WarmupCounted, Engine) { expect_warmup_counted(StrategyKind::ForkSplit); }
TEST(WarmupCounted, Threads) { expect_warmup_counted(StrategyKind::Threads); }
TEST(WarmupCounted, TutorialPython) { expect_warmup_counted(StrategyKind::PySplit); }
TEST(WarmupCounted, MpiFresh) { expect_warmup_counted(StrategyKind::Mpi); }
TEST(WarmupCounted, MpiWarm) { expect_warmup_counted(StrategyKind::MpiDistributed, PoolLifetime::Warm); }

// The cell budget (next_run), with fake walls: a run is estimated as long as the latest.
TEST(CellBudget, ASlowCellGetsFewerRunsAndAtLeastOneTimed)
{
    using V = std::vector<double>;
    EXPECT_EQ(next_run(2, 3, 0, V{}, V{}), NextRun::Warmup);
    EXPECT_EQ(next_run(2, 3, 5.0, V{}, V{}), NextRun::Warmup) << "nothing is known before the first run";
    EXPECT_EQ(next_run(2, 3, 5.0, V{3.0}, V{}), NextRun::Timed) << "3 s + 3 s x (this and 3 repetitions) > 5 s";
    EXPECT_EQ(next_run(2, 3, 5.0, V{3.0}, V{3.0}), NextRun::Stop) << "6 s spent + 3 s > 5 s";
    EXPECT_EQ(next_run(2, 3, 5.0, V{20.0}, V{}), NextRun::Timed) << "never fewer than one timed run";
    EXPECT_EQ(next_run(2, 3, 5.0, V{1.5}, V{1.5}), NextRun::Timed);
    EXPECT_EQ(next_run(2, 3, 5.0, V{1.5}, V{1.5, 1.5}), NextRun::Stop);
    EXPECT_EQ(next_run(0, 3, 5.0, V{}, V{}), NextRun::Timed);
    EXPECT_EQ(next_run(kWarmupSettle, 3, 0, V{9.0}, V{}), NextRun::Warmup) << "no budget: the rule alone";
    // A fast cell gets all it asked for, and is not cut.
    EXPECT_EQ(next_run(2, 3, 5.0, V{0.1}, V{}), NextRun::Warmup);
    EXPECT_EQ(next_run(2, 3, 5.0, V{0.1, 0.1}, V{}), NextRun::Timed);
    EXPECT_EQ(next_run(2, 3, 5.0, V{0.1, 0.1}, V{0.1, 0.1, 0.1}), NextRun::Stop);
    EXPECT_FALSE(budget_cut(2, 3, 5.0, V{0.1, 0.1}, 3));
    EXPECT_TRUE(budget_cut(2, 3, 5.0, V{3.0}, 1)) << "one warm-up of two, one repetition of three";
    EXPECT_TRUE(budget_cut(2, 3, 5.0, V{1.0}, 3)) << "the warm-up alone was cut";
    EXPECT_FALSE(budget_cut(2, 3, 0, V{1.0}, 1)) << "no budget, nothing cut (a cancelled cell)";
    // A first run longer than the whole budget is the timed run: no second run of a 54 s cell.
    EXPECT_TRUE(first_run_is_timed(5.0, 0, 54.0));
    EXPECT_FALSE(first_run_is_timed(5.0, 0, 4.0));
    EXPECT_FALSE(first_run_is_timed(5.0, 1, 54.0)) << "only the first";
    EXPECT_FALSE(first_run_is_timed(0, 0, 54.0)) << "no budget";
    EXPECT_EQ(next_run(2, 3, 5.0, V{}, V{54.0}), NextRun::Stop);
    EXPECT_TRUE(budget_cut(2, 3, 5.0, V{}, 1));
}

TEST(CellBudget, ValidationSaysWhatIsAllowed)
{
    EXPECT_EQ(cell_budget_problem(0), "");
    EXPECT_EQ(cell_budget_problem(kDefaultCellBudgetS), "");
    EXPECT_EQ(cell_budget_problem(-1), "cell budget: got -1 s; allowed: 0 (no budget) to 3600 s");
    EXPECT_NE(cell_budget_problem(std::numeric_limits<double>::infinity()), "");
    EXPECT_NE(cell_budget_problem(std::numeric_limits<double>::quiet_NaN()), "");
    RunConfig c = small_config(StrategyKind::Threads, 1000, 4, 1);
    c.cell_budget_s = 4000;
    const auto problem = validate(c);
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "cell budget: got 4000 s; allowed: 0 (no budget) to 3600 s");
}

// Every strategy family follows the budget: with a tiny one the first run, longer than all of
// it, is the one timed run, and the cell says it was cut.
void expect_budget_cut(StrategyKind kind, PoolLifetime pool = PoolLifetime::Fresh)
{
    if (!availability(kind).available)
        GTEST_SKIP() << availability(kind).reason;
    Runner runner;
    RunConfig c = family_cell(kind, pool, 5, 3);
    c.cell_budget_s = 1e-9;
    const CellResult r = runner.run(c);
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_EQ(r.warmup_runs, 0);
    EXPECT_EQ(r.samples.size(), 1u);
    EXPECT_TRUE(r.budget_cut);
    c.cell_budget_s = 0;
    c.repeats = 2;
    c.warmup = 1;
    const CellResult all = runner.run(c);
    ASSERT_EQ(all.status, Status::Ok) << all.error;
    EXPECT_EQ(all.samples.size(), 2u);
    EXPECT_FALSE(all.budget_cut);
}

TEST(CellBudgetCut, Engine) { expect_budget_cut(StrategyKind::ForkSplit); }
TEST(CellBudgetCut, Threads) { expect_budget_cut(StrategyKind::Threads); }
TEST(CellBudgetCut, TutorialPython) { expect_budget_cut(StrategyKind::PySplit); }
TEST(CellBudgetCut, MpiFresh) { expect_budget_cut(StrategyKind::Mpi); }
TEST(CellBudgetCut, MpiWarm) { expect_budget_cut(StrategyKind::MpiDistributed, PoolLifetime::Warm); }

// The case, on injected timings: the first cell of a sweep (1 x 1) and an identical
// second one (1 x 2, the same single task) were 138 vs 85 ms in median after one warm-up run
// each, because the first cell's cold start (369, 138 ms) fell into its repetitions. A cell's
// loop is next_run's decisions fed with walls: the first cell's runs start cold, the second's
// are warm already. With the rule the cold start stays in the first cell's warm-up, and the two
// medians are the same. (Whether a real sweep settles that way on this machine is a timing,
// not a behaviour: it belongs in bench/, not here.)
struct SimulatedCell {
    std::vector<double> warm;
    std::vector<double> timed;
};
SimulatedCell simulate_cell(int warmup, int repeats, double budget_s, const std::vector<double>& walls)
{
    SimulatedCell cell;
    std::size_t next = 0;
    for (;;) {
        const NextRun what = next_run(warmup, repeats, budget_s, cell.warm, cell.timed);
        if (what == NextRun::Stop)
            break;
        // The cold start is in the stream once; after it every run takes the last wall.
        const double wall = walls[std::min(next++, walls.size() - 1)];
        (what == NextRun::Warmup ? cell.warm : cell.timed).push_back(wall);
    }
    return cell;
}

TEST(WarmupSettles, TwoIdenticalCellsGetTheSameMedian)
{
    const std::vector<double> cold{0.369, 0.138, 0.089, 0.085};
    const std::vector<double> warm{0.085};
    const SimulatedCell first = simulate_cell(kWarmupSettle, 5, 0, cold);
    const SimulatedCell second = simulate_cell(kWarmupSettle, 5, 0, warm);
    EXPECT_EQ(first.warm, cold) << "warm-up goes on until 89 and 85 ms agree";
    EXPECT_TRUE(warmup_settled(first.warm));
    EXPECT_EQ(second.warm.size(), static_cast<std::size_t>(kSettleRule.min_runs));
    ASSERT_EQ(first.timed.size(), 5u);
    ASSERT_EQ(second.timed.size(), 5u);
    EXPECT_EQ(median(first.timed), median(second.timed)) << "the cold start is not in the first cell's median";
    // The old way, one fixed warm-up run: the cold start's 138 ms is in the first cell's
    // repetitions, and its median is another than the second cell's.
    const SimulatedCell first_fixed = simulate_cell(1, 3, 0, cold);
    const SimulatedCell second_fixed = simulate_cell(1, 3, 0, warm);
    EXPECT_EQ(first_fixed.timed, (std::vector<double>{0.138, 0.089, 0.085}));
    EXPECT_NE(median(first_fixed.timed), median(second_fixed.timed));
    // A budget does not let the cold start back into the repetitions: it cuts the warm-up
    // short only when the runs would not fit, and then says so.
    const SimulatedCell budgeted = simulate_cell(kWarmupSettle, 5, 10.0, cold);
    EXPECT_EQ(budgeted.warm, cold);
    EXPECT_FALSE(budget_cut(kWarmupSettle, 5, 10.0, budgeted.warm, budgeted.timed.size()));
}

} // namespace
} // namespace chunkscope

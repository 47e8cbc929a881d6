// SPDX-License-Identifier: GPL-3.0-or-later
// The omp strategy's schedules hand out the tasks as OpenMP says they do, its team is the one
// asked for, and a fresh team is released between runs; std-par needs no splits or chunksize.

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"
#include "chunkscope/strategy.h"

#include "support/configs.h"

#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace chunkscope;

namespace {

RunConfig omp(Schedule schedule, std::size_t splits, std::size_t chunk, int workers)
{
    RunConfig c = support::small_config(StrategyKind::Omp, 40'000, splits, chunk, workers);
    c.schedule = schedule;
    return c;
}

// Task number -> the worker that ran it; every task once.
std::map<std::uint32_t, int> tasks_of(const CellResult& r)
{
    std::map<std::uint32_t, int> by_task;
    for (const TaskEvent& e : r.events) {
        EXPECT_TRUE(by_task.emplace(e.task, e.worker).second) << "task " << e.task << " ran twice";
        EXPECT_LE(e.start_s, e.end_s);
    }
    return by_task;
}

int threads_of_this_process()
{
    int n = 0;
    DIR* d = opendir("/proc/self/task");
    while (const dirent* e = d ? readdir(d) : nullptr)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

} // namespace

TEST(Omp, StaticDealsTheChunksRoundRobin)
{
    Runner runner;
    const CellResult r = runner.run(omp(Schedule::Static, 24, 2, 3)); // 12 tasks of 2 parts
    ASSERT_TRUE(r.verified) << r.error;
    const auto by_task = tasks_of(r);
    ASSERT_EQ(by_task.size(), 12u);
    for (const auto& [task, worker] : by_task)
        EXPECT_EQ(worker, static_cast<int>(task % 3)) << "task " << task;
}

TEST(Omp, TheDefaultScheduleGivesEachThreadOneBlock)
{
    Runner runner;
    const CellResult r = runner.run(omp(Schedule::Default, 64, 1, 4));
    ASSERT_TRUE(r.verified) << r.error;
    EXPECT_EQ(r.events.size(), 4u) << "one task of 16 parts per thread";
    std::set<int> workers;
    for (const TaskEvent& e : r.events) {
        workers.insert(e.worker);
        EXPECT_EQ(e.items, 10'000u);
    }
    EXPECT_EQ(workers.size(), 4u);
    EXPECT_EQ(task_count(omp(Schedule::Default, 64, 1, 4)), 4u);
    EXPECT_EQ(task_count(omp(Schedule::Default, 3, 1, 4)), 3u) << "fewer parts than threads: one part each";
}

TEST(Omp, DynamicAndGuidedRunEveryTaskOnceOnTheTeam)
{
    for (Schedule s : {Schedule::Dynamic, Schedule::Guided}) {
        Runner runner;
        const CellResult r = runner.run(omp(s, 100, 3, 2)); // 34 tasks
        ASSERT_TRUE(r.verified) << to_string(s) << ": " << r.error;
        const auto by_task = tasks_of(r);
        EXPECT_EQ(by_task.size(), 34u) << to_string(s);
        for (const auto& [task, worker] : by_task) {
            EXPECT_GE(worker, 0);
            EXPECT_LT(worker, 2);
        }
    }
}

TEST(Omp, EverySchedule256ThreadsOnTwoCoresVerify)
{
    for (Schedule s : all_schedules()) {
        Runner runner;
        RunConfig c = omp(s, 1000, 1, kMaxWorkers);
        c.workload.size = 100'003;
        const CellResult r = runner.run(c);
        EXPECT_EQ(r.status, Status::Ok) << to_string(s) << ": " << r.error;
        EXPECT_TRUE(r.verified) << to_string(s);
    }
}

TEST(Omp, AScheduleIsPartOfTheExperimentAndSaidInTheReports)
{
    EXPECT_TRUE(strategy_info(StrategyKind::Omp).uses(Knob::Schedule));
    for (const StrategyInfo& s : strategy_registry())
        EXPECT_EQ(s.uses(Knob::Schedule), s.kind == StrategyKind::Omp) << s.name;
    for (Schedule s : all_schedules())
        EXPECT_EQ(parse_schedule(to_string(s)), s);
    EXPECT_FALSE(parse_schedule("auto"));
    EXPECT_FALSE(same_experiment(omp(Schedule::Static, 8, 1, 2), omp(Schedule::Dynamic, 8, 1, 2)));
    RunConfig threads = omp(Schedule::Static, 8, 1, 2);
    threads.strategy = StrategyKind::Threads;
    RunConfig other = threads;
    other.schedule = Schedule::Guided;
    EXPECT_TRUE(same_experiment(threads, other)) << "the schedule does not apply to threads";
}

TEST(PyJoblib, MemmapIsPartOfItsExperimentOnlyAndTravelsInTheReports)
{
    for (const StrategyInfo& s : strategy_registry())
        EXPECT_EQ(s.uses(Knob::Memmap), s.kind == StrategyKind::PyJoblib) << s.name;
    RunConfig on = support::small_config(StrategyKind::PyJoblib, 1000, 8, 1, 2);
    RunConfig off = on;
    off.memmap = false;
    EXPECT_FALSE(same_experiment(on, off));
    on.strategy = off.strategy = StrategyKind::PySplit;
    EXPECT_TRUE(same_experiment(on, off)) << "memmap does not apply to py-split";
    EXPECT_EQ(parse_memmap(memmap_text(false)), false);
    EXPECT_EQ(parse_memmap("on"), true);
    EXPECT_FALSE(parse_memmap("yes"));
}

TEST(PyDaskCluster, TheSchedulerIsPartOfTheClustersExperimentOnlyAndNamesTheirPlaces)
{
    for (const StrategyInfo& s : strategy_registry()) {
        const bool cluster = s.kind == StrategyKind::PyDaskCluster || s.kind == StrategyKind::PyDaskDistributed;
        EXPECT_EQ(s.uses(Knob::DaskScheduler), cluster) << s.name;
        EXPECT_EQ(place_noun(s.kind), cluster ? "Dask worker" : "rank") << s.name;
    }
    for (StrategyKind kind : {StrategyKind::PyDaskCluster, StrategyKind::PyDaskDistributed}) {
        RunConfig local = support::small_config(kind, 1000, 8, 1, 2);
        RunConfig there = local;
        there.dask_scheduler = "tcp://10.0.0.5:8786";
        EXPECT_FALSE(same_experiment(local, there)) << to_string(kind) << ": a LocalCluster is not that cluster";
        RunConfig elsewhere = there;
        elsewhere.dask_scheduler = "tcp://10.0.0.6:8786";
        EXPECT_FALSE(same_experiment(there, elsewhere)) << to_string(kind);
        EXPECT_TRUE(same_experiment(there, RunConfig(there))) << to_string(kind);
    }
    RunConfig split = support::small_config(StrategyKind::PySplit, 1000, 8, 1, 2);
    RunConfig other = split;
    other.dask_scheduler = "tcp://10.0.0.5:8786";
    EXPECT_TRUE(same_experiment(split, other)) << "the scheduler does not apply to py-split";
}

TEST(PythonLibraries, ChunksizeAutoIsEachLibrarysOwnDefault)
{
    RunConfig c = support::small_config(StrategyKind::PySplit, 10'000, 64, 1, 2);
    c.chunksize_auto = true;
    EXPECT_EQ(effective_chunksize(c), 8u) << "Pool.map's rule: ceil(64 / (4 * 2))";
    c.strategy = StrategyKind::PyFutures;
    EXPECT_EQ(effective_chunksize(c), 1u) << "Executor.map's default";
    c.strategy = StrategyKind::PyJoblib;
    EXPECT_EQ(effective_chunksize(c), 1u) << "joblib sizes its batches as it runs: counted a part a task";
    EXPECT_EQ(task_count(c), 64u);
}

TEST(Omp, AFreshTeamIsReleasedBeforeEachRunAndAWarmOneKept)
{
    if (!strategy_info(StrategyKind::Omp).uses(Knob::Pool))
        GTEST_SKIP() << "this build's OpenMP runtime cannot release its threads (openmpfacts.h)";
    auto s = make_strategy(StrategyKind::Omp);
    const int before = threads_of_this_process();
    s->start_pool(6);
    EXPECT_GE(threads_of_this_process() - before, 5) << "the warm team's five threads besides this one";
    s->stop_pool();
    EXPECT_LE(threads_of_this_process(), before) << "released";

    Runner runner;
    RunConfig c = omp(Schedule::Dynamic, 64, 4, 5);
    c.repeats = 2;
    const CellResult fresh = runner.run(c);
    ASSERT_TRUE(fresh.verified) << fresh.error;
    EXPECT_GT(fresh.phases.startup_s, 0.0) << "a fresh team starts inside the timed run";
    c.pool = PoolLifetime::Warm;
    const CellResult warm = runner.run(c);
    ASSERT_TRUE(warm.verified) << warm.error;
    EXPECT_EQ(warm.phases.startup_s, 0.0) << "a warm team is started before the timed runs";
    runner.release();
}

TEST(StdPar, NeedsNoSplitsNorChunksizeAndVerifiesAtAnySize)
{
    const StrategyInfo& s = strategy_info(StrategyKind::StdPar);
    EXPECT_TRUE(s.uses(Knob::Workers));
    EXPECT_FALSE(s.uses(Knob::Splits));
    EXPECT_FALSE(s.uses(Knob::Chunksize));
    EXPECT_FALSE(s.uses(Knob::Pool));
    for (std::size_t size : {1u, 63u, 64u, 65u, 1'000'003u}) {
        for (int workers : {1, 3, kMaxWorkers}) {
            Runner runner;
            const CellResult r = runner.run(support::small_config(StrategyKind::StdPar, size, 7, 3, workers));
            EXPECT_TRUE(r.verified) << size << " items, " << workers << " workers: " << r.error;
            EXPECT_EQ(task_count(r.config), 1u);
        }
    }
}

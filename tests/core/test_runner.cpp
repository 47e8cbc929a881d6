// SPDX-License-Identifier: GPL-3.0-or-later
// The runner: sweeps, observers, warm pools, cancellation and workers that die.

#include "chunkscope/runner.h"
#include "support/configs.h"
#include "support/processes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <future>
#include <set>
#include <thread>

using namespace chunkscope;
using namespace std::chrono_literals;
using chunkscope::support::children_of;
using chunkscope::support::shm_entries;
using chunkscope::support::wait_for;

namespace {

RunConfig runner_config(StrategyKind kind, std::size_t size, int workers = 2)
{
    return chunkscope::support::small_config(kind, size, 8, 1, workers);
}

struct Recorder : Observer {
    std::size_t started = 0, cells = 0, done_calls = 0;
    std::vector<std::size_t> indices;
    std::vector<double> etas;
    bool finished = false, was_cancelled = false;
    CancelToken* cancel_after_first = nullptr;
    void on_sweep_start(std::size_t n) override { cells = n; }
    void on_cell_start(const RunConfig&, std::size_t, std::size_t) override { ++started; }
    void on_cell_done(const CellResult&, std::size_t index, std::size_t, double eta) override
    {
        indices.push_back(index);
        etas.push_back(eta);
        if (cancel_after_first)
            cancel_after_first->cancel();
    }
    void on_sweep_done(std::size_t, bool cancelled) override
    {
        finished = true;
        was_cancelled = cancelled;
    }
};

} // namespace

TEST(Runner, SweepReportsEveryCellInOrder)
{
    Runner runner;
    Recorder rec;
    SweepSpec spec{runner_config(StrategyKind::ForkSplit, 5000), {1, 3, 8}, {1, 2}};
    const auto results = runner.sweep(spec, &rec);
    ASSERT_EQ(results.size(), 6u);
    EXPECT_EQ(rec.cells, 6u);
    EXPECT_EQ(rec.started, 6u);
    EXPECT_EQ(rec.indices, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
    EXPECT_DOUBLE_EQ(rec.etas.back(), 0.0);
    EXPECT_TRUE(rec.finished);
    EXPECT_FALSE(rec.was_cancelled);
    EXPECT_EQ(results[0].config.splits, 1u);
    EXPECT_EQ(results[5].config.splits, 8u);
    EXPECT_EQ(results[5].config.chunksize, 2u);
    for (const auto& r : results)
        EXPECT_TRUE(r.verified) << r.error;
}

TEST(Runner, ForkItemsSweepHasOneRow)
{
    Runner runner;
    SweepSpec spec{runner_config(StrategyKind::ForkItems, 3000), {1, 2, 4}, {100, 1000}};
    const auto results = runner.sweep(spec);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].config.splits, 3000u);
    EXPECT_EQ(results[1].config.chunksize, 1000u);
    EXPECT_EQ(task_count(results[1].config), 3u);
}

TEST(Runner, RepetitionsAndStatistics)
{
    Runner runner;
    RunConfig c = runner_config(StrategyKind::Threads, 20000);
    c.repeats = 5;
    c.warmup = 2;
    const CellResult r = runner.run(c);
    ASSERT_EQ(r.samples.size(), 5u);
    EXPECT_LE(r.min_s, r.median_s);
    EXPECT_GE(r.stddev_s, 0.0);
    EXPECT_TRUE(r.verified);
    EXPECT_EQ(r.events.size(), 8u); // 8 parts, one per task
}

TEST(Runner, EventsDescribeEveryTask)
{
    Runner runner;
    RunConfig c = runner_config(StrategyKind::ForkSplit, 10000);
    c.splits = 10;
    c.chunksize = 3; // tasks of 3, 3, 3 and 1 parts
    const CellResult r = runner.run(c);
    ASSERT_TRUE(r.verified) << r.error;
    ASSERT_EQ(r.events.size(), 4u);
    std::uint64_t items = 0;
    for (const auto& e : r.events) {
        EXPECT_GE(e.worker, 0);
        EXPECT_LT(e.worker, 2);
        EXPECT_LE(e.start_s, e.end_s);
        EXPECT_GE(e.start_s, 0.0);
        EXPECT_LE(e.end_s, r.samples[0] + 1e-6);
        EXPECT_GE(e.bytes, 2 * e.items * sizeof(double));
        items += e.items;
    }
    EXPECT_EQ(items, 10000u);
}

TEST(Runner, WarmPoolIsReusedAndRestartedWhenWorkersChange)
{
    for (StrategyKind kind :
         {StrategyKind::ForkSplit, StrategyKind::ForkShm, StrategyKind::Threads, StrategyKind::Tbb, StrategyKind::Omp}) {
        Runner runner;
        RunConfig c = runner_config(kind, 50000);
        c.pool = PoolLifetime::Warm;
        c.repeats = 3;
        const CellResult a = runner.run(c);
        EXPECT_TRUE(a.verified) << to_string(kind) << ": " << a.error;
        EXPECT_EQ(a.phases.startup_s, 0.0) << to_string(kind); // created before the timed runs
        const bool forks = kind == StrategyKind::ForkSplit || kind == StrategyKind::ForkShm;
        if (forks) {
            EXPECT_EQ(children_of(getpid()).size(), 2u) << "the warm pool stays between runs";
        }
        c.workers = 3;
        const CellResult b = runner.run(c);
        EXPECT_TRUE(b.verified) << b.error;
        if (forks) {
            EXPECT_EQ(children_of(getpid()).size(), 3u);
        }
        c.workload.size = 60000; // new buffers: a shared-memory pool must be forked again
        EXPECT_TRUE(runner.run(c).verified);
        runner.release();
        EXPECT_TRUE(children_of(getpid()).empty());
    }
}

TEST(Runner, CompareRunsEveryStrategySequentialFirst)
{
    Runner runner;
    const auto results = runner.compare(runner_config(StrategyKind::Sequential, 20000));
    ASSERT_EQ(results.size(), chunkscope::support::strategies_compare_runs());
    EXPECT_EQ(results[0].config.strategy, StrategyKind::Sequential);
    EXPECT_EQ(results[0].config.workers, 1);
    for (const auto& r : results)
        EXPECT_TRUE(r.verified) << to_string(r.config.strategy) << ": " << r.error;
    // fork-items runs with Python's default chunksize: ceil(20000 / (4 * 2)).
    EXPECT_EQ(results[1].config.chunksize, 2500u);
}

TEST(Runner, InvalidConfigIsAFailedResultNotACrash)
{
    Runner runner;
    RunConfig c = runner_config(StrategyKind::ForkSplit, 10);
    c.splits = 11;
    const CellResult r = runner.run(c);
    EXPECT_EQ(r.status, Status::Failed);
    EXPECT_FALSE(r.verified);
    EXPECT_NE(r.error.find("splits"), std::string::npos);
}

TEST(Cancellation, SweepCancelledMidwayLeavesNoProcessAndNoSegment)
{
    for (StrategyKind kind : {StrategyKind::ForkSplit, StrategyKind::ForkShm}) {
        for (PoolLifetime pool : {PoolLifetime::Fresh, PoolLifetime::Warm}) {
            Runner runner;
            CancelToken cancel;
            Recorder rec;
            rec.cancel_after_first = &cancel;
            RunConfig c = runner_config(kind, 200000);
            c.pool = pool;
            const auto results = runner.sweep({c, {1, 2, 4, 8}, {1, 2}}, &rec, &cancel);
            EXPECT_EQ(results.size(), 1u);
            EXPECT_TRUE(rec.was_cancelled);
            runner.release();
            EXPECT_TRUE(children_of(getpid()).empty()) << to_string(kind);
            EXPECT_TRUE(shm_entries("chunkscope-" + std::to_string(getpid())).empty());
        }
    }
}

TEST(Cancellation, StopsALongRunQuickly)
{
    for (StrategyKind kind : {StrategyKind::ForkItems, StrategyKind::ForkShm, StrategyKind::Threads, StrategyKind::Tbb,
                              StrategyKind::Omp, StrategyKind::StdPar}) {
        Runner runner;
        CancelToken cancel;
        RunConfig c = runner_config(kind, 4'000'000);
        c.chunksize = 1; // fork-items: one item per task, millions of messages
        // An OpenMP loop cannot be left early: its runtime still deals out every remaining
        // iteration, each doing nothing (4M: 16-36 ms here, but seconds under TSan's Archer).
        c.splits = kind == StrategyKind::ForkItems ? 1 : kind == StrategyKind::Omp ? 40'000 : 4'000'000;
        c.workload.intensity = kind == StrategyKind::ForkItems ? 1 : 200;
        c.repeats = 50;
        auto result = std::async(std::launch::async, [&] { return runner.run(c, nullptr, &cancel); });
        ASSERT_EQ(result.wait_for(300ms), std::future_status::timeout) << to_string(kind) << " finished too soon";
        const auto t0 = std::chrono::steady_clock::now();
        cancel.cancel();
        ASSERT_EQ(result.wait_for(5s), std::future_status::ready) << to_string(kind) << " did not stop";
        const auto took = std::chrono::steady_clock::now() - t0;
        EXPECT_LT(took, 1s) << to_string(kind);
        const CellResult r = result.get();
        EXPECT_EQ(r.status, Status::Cancelled) << to_string(kind);
        EXPECT_TRUE(children_of(getpid()).empty()) << to_string(kind);
    }
}

TEST(WorkerDeath, KilledWorkerFailsTheRunWithAMessage)
{
    for (StrategyKind kind : {StrategyKind::ForkItems, StrategyKind::ForkShm}) {
        Runner runner;
        CancelToken watchdog;
        RunConfig c = runner_config(kind, 3'000'000);
        c.splits = kind == StrategyKind::ForkItems ? 1 : 3'000'000;
        c.chunksize = 1;
        c.repeats = 50;
        auto result = std::async(std::launch::async, [&] { return runner.run(c, nullptr, &watchdog); });
        std::vector<pid_t> kids;
        ASSERT_TRUE(wait_for([&] { return (kids = children_of(getpid())).size() == 2; }, 5s));
        std::this_thread::sleep_for(100ms);
        ASSERT_EQ(kill(kids[0], SIGKILL), 0);
        if (result.wait_for(10s) != std::future_status::ready) {
            watchdog.cancel();
            FAIL() << to_string(kind) << ": the run did not notice the dead worker";
        }
        const CellResult r = result.get();
        EXPECT_EQ(r.status, Status::Failed) << to_string(kind);
        EXPECT_NE(r.error.find("pid " + std::to_string(kids[0])), std::string::npos) << r.error;
        EXPECT_NE(r.error.find("killed by signal 9"), std::string::npos) << r.error;
        EXPECT_TRUE(children_of(getpid()).empty());
        // The runner stays usable.
        EXPECT_TRUE(runner.run(runner_config(kind, 1000)).verified);
    }
}

TEST(Runner, RandomOrderRunsEveryCellOnceInAnotherOrder)
{
    Runner runner;
    SweepSpec spec{runner_config(StrategyKind::Threads, 4000), {1, 2, 4, 8}, {1, 2, 4}};
    spec.random_order = true;
    const auto results = runner.sweep(spec);
    ASSERT_EQ(results.size(), 12u);
    std::set<std::pair<std::size_t, std::size_t>> cells;
    bool row_major = true;
    for (std::size_t i = 0; i < results.size(); ++i) {
        cells.insert({results[i].config.splits, results[i].config.chunksize});
        row_major = row_major && results[i].config.splits == spec.splits_list[i / 3] &&
                    results[i].config.chunksize == spec.chunks_list[i % 3];
        EXPECT_TRUE(results[i].verified);
    }
    EXPECT_EQ(cells.size(), 12u);
    EXPECT_FALSE(row_major);
}

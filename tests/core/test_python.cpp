// SPDX-License-Identifier: GPL-3.0-or-later
// The tutorial's own Python as engine strategies: the real interpreter, verified results,
// phases and events, cancellation and a dying or babbling interpreter leaving nothing behind.

#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"
#include "chunkscope/trace.h"
#include "support/configs.h"
#include "support/processes.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

using namespace chunkscope;
using namespace std::chrono_literals;
using chunkscope::support::children_of;
using chunkscope::support::shm_entries;

namespace {

std::vector<StrategyKind> python_strategies()
{
    std::vector<StrategyKind> kinds;
    for (const StrategyInfo& s : strategy_registry())
        if (s.tutorial_python && !chunkscope::support::starts_a_cluster(s.kind))   // test_dask.cpp
            kinds.push_back(s.kind);
    return kinds;
}

// Every living process of group pgid (the interpreter and its pool workers).
std::vector<pid_t> group_of(pid_t pgid) { return chunkscope::support::members_of_group(pgid, true); }

std::string our_segments() { return "chunkscope-py-" + std::to_string(getpid()); }

// The pool workers among the interpreter's children (not multiprocessing's resource tracker).
std::vector<pid_t> pool_workers(pid_t interpreter)
{
    std::vector<pid_t> out;
    for (pid_t kid : children_of(interpreter)) {
        std::ifstream f("/proc/" + std::to_string(kid) + "/cmdline");
        const std::string cmdline((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        if (f && cmdline.find("resource_tracker") == std::string::npos)
            out.push_back(kid);
    }
    return out;
}

// A py-split cell run by a module of this source instead of the tutorial's.
CellResult runWithModule(const std::string& source)
{
    const std::string fake = "/tmp/chunkscope-fake-module-" + std::to_string(getpid()) + ".py";
    std::ofstream(fake) << source;
    setenv("CHUNKSCOPE_PYTHON_MODULE", fake.c_str(), 1);
    Runner runner;
    const CellResult r = runner.run(chunkscope::support::small_config(StrategyKind::PySplit, 100, 4, 1));
    runner.release();
    unsetenv("CHUNKSCOPE_PYTHON_MODULE");
    std::remove(fake.c_str());
    return r;
}

// A module that greets, answers the first request with one sample of these task events (a JSON
// array, which is also Python) and says done.
CellResult cellWithEvents(const std::string& events)
{
    return runWithModule("import json, sys\n"
                         "print(json.dumps({'type': 'hello', 'protocol': 1}), flush=True)\n"
                         "req = json.loads(sys.stdin.readline())\n"
                         "phases = dict(startup=0.002, scatter=0.002, compute=0.004, gather=0.001, shutdown=0.001)\n"
                         "print(json.dumps({'type': 'sample', 'id': req['id'], 'index': 0, 'warmup': False,\n"
                         "                  'wall_s': 0.01, 'phases': phases, 'events': " +
                         events +
                         ",\n"
                         "                  'events_truncated': False, 'tasks': 2, 'verified': True,\n"
                         "                  'max_ulp': 0, 'mismatch_index': None}), flush=True)\n"
                         "print(json.dumps({'type': 'done', 'id': req['id'], 'status': 'ok'}), flush=True)\n"
                         "sys.stdin.readline()\n");
}

// The trace's slices of a cell, by category (task, receive, compute, send, ...).
std::map<std::string, int> trace_slices(const CellResult& r)
{
    std::ostringstream os;
    write_trace(os, r, machine_info());
    const auto doc = nlohmann::json::parse(os.str());
    std::map<std::string, int> slices;
    for (const auto& e : doc["traceEvents"])
        if (e["ph"] == "X")
            ++slices[e["cat"].get<std::string>()];
    return slices;
}

class PythonStrategies : public ::testing::TestWithParam<StrategyKind> {
protected:
    void SetUp() override
    {
        if (!availability(GetParam()).available)
            GTEST_SKIP() << availability(GetParam()).reason;
    }
};

} // namespace

TEST_P(PythonStrategies, VerifiedAtSmallAndAwkwardSizes)
{
    Runner runner;
    struct Shape {
        std::size_t size, splits, chunk;
        int workers;
    };
    for (const Shape& s : {Shape{1, 1, 1, 2}, Shape{7, 3, 5, 2}, Shape{1001, 64, 1, 3}, Shape{1000, 8, 100, 1}}) {
        RunConfig c = chunkscope::support::small_config(GetParam(), s.size, s.splits, s.chunk, s.workers);
        c.repeats = 2;
        const CellResult r = runner.run(c);
        SCOPED_TRACE(std::string(to_string(GetParam())) + " size " + std::to_string(s.size));
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        EXPECT_TRUE(r.verified);
        EXPECT_EQ(r.samples.size(), 2u);
        EXPECT_NEAR(r.phases.total(), r.median_s, r.median_s * 0.5 + 1e-3) << "phases are of the median run";
        for (const TaskEvent& e : r.events) {
            EXPECT_LE(e.start_s, e.end_s);
            EXPECT_LE(e.end_s, r.samples.back() + 1e-6);
        }
        if (strategy_info(GetParam()).uses(Knob::Splits) && s.size >= s.splits) {
            // joblib re-sizes its batches as it goes, so its events are the parts, not the tasks.
            EXPECT_EQ(r.events.size(), GetParam() == StrategyKind::PyJoblib ? effective_splits(r.config)
                                                                            : task_count(r.config));
        }
    }
    runner.release();
    EXPECT_TRUE(children_of(getpid()).empty());
    EXPECT_TRUE(shm_entries(our_segments()).empty());
}

INSTANTIATE_TEST_SUITE_P(Every, PythonStrategies, ::testing::ValuesIn(python_strategies()),
                         [](const ::testing::TestParamInfo<StrategyKind>& info) {
                             std::string name(to_string(info.param));
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(Python, AutoChunksizeIsPythonsOwn)
{
    if (!availability(StrategyKind::PyItems).available)
        GTEST_SKIP();
    Runner runner;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyItems, 1000, 1, 1, 2);
    c.chunksize_auto = true;
    const CellResult r = runner.run(c);
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_EQ(r.config.chunksize, 125u);   // ceil(1000 / (4 x 2))
    EXPECT_EQ(r.events.size(), 8u);
}

// Dask's chunks="auto" (dask/array/core.py's auto_chunks): chunks of array.chunk-size bytes, the
// last one shorter; a vector that fits is one chunk.
TEST(PyDask, AutoChunksFollowDasksRule)
{
    EXPECT_EQ(kDaskChunkBytes, 134'217'728u) << "array.chunk-size: 128MiB";
    EXPECT_EQ(dask_auto_chunk_items(10'000'000), 10'000'000u) << "80 MB: one chunk";
    EXPECT_EQ(dask_auto_chunk_items(16'777'215), 16'777'215u);
    EXPECT_EQ(dask_auto_chunk_items(16'777'216), 16'777'216u) << "exactly 128 MiB: one chunk";
    EXPECT_EQ(dask_auto_chunk_items(20'000'000), 16'777'216u);
    EXPECT_EQ(dask_auto_chunk_items(1000, 800), 100u);
    EXPECT_EQ(dask_auto_chunk_items(1001, 800), 100u) << "ten full chunks and one of 1 item";
    EXPECT_EQ(dask_auto_chunk_items(99, 800), 99u);
    EXPECT_EQ(dask_auto_chunk_items(1000, 7), 1u) << "less than an item: one item a chunk";
    EXPECT_EQ(dask_auto_chunk_items(1000, 0), 1u);
    EXPECT_EQ(dask_auto_chunk_items(1, 8), 1u);

    RunConfig c = chunkscope::support::small_config(StrategyKind::PyDask, 10'000'000, 64, 1, 2);
    EXPECT_EQ(library_default_splits(c), 1u) << "10M doubles: one chunk, one busy worker";
    c.workload.size = 100'000'000;
    EXPECT_EQ(library_default_splits(c), 6u) << "5 chunks of 16777216 items and one of 16113920";
    EXPECT_EQ(effective_splits(c), 64u) << "not ticked: the splits given";
    c.splits_auto = true;
    EXPECT_EQ(effective_splits(c), 6u);
    EXPECT_EQ(task_count(c), 6u);
    EXPECT_EQ(largest_task_items(c), 16'777'216u);
    EXPECT_EQ(grid_point(c).splits, 6u);
    EXPECT_EQ(resolved(c).splits, 6u);
    for (const StrategyInfo& s : strategy_registry()) {
        RunConfig other = c;
        other.strategy = s.kind;
        EXPECT_EQ(library_default_splits(other).has_value(), s.kind == StrategyKind::PyDask) << s.name;
    }
}

TEST(PyDask, SplitsAutoIsRefusedWhereTheLibraryHasNoChunkRule)
{
    RunConfig c = chunkscope::support::small_config(StrategyKind::ForkSplit, 1000, 8, 1, 2);
    c.splits_auto = true;
    const auto problem = validate(c);
    ASSERT_TRUE(problem.has_value());
    for (const char* word : {"splits auto", "fork-split", "a number of splits", "allowed for: py-dask"})
        EXPECT_NE(problem->find(word), std::string::npos) << word << " in: " << *problem;
    c.strategy = StrategyKind::Sequential;
    ASSERT_TRUE(validate(c).has_value());
    EXPECT_NE(validate(c)->find("takes no splits"), std::string::npos) << *validate(c);
    c.strategy = StrategyKind::PyDask;
    c.splits = 5000;   // ignored: Dask cuts it
    if (availability(StrategyKind::PyDask).available) {
        EXPECT_FALSE(validate(c).has_value()) << *validate(c);
    }
    // A sweep's cells are numbers; a comparison keeps auto for the strategies that have a rule.
    SweepSpec spec;
    spec.base = c;
    for (const RunConfig& cell : sweep_cells(sweep_plan(spec)))
        EXPECT_FALSE(cell.splits_auto);
    for (const RunConfig& cfg : compare_plan(c))
        EXPECT_EQ(cfg.splits_auto, cfg.strategy == StrategyKind::PyDask) << to_string(cfg.strategy);
}

TEST(PyDask, SplitsAutoIsAnotherExperimentWhereItCutsOtherPartsAndTravelsInTheReports)
{
    RunConfig a = chunkscope::support::small_config(StrategyKind::PyDask, 10'000'000, 1, 1, 2);
    RunConfig b = a;
    b.splits_auto = true;
    EXPECT_TRUE(same_experiment(a, b)) << "one chunk: the same run as splits 1";
    a.workload.size = b.workload.size = 20'000'000;
    EXPECT_FALSE(same_experiment(a, b)) << "16777216 + 3222784 items is not array_split's 2 x 10M";
    a.workload.size = b.workload.size = 2 * 16'777'216;
    EXPECT_TRUE(same_experiment(a, b)) << "two chunks of one size: array_split's parts";
    a.strategy = b.strategy = StrategyKind::PySplit;
    a.workload.size = b.workload.size = 20'000'000;
    EXPECT_TRUE(same_experiment(a, b)) << "splits auto does not apply to py-split";

    CellResult r;
    r.config = resolved(b);
    r.config.strategy = StrategyKind::PyDask;
    r.status = Status::Ok;
    r.samples = {0.1};
    r.median_s = r.min_s = r.mean_s = 0.1;
    std::ostringstream json;
    write_json(json, machine_info(), std::span(&r, 1));
    std::istringstream in(json.str());
    const Report back = read_json(in);
    ASSERT_TRUE(back.error.empty()) << back.error;
    ASSERT_EQ(back.results.size(), 1u);
    EXPECT_TRUE(back.results[0].config.splits_auto);
    EXPECT_EQ(effective_splits(back.results[0].config), 2u);
    std::ostringstream csv;
    write_csv(csv, std::span(&r, 1));
    const std::string text = csv.str();
    EXPECT_NE(text.find(",memmap,splits_auto,dask_scheduler,dask_lose_worker,dask_workers_lost,dask_tasks_rerun\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(",on,true,,,,\n"), std::string::npos) << text;
}

// A run with Dask's own chunks: as many as the engine says, or a failure naming both.
TEST(PyDask, AutoChunksRunAsTheEngineCountsThemOrTheRunSaysWhyNot)
{
    if (!availability(StrategyKind::PyDask).available)
        GTEST_SKIP() << availability(StrategyKind::PyDask).reason;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyDask, 1000, 64, 1, 2);
    c.splits_auto = true;
    {
        Runner runner;
        const CellResult r = runner.run(c);
        runner.release();
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        EXPECT_TRUE(r.verified);
        EXPECT_EQ(r.config.splits, 1u);
        EXPECT_TRUE(r.config.splits_auto);
        ASSERT_EQ(r.events.size(), 1u);
        EXPECT_EQ(r.events[0].items, 1000u);
    }
    // The user's Dask config makes chunks of 100 items: the heatmap's row would be wrong.
    setenv("DASK_ARRAY__CHUNK_SIZE", "800B", 1);
    Runner runner;
    const CellResult r = runner.run(c);
    runner.release();
    unsetenv("DASK_ARRAY__CHUNK_SIZE");
    ASSERT_EQ(r.status, Status::Failed);
    for (const char* word : {"makes 10 chunk(s) of 100 items", "800B", "engine expects 1", "128MiB"})
        EXPECT_NE(r.error.find(word), std::string::npos) << word << " in: " << r.error;
    EXPECT_TRUE(children_of(getpid()).empty());
}

// The process pools' tasks come with their receive (handed out, read, unpickled) and their send
// (until the parent holds the result), inside the run; the trace nests them under each task.
TEST(Python, PoolTasksCarryTheirReceiveAndSendIntoTheTrace)
{
    for (StrategyKind kind : {StrategyKind::PySplit, StrategyKind::PyItems}) {
        if (!availability(kind).available)
            GTEST_SKIP() << availability(kind).reason;
        SCOPED_TRACE(std::string(to_string(kind)));
        Runner runner;
        const bool items = kind == StrategyKind::PyItems;
        const CellResult r =
            runner.run(chunkscope::support::small_config(kind, 40'000, items ? 1 : 8, items ? 5'000 : 1));
        runner.release();
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        ASSERT_EQ(r.events.size(), 8u);
        for (const TaskEvent& e : r.events) {
            EXPECT_GT(e.receive_s, 0.0) << "task " << e.task;
            EXPECT_GT(e.send_s, 0.0) << "task " << e.task;
            EXPECT_GE(e.task_start_s(), -1e-9);
            EXPECT_LE(e.task_end_s(), r.samples.back() + 1e-9);
        }
        std::map<std::string, int> slices = trace_slices(r);
        EXPECT_EQ(slices["task"], 8);
        EXPECT_EQ(slices["receive"], 8);
        EXPECT_EQ(slices["compute"], 8);
        EXPECT_EQ(slices["send"], 8);
    }
}

// Dask's own task records: each chunk's receive (its compute handed out by the scheduler until
// it starts) and send (until its store's notice), on at most W threads.
TEST(PyDask, ChunksCarryDasksReceiveAndSendIntoTheTrace)
{
    if (!availability(StrategyKind::PyDask).available)
        GTEST_SKIP() << availability(StrategyKind::PyDask).reason;
    Runner runner;
    const CellResult r = runner.run(chunkscope::support::small_config(StrategyKind::PyDask, 40'000, 8, 1, 2));
    runner.release();
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    ASSERT_EQ(r.events.size(), 8u);
    std::set<int> threads;
    for (const TaskEvent& e : r.events) {
        EXPECT_GT(e.receive_s, 0.0) << "task " << e.task;
        EXPECT_GT(e.send_s, 0.0) << "task " << e.task;
        EXPECT_EQ(e.bytes, 0u) << "threads move nothing";
        EXPECT_GE(e.task_start_s(), -1e-9);
        EXPECT_LE(e.task_end_s(), r.samples.back() + 1e-9);
        threads.insert(e.worker);
    }
    EXPECT_LE(threads.size(), 2u);
    std::map<std::string, int> slices = trace_slices(r);
    for (const char* cat : {"task", "receive", "compute", "send"})
        EXPECT_EQ(slices[cat], 8) << cat;
}

TEST(Python, IntensityAboveOneIsRefusedWithWhatIsAllowed)
{
    RunConfig c = chunkscope::support::small_config(StrategyKind::PySplit, 100, 4, 1);
    c.workload.intensity = 4;
    const auto problem = validate(c);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("intensity must be 1"), std::string::npos) << *problem;
}

TEST(Python, CancelEndsTheInterpreterAndItsWorkersAndLeavesNoSegment)
{
    for (StrategyKind kind : {StrategyKind::PyItems, StrategyKind::PyShm}) {
        if (!availability(kind).available)
            GTEST_SKIP();
        Runner runner;
        CancelToken cancel;
        RunConfig c = chunkscope::support::small_config(kind, 2'000'000, 64, 1);
        c.repeats = 50;
        auto result = std::async(std::launch::async, [&] { return runner.run(c, nullptr, &cancel); });
        std::vector<pid_t> kids;
        ASSERT_TRUE([&] {
            for (int i = 0; i < 200; ++i, std::this_thread::sleep_for(50ms))
                if (!(kids = children_of(getpid())).empty() && group_of(kids[0]).size() >= 3)
                    return true;
            return false;
        }()) << "the interpreter and its two workers start";
        const pid_t interpreter = kids[0];
        std::this_thread::sleep_for(300ms);
        const auto t0 = std::chrono::steady_clock::now();
        cancel.cancel();
        ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
        EXPECT_EQ(result.get().status, Status::Cancelled);
        for (int i = 0; i < 20 && !group_of(interpreter).empty(); ++i)
            std::this_thread::sleep_for(50ms);
        EXPECT_TRUE(group_of(interpreter).empty()) << to_string(kind) << ": a process of the interpreter's group remains";
        EXPECT_TRUE(children_of(getpid()).empty());
        EXPECT_TRUE(shm_entries(our_segments()).empty()) << to_string(kind);
    }
}

TEST(Python, AKilledInterpreterFailsTheCellWithAMessageAndTheNextCellRuns)
{
    if (!availability(StrategyKind::PyShm).available)
        GTEST_SKIP();
    Runner runner;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyShm, 2'000'000, 64, 1);
    c.repeats = 50;
    auto result = std::async(std::launch::async, [&] { return runner.run(c); });
    std::vector<pid_t> kids;
    for (int i = 0; i < 200 && (kids = children_of(getpid())).empty(); ++i)
        std::this_thread::sleep_for(50ms);
    ASSERT_FALSE(kids.empty());
    std::this_thread::sleep_for(1s);
    ASSERT_EQ(kill(kids[0], SIGKILL), 0);   // the interpreter alone: its workers and segment stay
    ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
    const CellResult r = result.get();
    EXPECT_EQ(r.status, Status::Failed);
    EXPECT_NE(r.error.find("killed by signal 9"), std::string::npos) << r.error;
    const auto gone = [](pid_t group) {
        for (int i = 0; i < 40 && !group_of(group).empty(); ++i)
            std::this_thread::sleep_for(50ms);
        return group_of(group).empty();
    };
    EXPECT_TRUE(gone(kids[0])) << "its pool workers are killed too";
    EXPECT_TRUE(shm_entries(our_segments()).empty()) << "the engine removes the segments it named";
    const CellResult next = runner.run(chunkscope::support::small_config(StrategyKind::PyShm, 1000, 4, 1));
    EXPECT_EQ(next.status, Status::Ok) << next.error;
}

TEST(Python, AKilledPoolWorkerFailsTheCellWithItsSignalAndTheNextCellRuns)
{
    for (StrategyKind kind : {StrategyKind::PySplit, StrategyKind::PyShm, StrategyKind::PyItems}) {
        if (!availability(kind).available)
            GTEST_SKIP();
        SCOPED_TRACE(to_string(kind));
        // A warm pool over many repetitions: the kill lands during a map or between two, and
        // either way the pool has lost a worker before the cell ends.
        const bool items = kind == StrategyKind::PyItems;   // pickles every item: slow
        RunConfig c = chunkscope::support::small_config(kind, items ? 30'000 : 4'000'000, 64, items ? 100 : 1);
        c.pool = PoolLifetime::Warm;
        c.repeats = 1000;
        Runner runner;
        auto result = std::async(std::launch::async, [&] { return runner.run(c); });
        pid_t interpreter = -1;
        std::vector<pid_t> workers;
        ASSERT_TRUE([&] {
            for (int i = 0; i < 600; ++i, std::this_thread::sleep_for(50ms)) {
                const auto kids = children_of(getpid());
                if (!kids.empty() && (workers = pool_workers(interpreter = kids[0])).size() >= 2)
                    return true;
            }
            return false;
        }()) << "the interpreter and its two workers start";
        ASSERT_EQ(kill(workers[0], SIGKILL), 0);
        if (result.wait_for(10s) != std::future_status::ready) {
            kill(-interpreter, SIGKILL);   // or the future's destructor waits with the cell
            FAIL() << "the cell hangs once its worker is killed";
        }
        const CellResult r = result.get();
        EXPECT_EQ(r.status, Status::Failed);
        const std::string said = "Pool worker " + std::to_string(workers[0]) + " was killed by signal 9 (SIGKILL)";
        EXPECT_NE(r.error.find(said), std::string::npos) << r.error;
        EXPECT_TRUE(pool_workers(interpreter).empty()) << "the other worker and any replacement are killed";
        EXPECT_TRUE(shm_entries(our_segments()).empty());
        RunConfig next = chunkscope::support::small_config(kind, 1000, 4, items ? 100 : 1);
        const CellResult after = runner.run(next);
        EXPECT_EQ(after.status, Status::Ok) << after.error;
        EXPECT_EQ(children_of(getpid()), std::vector<pid_t>{interpreter}) << "the same interpreter serves on";
        runner.release();
        for (int i = 0; i < 40 && !group_of(interpreter).empty(); ++i)
            std::this_thread::sleep_for(50ms);
        EXPECT_TRUE(group_of(interpreter).empty()) << "a process of the interpreter's group remains";
        EXPECT_TRUE(shm_entries(our_segments()).empty());
    }
}

TEST(Python, AModuleThatBreaksTheProtocolFailsTheCellWithWhatItSaid)
{
    if (!python_probe().ok)
        GTEST_SKIP() << python_probe().error;
    const CellResult r = runWithModule("import json, sys\n"
                                       "print(json.dumps({'type': 'hello', 'protocol': 1}), flush=True)\n"
                                       "sys.stdin.readline()\n"
                                       "print('Traceback: something is not JSON', flush=True)\n");
    EXPECT_EQ(r.status, Status::Failed);
    EXPECT_NE(r.error.find("not the protocol"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("something is not JSON"), std::string::npos) << r.error;
    EXPECT_TRUE(children_of(getpid()).empty());
}

// The module's task events have 7 fields, [worker, task, start_s, end_s, items, receive_s,
// send_s]; those of a module before receive and send had 5, and still read (no receive, no
// send). Anything else fails the cell saying what came and what is allowed.
TEST(Python, TaskEventsOfFiveOrSevenFieldsAreRead)
{
    if (!python_probe().ok)
        GTEST_SKIP() << python_probe().error;
    const CellResult seven = cellWithEvents("[[0, 0, 0.003, 0.005, 50, 0.001, 0.002], [1, 1, 0.004, 0.006, 50, 0, 0]]");
    ASSERT_EQ(seven.status, Status::Ok) << seven.error;
    ASSERT_EQ(seven.events.size(), 2u);
    EXPECT_DOUBLE_EQ(seven.events[0].receive_s, 0.001);
    EXPECT_DOUBLE_EQ(seven.events[0].send_s, 0.002);
    EXPECT_DOUBLE_EQ(seven.events[0].task_start_s(), 0.002);
    EXPECT_DOUBLE_EQ(seven.events[0].task_end_s(), 0.007);
    EXPECT_EQ(seven.events[0].items, 50u);
    EXPECT_EQ(seven.events[0].bytes, 800u) << "processes pickle every item there and back";
    EXPECT_EQ(seven.events[1].receive_s, 0.0);

    const CellResult five = cellWithEvents("[[0, 0, 0.003, 0.005, 50], [1, 1, 0.004, 0.006, 50]]");
    ASSERT_EQ(five.status, Status::Ok) << five.error;
    ASSERT_EQ(five.events.size(), 2u);
    EXPECT_EQ(five.events[1].worker, 1);
    EXPECT_DOUBLE_EQ(five.events[1].end_s, 0.006);
    EXPECT_EQ(five.events[0].receive_s, 0.0);
    EXPECT_EQ(five.events[0].send_s, 0.0);
    EXPECT_TRUE(children_of(getpid()).empty());
}

TEST(Python, TaskEventsOfAnotherShapeFailTheCellWithWhatIsAllowed)
{
    if (!python_probe().ok)
        GTEST_SKIP() << python_probe().error;
    struct Bad {
        const char* events;
        const char* says;
    };
    for (const Bad& bad : {Bad{"[[0, 0, 0.003, 0.005, 50, 0.001]]", "(6 fields)"},
                           Bad{"[[0, 0, 0.003, 0.005]]", "(4 fields)"},
                           Bad{"[[0, 0, 0.003, 0.005, 50, 0.001, 0.002, 9]]", "(8 fields)"},
                           Bad{"[{'worker': 0}]", "(not an array)"},
                           Bad{"[[0, 0, 0.003, 0.005, 50, -0.001, 0.002]]", "must be >= 0"}}) {
        SCOPED_TRACE(bad.events);
        const CellResult r = cellWithEvents(bad.events);
        EXPECT_EQ(r.status, Status::Failed);
        EXPECT_NE(r.error.find("the protocol does not have"), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(bad.says), std::string::npos) << r.error;
        if (std::string(bad.says) != "must be >= 0") {
            EXPECT_NE(r.error.find("allowed: [worker, task, start_s, end_s, items] or [worker, task, start_s, end_s, "
                                   "items, receive_s, send_s]"),
                      std::string::npos)
                << r.error;
        }
        EXPECT_TRUE(children_of(getpid()).empty());
    }
}

// Timed as the tutorial: each cell in an interpreter of its own, gone after it; the warm one the
// lab's cells share is not used for it.
TEST(Python, AsTutorialRunsEachCellInAFreshInterpreterAndLeavesNone)
{
    if (!availability(StrategyKind::PySplit).available)
        GTEST_SKIP() << availability(StrategyKind::PySplit).reason;
    Runner runner;
    RunConfig lab = chunkscope::support::small_config(StrategyKind::PySplit, 10'000, 8, 1);
    ASSERT_EQ(runner.run(lab).status, Status::Ok);
    const std::vector<pid_t> kept = children_of(getpid());   // the lab's interpreter, kept for the next cells
    ASSERT_EQ(kept.size(), 1u);
    RunConfig cold = lab;
    cold.as_tutorial = true;
    cold.repeats = 1;
    cold.warmup = 0;
    for (int i = 0; i < 2; ++i) {
        const CellResult r = runner.run(cold);
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        EXPECT_TRUE(r.config.as_tutorial);
        EXPECT_EQ(r.samples.size(), 1u);
        EXPECT_EQ(r.warmup_runs, 0);
        EXPECT_TRUE(r.verified);
        // The module maps the plain function: no task stamps, so no scatter or gather.
        EXPECT_EQ(r.phases[Phase::Scatter], 0.0);
        EXPECT_EQ(r.phases[Phase::Gather], 0.0);
        EXPECT_TRUE(r.events.empty());
        // Its interpreter has gone, and so has the one the lab's cells kept (it would be warm).
        EXPECT_TRUE(children_of(getpid()).empty());
    }
    runner.release();
    EXPECT_TRUE(shm_entries(our_segments()).empty());
}

TEST(Python, AsTutorialIsRefusedWhereItDoesNotApplyWithWhatIsAllowed)
{
    const auto problem = [](StrategyKind kind, auto&& change) {
        RunConfig c = chunkscope::support::small_config(kind, 1000, 4, 1);
        c.as_tutorial = true;
        c.repeats = 1;
        c.warmup = 0;
        change(c);
        return validate(c).value_or("");
    };
    const auto same = [](RunConfig&) {};
    EXPECT_NE(problem(StrategyKind::ForkSplit, same).find("applies to its Python programs only; allowed: "
                                                          "py-sequential"),
              std::string::npos);
    EXPECT_NE(problem(StrategyKind::PySplit, [](RunConfig& c) { c.repeats = 3; }).find("repeats must be 1"),
              std::string::npos);
    EXPECT_NE(problem(StrategyKind::PySplit, [](RunConfig& c) { c.warmup = kWarmupSettle; }).find("warmup settle"),
              std::string::npos);
    EXPECT_NE(problem(StrategyKind::PySplit, [](RunConfig& c) { c.pool = PoolLifetime::Warm; }).find("fresh"),
              std::string::npos);
    if (availability(StrategyKind::PySequential).available) {
        EXPECT_EQ(problem(StrategyKind::PySequential, same), "");
    }
}

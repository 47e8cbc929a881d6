// The tutorial's own Python as engine strategies: the real interpreter, verified results,
// phases and events, cancellation and a dying or babbling interpreter leaving nothing behind.

#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"
#include "support/configs.h"
#include "support/processes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iterator>
#include <thread>

#include <unistd.h>

using namespace chunkscope;
using namespace std::chrono_literals;
using chunkscope::testing::children_of;
using chunkscope::testing::shm_entries;

namespace {

std::vector<StrategyKind> python_strategies()
{
    std::vector<StrategyKind> kinds;
    for (const StrategyInfo& s : strategy_registry())
        if (s.tutorial_python)
            kinds.push_back(s.kind);
    return kinds;
}

// Every living process of group pgid (the interpreter and its pool workers).
std::vector<pid_t> group_of(pid_t pgid) { return chunkscope::testing::members_of_group(pgid, true); }

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
        RunConfig c = chunkscope::testing::small_config(GetParam(), s.size, s.splits, s.chunk, s.workers);
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
            EXPECT_EQ(r.events.size(), task_count(r.config));
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
    RunConfig c = chunkscope::testing::small_config(StrategyKind::PyItems, 1000, 1, 1, 2);
    c.chunksize_auto = true;
    const CellResult r = runner.run(c);
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_EQ(r.config.chunksize, 125u);   // ceil(1000 / (4 x 2))
    EXPECT_EQ(r.events.size(), 8u);
}

TEST(Python, IntensityAboveOneIsRefusedWithWhatIsAllowed)
{
    RunConfig c = chunkscope::testing::small_config(StrategyKind::PySplit, 100, 4, 1);
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
        RunConfig c = chunkscope::testing::small_config(kind, 2'000'000, 64, 1);
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
    RunConfig c = chunkscope::testing::small_config(StrategyKind::PyShm, 2'000'000, 64, 1);
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
    const CellResult next = runner.run(chunkscope::testing::small_config(StrategyKind::PyShm, 1000, 4, 1));
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
        RunConfig c = chunkscope::testing::small_config(kind, items ? 30'000 : 4'000'000, 64, items ? 100 : 1);
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
        const auto t0 = std::chrono::steady_clock::now();
        ASSERT_EQ(kill(workers[0], SIGKILL), 0);
        if (result.wait_for(10s) != std::future_status::ready) {
            kill(-interpreter, SIGKILL);   // or the future's destructor waits with the cell
            FAIL() << "the cell hangs once its worker is killed";
        }
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
        const CellResult r = result.get();
        EXPECT_EQ(r.status, Status::Failed);
        const std::string said = "Pool worker " + std::to_string(workers[0]) + " was killed by signal 9 (SIGKILL)";
        EXPECT_NE(r.error.find(said), std::string::npos) << r.error;
        EXPECT_TRUE(pool_workers(interpreter).empty()) << "the other worker and any replacement are killed";
        EXPECT_TRUE(shm_entries(our_segments()).empty());
        RunConfig next = chunkscope::testing::small_config(kind, 1000, 4, items ? 100 : 1);
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
    const std::string fake = "/tmp/chunkscope-fake-module-" + std::to_string(getpid()) + ".py";
    std::ofstream(fake) << "import json, sys\n"
                           "print(json.dumps({'type': 'hello', 'protocol': 1}), flush=True)\n"
                           "sys.stdin.readline()\n"
                           "print('Traceback: something is not JSON', flush=True)\n";
    setenv("CHUNKSCOPE_PYTHON_MODULE", fake.c_str(), 1);
    Runner runner;
    const CellResult r = runner.run(chunkscope::testing::small_config(StrategyKind::PySplit, 100, 4, 1));
    unsetenv("CHUNKSCOPE_PYTHON_MODULE");
    std::remove(fake.c_str());
    EXPECT_EQ(r.status, Status::Failed);
    EXPECT_NE(r.error.find("not the protocol"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("something is not JSON"), std::string::npos) << r.error;
    EXPECT_TRUE(children_of(getpid()).empty());
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Seeing why: the trace file, the speed limit and the Amdahl fit.

#include "chunkscope/registry.h"
#include "chunkscope/runner.h"
#include "chunkscope/speedlimit.h"
#include "chunkscope/statistics.h"
#include "chunkscope/trace.h"

#include "support/configs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

using namespace chunkscope;

namespace {

CellResult run_small(StrategyKind kind)
{
    Runner runner;
    return runner.run(chunkscope::support::small_config(kind, 20000, 6, 1));
}

} // namespace

TEST(Trace, ProcessStrategyHasOnePidPerWorkerAndOneEventPerTask)
{
    const CellResult r = run_small(StrategyKind::ForkSplit);
    ASSERT_TRUE(r.verified) << r.error;
    std::ostringstream os;
    write_trace(os, r, machine_info());
    const auto doc = nlohmann::json::parse(os.str());
    ASSERT_TRUE(doc.at("traceEvents").is_array());
    std::set<int> pids;
    int tasks = 0;
    for (const auto& e : doc["traceEvents"]) {
        ASSERT_TRUE(e.contains("ph"));
        if (e["ph"] == "X" && e["cat"] == "compute") {
            ++tasks;
            pids.insert(e["pid"].get<int>());
            EXPECT_EQ(e["tid"], 0);
            EXPECT_GE(e["ts"].get<double>(), 0.0);
            EXPECT_GE(e["dur"].get<double>(), 0.0);
            EXPECT_LE(e["ts"].get<double>() + e["dur"].get<double>(), r.samples.back() * 1e6 + 1);
        }
    }
    EXPECT_EQ(tasks, 6);
    EXPECT_GE(pids.size(), 1u);
    EXPECT_LE(pids.size(), 2u);
    EXPECT_EQ(pids.count(0), 0u) << "pid 0 is the coordinator, not a worker";
    EXPECT_EQ(doc["otherData"]["strategy"], "fork-split");
}

// Pipes move every item both ways: each task has a receive before its compute and a send after
// it, and the trace nests the three under the task's slice.
TEST(Trace, ForkTasksShowReceiveComputeAndSendNestedUnderTheTask)
{
    const CellResult r = run_small(StrategyKind::ForkSplit);
    ASSERT_TRUE(r.verified) << r.error;
    ASSERT_EQ(r.events.size(), 6u);
    for (const TaskEvent& e : r.events) {
        EXPECT_GT(e.receive_s, 0.0) << "task " << e.task;
        EXPECT_GT(e.send_s, 0.0) << "task " << e.task;
        EXPECT_LE(e.task_start_s(), e.start_s);
        EXPECT_GE(e.task_end_s(), e.end_s);
        EXPECT_GE(e.task_start_s(), 0.0);
    }
    std::ostringstream os;
    write_trace(os, r, machine_info());
    const auto doc = nlohmann::json::parse(os.str());
    std::map<std::pair<int, int>, std::pair<double, double>> task_span;   // (pid, task) -> [ts, end]
    std::map<std::string, int> segments;
    for (const auto& e : doc["traceEvents"])
        if (e["ph"] == "X" && e["cat"] == "task")
            task_span[{e["pid"].get<int>(), e["args"]["task"].get<int>()}] = {
                e["ts"].get<double>(), e["ts"].get<double>() + e["dur"].get<double>()};
    EXPECT_EQ(task_span.size(), 6u);
    for (const auto& e : doc["traceEvents"]) {
        const std::string cat = e.value("cat", std::string());
        if (e["ph"] != "X" || (cat != "receive" && cat != "compute" && cat != "send"))
            continue;
        ++segments[cat];
        const auto it = task_span.find({e["pid"].get<int>(), e["args"]["task"].get<int>()});
        ASSERT_NE(it, task_span.end()) << e.dump();
        EXPECT_GE(e["ts"].get<double>(), it->second.first - 0.01) << e.dump();
        EXPECT_LE(e["ts"].get<double>() + e["dur"].get<double>(), it->second.second + 0.01) << e.dump();
    }
    EXPECT_EQ(segments["receive"], 6);
    EXPECT_EQ(segments["compute"], 6);
    EXPECT_EQ(segments["send"], 6);
}

TEST(Trace, MpiTasksShowTheirMessagesBesideTheCompute)
{
    if (!availability(StrategyKind::Mpi).available)
        GTEST_SKIP() << availability(StrategyKind::Mpi).reason;
    const CellResult r = run_small(StrategyKind::Mpi);
    ASSERT_TRUE(r.verified) << r.error;
    ASSERT_EQ(r.events.size(), 6u);
    for (const TaskEvent& e : r.events) {
        EXPECT_GT(e.receive_s + e.send_s, 0.0) << "task " << e.task << ": a message each way";
        EXPECT_LE(e.task_end_s(), r.samples.back() + 1e-3);
    }
}

TEST(Trace, ThreadStrategyHasOneTidPerThreadInOneProcess)
{
    const CellResult r = run_small(StrategyKind::Threads);
    std::ostringstream os;
    write_trace(os, r, machine_info());
    const auto doc = nlohmann::json::parse(os.str());
    std::set<int> pids, tids;
    for (const auto& e : doc["traceEvents"])
        if (e["ph"] == "X" && e["cat"] == "compute") {
            pids.insert(e["pid"].get<int>());
            tids.insert(e["tid"].get<int>());
        }
    EXPECT_EQ(pids, std::set<int>{0});
    EXPECT_GE(tids.size(), 1u);
    EXPECT_EQ(tids.count(0), 0u);
}

TEST(Amdahl, RecoversTheSerialFractionOfExactData)
{
    const std::vector<double> p{1, 2, 4, 8, 16};
    for (double s : {0.0, 0.05, 0.3, 1.0}) {
        std::vector<double> speedup;
        for (double w : p)
            speedup.push_back(amdahl_speedup(s, w));
        EXPECT_NEAR(amdahl_serial_fraction(p, speedup), s, 1e-6);
    }
    EXPECT_DOUBLE_EQ(amdahl_speedup(0.0, 4), 4.0);
    EXPECT_DOUBLE_EQ(amdahl_speedup(1.0, 4), 1.0);
    EXPECT_EQ(amdahl_serial_fraction({}, {}), 0.0);
}

TEST(Amdahl, SlowdownsFitAsFullySerial)
{
    const std::vector<double> p{1, 2, 4}, speedup{1.0, 0.8, 0.5};
    EXPECT_DOUBLE_EQ(amdahl_serial_fraction(p, speedup), 1.0);
}

TEST(SpeedLimit, FloorIsTheLargerOfMemoryAndArithmetic)
{
    SpeedLimits l;
    l.copy_bandwidth = 16e9;
    l.scale_bandwidth = 8e9;
    l.throughput = {{Function::Exp, Kernel::Simd, 1.0}};
    RunConfig c;
    c.workload.size = 10'000'000;
    c.strategy = StrategyKind::Threads;
    c.workers = 2;
    // memory: 160 MB / 16 GB/s = 10 ms (copy's, the better of copy and scale); arithmetic: 10M x 1 ns / 2 = 5 ms
    EXPECT_STREQ(l.floor_kernel(), "copy");
    EXPECT_NEAR(floor_seconds(c, l, 8), 0.010, 1e-12);
    c.workload.intensity = 8; // 40 ms of arithmetic on 2 cores
    EXPECT_NEAR(floor_seconds(c, l, 8), 0.040, 1e-12);
    c.workers = 4; // but only 2 cores
    EXPECT_NEAR(floor_seconds(c, l, 2), 0.040, 1e-12);
    c.strategy = StrategyKind::Sequential;
    EXPECT_NEAR(floor_seconds(c, l, 8), 0.080, 1e-12);
    c.workload.kernel = Kernel::Scalar; // not measured
    EXPECT_EQ(floor_seconds(c, l, 8), 0.0);
}

TEST(SpeedLimit, FloorUsesTheBetterOfCopyAndScaleNeverTriad)
{
    SpeedLimits l;
    l.copy_bandwidth = 8e9;
    l.scale_bandwidth = 9e9;
    l.triad_bandwidth = 20e9; // two loads and a store: not what y = f(x) moves
    EXPECT_STREQ(l.floor_kernel(), "scale");
    EXPECT_EQ(l.bandwidth(), 9e9);
}

TEST(SpeedLimit, StreamArraysAreAtLeast128MiB)
{
    EXPECT_GE(stream_array_bytes(), std::size_t{128} << 20);
    EXPECT_LE(stream_array_bytes(), std::size_t{1} << 30);
}

TEST(SpeedLimit, MeasuresBandwidthAndEveryKernel)
{
    const SpeedLimits l = measure_speed_limits(std::size_t{16} << 20);
    EXPECT_GT(l.copy_bandwidth, 1e8);
    EXPECT_GT(l.scale_bandwidth, 1e8);
    EXPECT_GT(l.triad_bandwidth, 1e8);
    EXPECT_GE(l.repetitions, 10);
    EXPECT_GE(l.threads, 1);
    EXPECT_EQ(l.bytes, std::size_t{16} << 20);
    EXPECT_EQ(l.bandwidth(), std::string(l.floor_kernel()) == "copy" ? l.copy_bandwidth : l.scale_bandwidth);
    EXPECT_EQ(l.throughput.size(), all_functions().size() * 2);
    for (const auto& t : l.throughput) {
        EXPECT_GT(t.ns_per_item, 0.0);
        EXPECT_LT(t.ns_per_item, 1000.0);
    }
}

TEST(SpeedLimit, CancelledMeasurementStopsBeforeMeasuring)
{
    CancelToken cancel;
    cancel.cancel();
    const SpeedLimits l = measure_speed_limits(std::size_t{16} << 20, &cancel);
    EXPECT_EQ(l.copy_bandwidth, 0.0);
    EXPECT_EQ(l.triad_bandwidth, 0.0);
    EXPECT_EQ(l.repetitions, 0);
    EXPECT_TRUE(l.throughput.empty());
    EXPECT_FALSE(l.mechanisms.measured());
}

TEST(SpeedLimit, CancelDuringTheBandwidthTestEndsIt)
{
    // Cancelled from another thread while the arrays are streamed (seen between repetitions):
    // the measurement returns without going on to the mechanisms, with whole kernels or none.
    CancelToken cancel;
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        cancel.cancel();
    });
    const SpeedLimits l = measure_speed_limits(std::size_t{32} << 20, &cancel);
    canceller.join();
    EXPECT_FALSE(l.mechanisms.measured());
    if (l.repetitions == 0)
        EXPECT_EQ(l.copy_bandwidth + l.scale_bandwidth + l.triad_bandwidth, 0.0);
    else
        EXPECT_GT(l.triad_bandwidth, 0.0);
}

TEST(Runner, ScaleRunsOneCellPerWorkerCount)
{
    RunConfig c;
    c.strategy = StrategyKind::Tbb;
    c.workload.size = 50000;
    c.repeats = 1;
    c.warmup = 0;
    Runner runner;
    const auto results = runner.scale(c, {1, 2, 3});
    ASSERT_EQ(results.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(results[i].config.workers, static_cast<int>(i + 1));
        EXPECT_TRUE(results[i].verified);
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli's views of why: scale, machine, --trace and the rendered heatmap.

#include "childprocess.h"

#include "chunkscope/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;

std::string temp_path(const std::string& name)
{
    return "/tmp/chunkscope-cli-test-" + std::to_string(getpid()) + "-" + name;
}

// A small sweep of strategy (20K items, chunksize 1, 5 repetitions) written as JSON to path.
Outcome sweep_json(const std::string& strategy, const std::string& splits, const std::string& path)
{
    return run_cli({"sweep", "--strategy", strategy, "--size", "20K", "--splits-list", splits, "--chunks-list", "1",
                    "--repeats", "5", "--warmup", "0", "--format", "json", "--out", path},
                   60s);
}

// Three 16 MiB arrays: a quick machine measurement (the default's are 128 MiB to 1 GiB each, which
// takes tens of seconds under ASan); these tests look at what is reported, not at the bandwidth.
constexpr const char* kSmallStream = "16Mi";

TEST(CliAnalysis, ScaleGivesOneResultPerWorkerCount)
{
    const Outcome o = run_cli({"scale", "--strategy", "threads", "--size", "20K", "--workers-list", "1,2,3",
                               "--repeats", "1", "--format", "json"},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    ASSERT_EQ(doc["results"].size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(doc["results"][i]["workers"], i + 1);
        EXPECT_EQ(doc["results"][i]["verified"], true);
    }
}

// The window's Scaling tab plans chunkscope::default_workers_list(cores) (tst_analysisviews);
// the CLI's scale without --workers-list must measure exactly those worker counts.
TEST(CliAnalysis, ScaleByDefaultPlansTheWorkerCountsTheWindowPlans)
{
    const Outcome o = run_cli({"scale", "--strategy", "threads", "--size", "4K", "--repeats", "1", "--warmup", "0",
                               "--format", "json"},
                              120s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    const std::vector<int> expected = default_workers_list(doc["machine"]["logical_cores"].get<int>());
    std::vector<int> measured;
    for (const auto& r : doc["results"])
        measured.push_back(r["workers"].get<int>());
    EXPECT_EQ(measured, expected);
}

TEST(CliAnalysis, ScaleTableShowsSpeedupsAndAmdahlFit)
{
    const Outcome o = run_cli({"scale", "--strategy", "tbb", "--size", "50K", "--workers-list", "1,2", "--repeats", "1"},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    EXPECT_NE(o.out.find("Speedup over sequential"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Amdahl fit: serial fraction"), std::string::npos) << o.out;
}

TEST(CliAnalysis, ScaleRefusesTooManyWorkers)
{
    const Outcome o = run_cli({"scale", "--strategy", "threads", "--workers-list", "1,300"}, 20s);
    EXPECT_EQ(o.exit_code, 2) << o.err;
    EXPECT_NE(o.err.find("--workers-list"), std::string::npos) << o.err;
}

TEST(CliAnalysis, MachineReportsBandwidthAndKernelsInJson)
{
    // STREAM's default array size is checked in tests/core (SpeedLimit.StreamArraysAreAtLeast128MiB);
    // here, the report, with the size --stream-array asks for.
    const Outcome o = run_cli({"machine", "--format", "json", "--stream-array", kSmallStream}, 60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    const auto& m = doc.at("machine");
    EXPECT_GT(m.at("bandwidth").at("copy_bandwidth_bytes_per_s").get<double>(), 1e8);
    EXPECT_GT(m.at("bandwidth").at("scale_bandwidth_bytes_per_s").get<double>(), 1e8);
    // STREAM's triad for reference, and which kernel the floor takes and how bytes are counted.
    const auto& bw = m.at("bandwidth");
    EXPECT_GT(bw.at("triad_bandwidth_bytes_per_s").get<double>(), 1e8);
    const std::string floor_kernel = bw.at("floor_kernel");
    EXPECT_TRUE(floor_kernel == "copy" || floor_kernel == "scale") << floor_kernel;
    EXPECT_EQ(bw.at("floor_bandwidth_bytes_per_s").get<double>(),
              bw.at(floor_kernel + "_bandwidth_bytes_per_s").get<double>());
    EXPECT_FALSE(bw.at("write_allocate_counted").get<bool>());
    EXPECT_GE(bw.at("repetitions").get<int>(), 10);
    EXPECT_EQ(bw.at("arrays").get<int>(), 3);
    EXPECT_EQ(bw.at("array_bytes").get<double>(), 16.0 * (1 << 20));
    EXPECT_EQ(m.at("kernel_throughput").size(), 10u);
    EXPECT_TRUE(m.contains("cpu_model"));
    // The tutorial's mechanisms, measured by its module (numpy is installed with the tests).
    const auto& py = m.at("python");
    ASSERT_TRUE(py.at("error").is_null()) << py.dump();
    EXPECT_GT(py.at("pickle_send_bytes_per_s").get<double>(), 1e6);
    EXPECT_GT(py.at("unpickle_receive_bytes_per_s").get<double>(), 1e6);
    EXPECT_GT(py.at("pool_task_s").get<double>(), 0.0);
    EXPECT_GT(py.at("numpy_ns_per_item").at("exp").get<double>(), 0.0);
    bool py_split_floor = false;
    for (const auto& f : m.at("own_floors"))
        py_split_floor = py_split_floor || f.at("strategy") == "py-split";
    EXPECT_TRUE(py_split_floor) << "py-split's own floor is in the machine's table";
}

TEST(CliAnalysis, MachineDaskMeasuresALocalClusterInJson)
{
    // A LocalCluster of 2 workers started twice (at 1 and 2 workers), its tasks and transfers: a few seconds.
    const Outcome o =
        run_cli({"machine", "--dask", "--dask-workers", "2", "--format", "json", "--stream-array", kSmallStream}, 120s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    const auto& dask = doc.at("machine").at("dask");
    ASSERT_TRUE(dask.at("error").is_null()) << dask.dump();
    EXPECT_TRUE(dask.at("scheduler").is_null()) << "a LocalCluster";
    EXPECT_EQ(dask.at("workers").get<int>(), 2);
    EXPECT_GT(dask.at("start_s").get<double>() + dask.at("start_per_worker_s").get<double>(), 0.0);
    EXPECT_GT(dask.at("close_s").get<double>(), 0.0);
    EXPECT_GT(dask.at("task_s").get<double>(), 0.0);
    EXPECT_GE(dask.at("round_trip_s").get<double>(), 0.0);
    EXPECT_GT(dask.at("scatter_bytes_per_s").get<double>(), 1e6);
    EXPECT_GT(dask.at("gather_bytes_per_s").get<double>(), 1e6);
}

TEST(CliAnalysis, FloorsMeasureTheDaskClusterOfDaskCells)
{
    // --floors after a py-dask-distributed cell measures its cluster (one worker, a LocalCluster) for its own floor.
    const Outcome o = run_cli({"run", "--strategy", "py-dask-distributed", "--size", "200K", "--splits", "4",
                               "--workers", "1", "--pool", "warm", "--repeats", "1", "--warmup", "0", "--floors",
                               "--stream-array", kSmallStream, "--format", "json"},
                              120s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    EXPECT_EQ(o.err.find("could not be measured"), std::string::npos) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    const auto& cell = doc.at("results").at(0);
    ASSERT_TRUE(cell.at("own_floor_s").is_number()) << cell.dump();
    EXPECT_GT(cell.at("own_floor_s").get<double>(), 0.0);
    EXPECT_EQ(cell.at("own_floor_phases").at("startup_s").get<double>(), 0.0) << "a warm cluster";
    EXPECT_GT(cell.at("own_floor_phases").at("gather_s").get<double>(), 0.0) << "half the map's round trip";
}

TEST(CliAnalysis, FloorsGiveEveryCellItsMachineFloorAndItsOwnFloor)
{
    const Outcome o = run_cli({"sweep", "--strategy", "fork-split", "--size", "200K", "--splits-list", "2,8",
                               "--chunks-list", "1", "--repeats", "2", "--warmup", "0", "--floors", "--stream-array", kSmallStream,
                               "--format", "json"},
                              90s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(o.out);
    ASSERT_EQ(doc.at("results").size(), 2u);
    for (const auto& cell : doc.at("results")) {
        const double floor = cell.at("floor_s").get<double>();
        const double own = cell.at("own_floor_s").get<double>();
        EXPECT_GT(floor, 0.0);
        EXPECT_GT(own, floor) << "fork-split's pipes and forks cost more than the machine floor";
        EXPECT_GT(cell.at("own_floor_phases").at("scatter_s").get<double>(), 0.0);
        EXPECT_GT(cell.at("own_floor_phases").at("startup_s").get<double>(), 0.0) << "a fresh pool forks";
    }
    // The tutorial's Python: its own floor from the module's pickling and Pool costs.
    const Outcome py = run_cli({"run", "--strategy", "py-split", "--size", "200K", "--splits", "4", "--workers", "2",
                                "--repeats", "1", "--floors", "--stream-array", kSmallStream, "--format", "json"},
                               90s);
    ASSERT_TRUE(py.exited && py.exit_code == 0) << py.err;
    const auto py_doc = nlohmann::json::parse(py.out);
    const auto& py_cell = py_doc.at("results").at(0);
    EXPECT_GT(py_cell.at("own_floor_s").get<double>(), py_cell.at("floor_s").get<double>())
        << "pickling the parts there and back costs more than the memory traffic";
    EXPECT_GT(py_cell.at("own_floor_phases").at("startup_s").get<double>(), 0.0) << "a fresh Pool forks";
    const Outcome table = run_cli({"run", "--strategy", "py-numexpr", "--size", "20K", "--repeats", "1", "--floors", "--stream-array", kSmallStream},
                                  90s);
    if (table.exited && table.exit_code == 0) {   // python3-numexpr is optional
        EXPECT_NE(table.out.find("not modelled"), std::string::npos) << table.out;
    }
    const Outcome csv = run_cli({"run", "--strategy", "threads", "--size", "20K", "--repeats", "1", "--floors",
                                 "--stream-array", kSmallStream, "--format", "csv"},
                                60s);
    ASSERT_TRUE(csv.exited && csv.exit_code == 0) << csv.err;
    EXPECT_NE(csv.out.find(",floor_s,own_floor_s,"), std::string::npos);
    EXPECT_EQ(csv.out.find(",,tasks"), std::string::npos);
}

TEST(CliAnalysis, TraceIsChromeTraceEventJson)
{
    const std::string path = temp_path("trace.json");
    const Outcome o = run_cli({"run", "--strategy", "fork-split", "--size", "30K", "--splits", "6", "--workers", "2",
                               "--repeats", "1", "--trace", path},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto doc = nlohmann::json::parse(slurp(path));
    std::remove(path.c_str());
    int tasks = 0;
    std::set<int> pids;
    for (const auto& e : doc.at("traceEvents"))
        if (e.at("ph") == "X" && e.at("cat") == "compute") {
            ++tasks;
            pids.insert(e.at("pid").get<int>());
            EXPECT_TRUE(e.at("ts").is_number());
            EXPECT_TRUE(e.at("dur").is_number());
        }
    EXPECT_EQ(tasks, 6);
    EXPECT_FALSE(pids.empty());
}

#ifdef CHUNKSCOPE_WITH_UI
TEST(CliAnalysis, SweepRendersTheHeatmapAsPngAndSvgWithoutADisplay)
{
    const std::string png = temp_path("sweep.png"), svg = temp_path("sweep.svg");
    const Outcome o = run_cli({"sweep", "--strategy", "threads", "--size", "20K", "--splits-list", "1,4",
                               "--chunks-list", "1,2", "--repeats", "1", "--png", png, "--svg", svg},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const std::string p = slurp(png), s = slurp(svg);
    std::remove(png.c_str());
    std::remove(svg.c_str());
    ASSERT_GT(p.size(), 1000u);
    EXPECT_EQ(p.substr(1, 3), "PNG");
    EXPECT_NE(s.find("<svg"), std::string::npos);
}

// --color-by: each colouring names itself in the colour scale's title, which the SVG holds as text.
struct Colouring {
    std::string name;
    std::string expected;   // in the SVG
};

std::ostream& operator<<(std::ostream& os, const Colouring& c) { return os << c.name; }

class CliColourBy : public testing::TestWithParam<Colouring> {};

TEST_P(CliColourBy, RendersTheHeatmapColouredAsAsked)
{
    const Colouring& colouring = GetParam();
    const std::string svg = temp_path("colour-" + colouring.name + ".svg");
    const Outcome o = run_cli({"sweep", "--strategy", "fork-split", "--size", "20K", "--splits-list", "1,4",
                               "--chunks-list", "1,2", "--repeats", "1", "--svg", svg, "--color-by", colouring.name,
                               "--stream-array", kSmallStream},
                              90s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const std::string s = slurp(svg);
    std::remove(svg.c_str());
    EXPECT_NE(s.find(colouring.expected), std::string::npos) << "no \"" << colouring.expected << "\" in the SVG";
    // The report holds the sweep's cells only, whatever the colouring ran besides.
    EXPECT_EQ(o.out.find("sequential"), std::string::npos) << o.out;
}

INSTANTIATE_TEST_SUITE_P(EveryColouring, CliColourBy,
                         testing::Values(Colouring{"time", "median time"}, Colouring{"speedup", "speedup over sequential"},
                                         Colouring{"floor", "times the floor"},
                                         Colouring{"own-floor", "own floor"}, Colouring{"phase", "most time"}),
                         [](const testing::TestParamInfo<Colouring>& info) {
                             std::string name = info.param.name;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(CliAnalysis, ColourByRefusesAnUnknownColouring)
{
    const Outcome o = run_cli({"sweep", "--strategy", "threads", "--svg", temp_path("x.svg"), "--color-by", "rainbow"},
                              20s);
    EXPECT_EQ(o.exit_code, 2) << o.err;
    for (const char* word : {"--color-by", "rainbow", "time", "speedup", "floor", "own-floor", "phase"})
        EXPECT_NE(o.err.find(word), std::string::npos) << o.err;
}

TEST(CliAnalysis, ColourByRatioAgainstAReference)
{
    const std::string ref = temp_path("ratio-ref.json"), svg = temp_path("ratio.svg");
    ASSERT_EQ(sweep_json("threads", "1,4", ref).exit_code, 0);
    const Outcome o = run_cli({"sweep", "--strategy", "fork-split", "--size", "20K", "--splits-list", "1,4",
                               "--chunks-list", "1,2", "--repeats", "5", "--warmup", "0", "--svg", svg, "--reference", ref},
                              90s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const std::string s = slurp(svg);
    std::remove(svg.c_str());
    EXPECT_NE(s.find("the reference"), std::string::npos) << "no ratio scale in the SVG";
    EXPECT_NE(s.find("×"), std::string::npos) << "no ratio in the SVG";
    EXPECT_NE(s.find("not in"), std::string::npos) << "chunksize 2 is not in the reference";

    // What cannot be: no reference to measure against, a file that is not a report, another colouring.
    const Outcome none = run_cli({"sweep", "--strategy", "threads", "--svg", svg, "--color-by", "ratio"}, 20s);
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("--reference FILE"), std::string::npos) << none.err;
    const std::string bad = temp_path("ratio-bad.json");
    std::ofstream(bad) << "{\"results\": 3}";
    const Outcome notReport = run_cli({"sweep", "--strategy", "threads", "--svg", svg, "--reference", bad}, 20s);
    EXPECT_EQ(notReport.exit_code, 2);
    EXPECT_NE(notReport.err.find("not a Chunkscope report"), std::string::npos) << notReport.err;
    const Outcome both = run_cli({"sweep", "--strategy", "threads", "--svg", svg, "--reference", ref, "--color-by", "phase"},
                                 20s);
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("--color-by phase"), std::string::npos) << both.err;
    std::remove(ref.c_str());
    std::remove(bad.c_str());
}

TEST(CliAnalysis, ColourByNeedsAnImageToColour)
{
    const Outcome o = run_cli({"sweep", "--strategy", "threads", "--color-by", "phase"}, 20s);
    EXPECT_EQ(o.exit_code, 2) << o.err;
    EXPECT_NE(o.err.find("--png"), std::string::npos) << o.err;
}
#endif

} // namespace
} // namespace chunkscope::test

namespace chunkscope::test {
namespace {

TEST(CliDiff, PairsTheSharedCellsAndNamesTheOthers)
{
    const std::string a = temp_path("diff-a.json"), b = temp_path("diff-b.json");
    ASSERT_EQ(sweep_json("fork-split", "1,8", a).exit_code, 0);
    ASSERT_EQ(sweep_json("threads", "8,64", b).exit_code, 0);
    const Outcome json = run_cli({"diff", a, b, "--format", "json"}, 20s);
    ASSERT_TRUE(json.exited && json.exit_code == 0) << json.err;
    const auto cells = nlohmann::json::parse(json.out).at("cells");
    ASSERT_EQ(cells.size(), 3u) << json.out;
    EXPECT_EQ(cells[0]["splits"], 8);   // the shared cell first, with both medians and a test
    EXPECT_EQ(cells[0]["strategy_a"], "fork-split");
    EXPECT_EQ(cells[0]["strategy_b"], "threads");
    EXPECT_TRUE(cells[0]["p_value"].is_number());
    EXPECT_NEAR(cells[0]["ratio"].get<double>(),
                cells[0]["median_a_s"].get<double>() / cells[0]["median_b_s"].get<double>(), 1e-9);
    EXPECT_EQ(cells[1]["verdict"], "in A only");
    EXPECT_EQ(cells[2]["verdict"], "in B only");
    const Outcome table = run_cli({"diff", a, b}, 20s);
    EXPECT_NE(table.out.find("in B only"), std::string::npos) << table.out;
    const Outcome csv = run_cli({"diff", a, b, "--format", "csv"}, 20s);
    EXPECT_EQ(csv.out.rfind("splits,chunksize,strategy_a,strategy_b,", 0), 0u) << csv.out;
    std::remove(a.c_str());
    std::remove(b.c_str());
}

TEST(CliDiff, WarnsWhenTheTwoSetsCameFromDifferentGenerators)
{
    const std::string a = temp_path("gen-a.json"), b = temp_path("gen-b.json");
    ASSERT_EQ(sweep_json("threads", "1,8", a).exit_code, 0);
    // b: the same report as an older session wrote it, before the counter-based generator.
    nlohmann::json old = nlohmann::json::parse(std::ifstream(a));
    ASSERT_FALSE(old.at("results").empty());
    for (auto& cell : old.at("results")) {
        ASSERT_EQ(cell.at("generator"), "counter-v1");
        cell.erase("generator");
    }
    std::ofstream(b) << old.dump();
    const Outcome same = run_cli({"diff", a, a}, 20s);
    EXPECT_EQ(same.exit_code, 0) << same.err;
    EXPECT_EQ(same.err.find("warning"), std::string::npos) << same.err;
    const std::string said = "warning: " + a + "'s data came from counter-v1, " + b +
                             "'s from legacy: the inputs differ, so the times compare but outputs do not";
    const Outcome table = run_cli({"diff", a, b}, 20s);
    EXPECT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.err.find(said), std::string::npos) << table.err;
    const Outcome json = run_cli({"diff", a, b, "--format", "json"}, 20s);
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const auto j = nlohmann::json::parse(json.out);
    EXPECT_EQ(j.at("warning"), said);
    EXPECT_EQ(j.at("cells").size(), 2u);
    std::remove(a.c_str());
    std::remove(b.c_str());
}

TEST(CliDiff, RefusesWhatIsNotAReport)
{
    const std::string bad = temp_path("diff-bad.json");
    std::ofstream(bad) << "{\"hello\": 1}";
    const Outcome o = run_cli({"diff", bad, bad}, 20s);
    EXPECT_EQ(o.exit_code, 2) << o.err;
    EXPECT_NE(o.err.find("not a Chunkscope report"), std::string::npos) << o.err;
    EXPECT_EQ(run_cli({"diff", "/nonexistent.json", bad}, 20s).exit_code, 2);
    std::remove(bad.c_str());
}

} // namespace
} // namespace chunkscope::test

// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli diff with three reports or more: a class's machines side by side. The reports
// are made by the CLI itself at a tiny size, with different settings standing in for machines.

#include "childprocess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;

std::string class_path(const std::string& name)
{
    return "/tmp/chunkscope-cli-class-" + std::to_string(getpid()) + "-" + name;
}

// One student's report: strategy at 20K items over splits 1, 4 and chunksize 1, on workers.
Outcome class_report(const std::string& strategy, const std::string& workers, const std::string& path)
{
    return run_cli({"sweep", "--strategy", strategy, "--size", "20K", "--workers", workers, "--splits-list", "1,4",
                    "--chunks-list", "1", "--repeats", "1", "--warmup", "0", "--format", "json", "--out", path},
                   60s);
}

struct ClassFiles {
    std::string a = class_path("a.json"), b = class_path("b.json"), other = class_path("other.json");
    ClassFiles()
    {
        EXPECT_EQ(class_report("fork-split", "1", a).exit_code, 0);
        EXPECT_EQ(class_report("fork-split", "2", b).exit_code, 0);
        EXPECT_EQ(class_report("threads", "2", other).exit_code, 0);
    }
    ~ClassFiles()
    {
        for (const std::string& p : {a, b, other})
            std::remove(p.c_str());
    }
};

TEST(CliClass, ThreeReportsOneOfAnotherExperiment)
{
    const ClassFiles f;
    const Outcome json = run_cli({"diff", f.a, f.other, f.b, "--format", "json"}, 20s);
    ASSERT_TRUE(json.exited && json.exit_code == 0) << json.err;
    const auto j = nlohmann::json::parse(json.out);
    ASSERT_EQ(j.at("machines").size(), 2u) << json.out;
    EXPECT_EQ(j["machines"][0]["name"], f.a);
    EXPECT_EQ(j["machines"][1]["name"], f.b);
    for (const auto& m : j["machines"]) {
        EXPECT_EQ(m["best"]["strategy"], "fork-split");
        EXPECT_GT(m["best"]["median_s"].get<double>(), 0);
        EXPECT_GT(m["logical_cores"].get<int>(), 0);
        EXPECT_TRUE(m["speedup"].is_null()) << "a sweep's report holds no sequential baseline";
    }
    EXPECT_EQ(j["machines"][0]["best"]["workers"], 1);
    EXPECT_EQ(j["machines"][1]["best"]["workers"], 2);
    ASSERT_EQ(j.at("other_experiment").size(), 1u);
    EXPECT_EQ(j["other_experiment"][0]["name"], f.other);
    EXPECT_EQ(j["other_experiment"][0]["reason"], "strategy: threads, not fork-split");
    EXPECT_TRUE(j.at("unreadable").empty());

    const Outcome table = run_cli({"diff", f.a, f.other, f.b}, 20s);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    for (const std::string& said : {std::string("Same experiment (2 reports)"), std::string("governor"),
                                    std::string("Another experiment (not compared):"),
                                    f.other + ": strategy: threads, not fork-split"})
        EXPECT_NE(table.out.find(said), std::string::npos) << said << "\n" << table.out;

    const std::string out = class_path("class.csv");
    const Outcome csv = run_cli({"diff", f.a, f.other, f.b, "--format", "csv", "--out", out}, 20s);
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    std::ifstream in(out);
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header.rfind("name,cpu_model,logical_cores,governor,", 0), 0u) << header;
    std::remove(out.c_str());
}

TEST(CliClass, AnUnreadableReportIsListedWithItsErrorAndTheRestShown)
{
    const ClassFiles f;
    const std::string bad = class_path("bad.json");
    std::ofstream(bad) << "{\"hello\": 1}";
    const Outcome o = run_cli({"diff", f.a, f.b, bad, "/nonexistent-class.json", "--format", "json"}, 20s);
    ASSERT_TRUE(o.exited) << o.err;
    EXPECT_EQ(o.exit_code, 1) << o.err;
    const auto j = nlohmann::json::parse(o.out);
    EXPECT_EQ(j.at("machines").size(), 2u);
    ASSERT_EQ(j.at("unreadable").size(), 2u);
    EXPECT_EQ(j["unreadable"][0]["name"], bad);
    EXPECT_NE(j["unreadable"][0]["error"].get<std::string>().find("not a Chunkscope report"), std::string::npos);
    EXPECT_NE(j["unreadable"][1]["error"].get<std::string>().find("cannot open it"), std::string::npos);
    EXPECT_NE(o.err.find("diff: \"" + bad + "\": not a Chunkscope report"), std::string::npos) << o.err;
    std::remove(bad.c_str());
}

TEST(CliClass, TwoReportsStillCompareCellByCell)
{
    const ClassFiles f;
    const Outcome table = run_cli({"diff", f.a, f.b}, 20s);
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(table.out.rfind("splits  chunk  A ", 0), 0u) << table.out;
    EXPECT_EQ(table.out.find("Same experiment"), std::string::npos) << table.out;
    const Outcome json = run_cli({"diff", f.a, f.b, "--format", "json"}, 20s);
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_TRUE(nlohmann::json::parse(json.out).contains("cells"));
    // A bad one of two is still refused before anything is written.
    EXPECT_EQ(run_cli({"diff", f.a, "/nonexistent-class.json"}, 20s).exit_code, 2);
}

} // namespace
} // namespace chunkscope::test

namespace chunkscope::test {
namespace {

TEST(CliClass, AFolderOfReports)
{
    const ClassFiles f;
    const std::string folder = class_path("folder");
    ASSERT_EQ(::mkdir(folder.c_str(), 0700), 0);
    const std::string empty = class_path("empty");
    ASSERT_EQ(::mkdir(empty.c_str(), 0700), 0);
    for (const std::string& p : {f.a, f.b, f.other})
        std::ofstream(folder + p.substr(p.rfind('/'))) << std::ifstream(p).rdbuf();
    const Outcome o = run_cli({"diff", folder, "--format", "json"}, 20s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << o.err;
    const auto j = nlohmann::json::parse(o.out);
    EXPECT_EQ(j.at("machines").size(), 2u) << o.out;
    EXPECT_EQ(j.at("other_experiment").size(), 1u) << o.out;

    const Outcome none = run_cli({"diff", folder, empty, "--format", "json"}, 20s);
    EXPECT_EQ(none.exit_code, 1) << none.err;
    const auto k = nlohmann::json::parse(none.out);
    ASSERT_EQ(k.at("unreadable").size(), 1u);
    EXPECT_EQ(k["unreadable"][0]["error"], "the folder holds no .json report");

    const Outcome one = run_cli({"diff", f.a}, 20s);
    EXPECT_EQ(one.exit_code, 2);
    EXPECT_NE(one.err.find("name two reports"), std::string::npos) << one.err;
    for (const std::string& p : {f.a, f.b, f.other})
        std::remove((folder + p.substr(p.rfind('/'))).c_str());
    ::rmdir(folder.c_str());
    ::rmdir(empty.c_str());
}

} // namespace
} // namespace chunkscope::test

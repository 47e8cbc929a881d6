// SPDX-License-Identifier: GPL-3.0-or-later
// group_class on a class's reports, written and read back through the reporters: the reports of
// one experiment side by side (best cell, speedup against each one's own baseline, floor, the
// machine's governor), one of another experiment set apart with the reason, an unreadable one
// listed with its error.

#include "chunkscope/classresults.h"
#include "chunkscope/plan.h"

#include "support/configs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <vector>

using namespace chunkscope;

namespace {

// A machine's report: strategy over splits {1, 4, 16} at chunksize 1, splits 4 the fastest
// (fastest_s), a sequential baseline of seq_s, as write_json writes it.
ClassReport report(const std::string& name, StrategyKind strategy, int workers, double fastest_s, double seq_s,
                   const std::string& governor)
{
    std::vector<CellResult> cells;
    for (std::size_t s : {1u, 4u, 16u}) {
        CellResult r;
        r.config = support::small_config(strategy, 10'000, s, 1, workers);
        r.median_s = s == 4 ? fastest_s : fastest_s * 2;
        r.samples = {r.median_s};
        r.floors.machine_s = fastest_s / 4;
        cells.push_back(r);
    }
    CellResult seq;
    seq.config = baseline_of(cells.front().config);
    seq.median_s = seq_s;
    seq.samples = {seq_s};
    cells.push_back(seq);
    MachineInfo m;
    m.cpu_model = "CPU of " + name;
    m.logical_cores = workers;
    m.governor = governor;
    std::stringstream json;
    write_json(json, m, cells);
    ClassReport r{name, read_json(json)};
    // The governor as a report that carries it says (the reporters' round trip of it has its own tests).
    r.report.machine.governor = governor;
    return r;
}

ClassReport unreadable(const std::string& name)
{
    std::stringstream text("{\"hello\": 1}");
    return {name, read_json(text)};
}

} // namespace

TEST(ClassResults, ReportsOfOneExperimentSideBySideAndAnotherSetApart)
{
    const ClassResults c = group_class({report("a.json", StrategyKind::ForkSplit, 2, 0.010, 0.030, "performance"),
                                        report("b.json", StrategyKind::Threads, 2, 0.005, 0.030, ""),
                                        report("c.json", StrategyKind::ForkSplit, 4, 0.020, 0.030, ""),
                                        unreadable("d.json")});
    ASSERT_EQ(c.reports.size(), 4u);
    ASSERT_EQ(c.machines.size(), 2u);
    EXPECT_EQ(c.machines[0].report, 0u);
    EXPECT_EQ(c.machines[1].report, 2u) << "the workers differ between machines: still one experiment";

    const CellResult* best = best_cell(c, c.machines[0]);
    ASSERT_TRUE(best);
    EXPECT_EQ(grid_point(best->config).splits, 4u);
    EXPECT_DOUBLE_EQ(best->median_s, 0.010);
    ASSERT_TRUE(c.machines[0].speedup);
    EXPECT_NEAR(*c.machines[0].speedup, 3.0, 1e-9);
    ASSERT_TRUE(c.machines[0].floor_s);
    EXPECT_NEAR(*c.machines[0].floor_s, 0.0025, 1e-12);
    ASSERT_TRUE(c.machines[1].speedup);
    EXPECT_NEAR(*c.machines[1].speedup, 1.5, 1e-9);
    EXPECT_EQ(governor_text(c.reports[0].report.machine), "performance");
    EXPECT_EQ(governor_text(c.reports[2].report.machine), "not reported");

    ASSERT_EQ(c.others.size(), 1u);
    EXPECT_EQ(c.others[0].report, 1u);
    ASSERT_EQ(c.others[0].differences.size(), 1u);
    EXPECT_EQ(c.others[0].differences[0].field, "strategy");
    EXPECT_EQ(c.others[0].reason, "strategy: threads, not fork-split");

    ASSERT_EQ(c.unreadable.size(), 1u);
    EXPECT_EQ(c.unreadable[0], 3u);
    EXPECT_FALSE(c.reports[3].report.error.empty());
}

TEST(ClassResults, TheExperimentMostReportsShareIsTheClass)
{
    const ClassResults c = group_class({report("odd.json", StrategyKind::Threads, 2, 0.005, 0.030, ""),
                                        report("a.json", StrategyKind::ForkShm, 2, 0.010, 0.030, ""),
                                        report("b.json", StrategyKind::ForkShm, 2, 0.012, 0.030, "")});
    ASSERT_EQ(c.machines.size(), 2u);
    ASSERT_EQ(c.others.size(), 1u);
    EXPECT_EQ(c.others[0].report, 0u);
    EXPECT_EQ(c.others[0].reason, "strategy: threads, not fork-shm");
}

TEST(ClassResults, ASizeOrGridThatDiffersIsAnotherExperiment)
{
    ClassReport big = report("big.json", StrategyKind::ForkSplit, 2, 0.010, 0.030, "");
    for (CellResult& r : big.report.results)
        r.config.workload.size = 20'000;
    ClassReport grid = report("grid.json", StrategyKind::ForkSplit, 2, 0.010, 0.030, "");
    grid.report.results.erase(grid.report.results.begin());   // no splits-1 row
    const ClassResults c = group_class({report("a.json", StrategyKind::ForkSplit, 2, 0.010, 0.030, ""),
                                        report("b.json", StrategyKind::ForkSplit, 1, 0.010, 0.030, ""), big, grid});
    ASSERT_EQ(c.machines.size(), 2u);
    ASSERT_EQ(c.others.size(), 2u);
    EXPECT_EQ(c.others[0].reason, "size: 20K, not 10K");
    EXPECT_EQ(c.others[1].reason, "grid: splits 4, 16 x chunksize 1, not splits 1, 4, 16 x chunksize 1");
}

TEST(ClassResults, WritesATableJsonAndCsv)
{
    const ClassResults c = group_class({report("a.json", StrategyKind::ForkSplit, 2, 0.010, 0.030, "powersave"),
                                        report("b.json", StrategyKind::Threads, 2, 0.005, 0.030, ""),
                                        report("c.json", StrategyKind::ForkSplit, 4, 0.020, 0.030, ""),
                                        unreadable("d.json")});
    std::ostringstream table;
    write_class(table, Format::Table, c);
    const std::string t = table.str();
    for (const char* said : {"Same experiment (2 reports)", "CPU of a.json", "powersave", "not reported", "3.00x",
                             "Another experiment (not compared):", "b.json: strategy: threads, not fork-split",
                             "Could not be read:", "d.json: "})
        EXPECT_NE(t.find(said), std::string::npos) << said << "\n" << t;

    std::ostringstream json;
    write_class(json, Format::Json, c);
    const auto j = nlohmann::json::parse(json.str());
    ASSERT_EQ(j.at("machines").size(), 2u);
    EXPECT_EQ(j["machines"][0]["governor"], "powersave");
    EXPECT_TRUE(j["machines"][1]["governor"].is_null());
    EXPECT_EQ(j["machines"][0]["best"]["splits"], 4);
    EXPECT_NEAR(j["machines"][0]["speedup"].get<double>(), 3.0, 1e-9);
    ASSERT_EQ(j.at("other_experiment").size(), 1u);
    EXPECT_EQ(j["other_experiment"][0]["name"], "b.json");
    EXPECT_EQ(j["other_experiment"][0]["differences"][0]["field"], "strategy");
    ASSERT_EQ(j.at("unreadable").size(), 1u);
    EXPECT_EQ(j["unreadable"][0]["name"], "d.json");

    std::ostringstream csv;
    write_class(csv, Format::Csv, c);
    EXPECT_EQ(csv.str().rfind("name,cpu_model,logical_cores,governor,", 0), 0u) << csv.str();
    EXPECT_NE(csv.str().find("another experiment: strategy: threads, not fork-split"), std::string::npos);
}

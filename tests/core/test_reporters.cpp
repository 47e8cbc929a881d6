// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/reporters.h"
#include "chunkscope/inputfile.h"
#include "chunkscope/atomicfile.h"

#include "support/text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace chunkscope;

namespace {

using chunkscope::support::has;

::testing::AssertionResult starts(const std::string& text, std::string_view prefix)
{
    if (text.rfind(prefix, 0) == 0)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "does not start with \"" << prefix << "\":\n" << text;
}

MachineInfo test_machine()
{
    MachineInfo m;
    m.cpu_model = "Test CPU @ 3.00GHz";
    m.logical_cores = 8;
    m.memory_total_bytes = 16'000'000'000;
    m.memory_available_bytes = 12'345'678'901;
    m.os = "Linux 6.1.0";
    m.compiler = "GCC 12.2.0";
    m.build_flags = "Release; kernels: -O3 -ffast-math";
    m.tbb_version = "2021.8.0";
    m.libc_version = "2.36";
    m.chunkscope_version = "0.1.0";
    return m;
}

CellResult ok_cell(StrategyKind strategy, std::size_t splits, std::size_t chunksize)
{
    CellResult r;
    r.config.strategy = strategy;
    r.config.workload.function = Function::Sin;
    r.config.workload.kernel = Kernel::Scalar;
    r.config.workload.intensity = 4;
    r.config.workload.size = 10'000'000;
    r.config.workers = 2;
    r.config.splits = splits;
    r.config.chunksize = chunksize;
    r.config.partitioner = Partitioner::Affinity;
    r.config.pool = PoolLifetime::Warm;
    r.config.repeats = 3;
    r.config.warmup = 0;
    r.samples = {0.1, 1.0 / 3.0, 0.0123456789012345678};
    r.median_s = 0.0123;
    r.min_s = 0.000850;
    r.mean_s = 1.52;
    r.stddev_s = 2.2250738585072014e-308;
    r.cv = 0.0234;
    r.phases = {1e-9, 0.25, 1.0 / 7.0, 123456.789, 0};
    r.verified = true;
    return r;
}

std::vector<CellResult> test_cells()
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::Sequential, 1, 1), ok_cell(StrategyKind::ForkSplit, 64, 2),
                                  ok_cell(StrategyKind::Tbb, 128, 128)};
    CellResult failed = ok_cell(StrategyKind::ForkShm, 8, 3);
    failed.status = Status::Failed;
    failed.error = "shm_open \"/chunkscope-1\" failed, errno 28:\nNo space left on device (ü)";
    failed.samples.clear();
    failed.verified = false;
    cells.push_back(failed);
    CellResult cancelled = ok_cell(StrategyKind::ForkItems, 10'000'000, 1000);
    cancelled.status = Status::Cancelled;
    cancelled.error = "cancelled";
    cells.push_back(cancelled);
    return cells;
}

void expect_same(const CellResult& a, const CellResult& b)
{
    EXPECT_EQ(a.config, b.config);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.error, b.error);
    EXPECT_EQ(a.samples, b.samples);
    EXPECT_EQ(a.median_s, b.median_s);
    EXPECT_EQ(a.min_s, b.min_s);
    EXPECT_EQ(a.mean_s, b.mean_s);
    // One sample or none has no spread: reports leave it out, and it reads back as 0.
    EXPECT_EQ(a.stddev_s, has_spread(b) ? b.stddev_s : 0.0);
    EXPECT_EQ(a.cv, has_spread(b) ? b.cv : 0.0);
    EXPECT_EQ(a.phases, b.phases);
    EXPECT_EQ(a.verified, b.verified);
    EXPECT_EQ(a.generator, b.generator);
    EXPECT_EQ(a.warmup_runs, b.warmup_runs);
    EXPECT_EQ(a.warmup_settled, b.warmup_settled);
}

std::string json_text(std::span<const CellResult> cells)
{
    std::ostringstream os;
    write_json(os, test_machine(), cells);
    return os.str();
}

Report report_from_text(const std::string& text)
{
    std::istringstream is(text);
    return read_json(is);
}

// The written report with one piece of text replaced, which must be there.
std::string edited(const std::string& from, const std::string& to)
{
    const std::vector<CellResult> cells{ok_cell(StrategyKind::Threads, 16, 4)};
    std::string text = json_text(cells);
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

} // namespace

TEST(Reporters, FormatAndStatusNames)
{
    EXPECT_EQ(parse_format("table"), Format::Table);
    EXPECT_EQ(parse_format("csv"), Format::Csv);
    EXPECT_EQ(parse_format("json"), Format::Json);
    EXPECT_EQ(parse_format("JSON"), std::nullopt);
    EXPECT_EQ(parse_format("xml"), std::nullopt);
    EXPECT_EQ(to_string(Status::Ok), "ok");
    EXPECT_EQ(to_string(Status::Failed), "failed");
    EXPECT_EQ(to_string(Status::Cancelled), "cancelled");
}

TEST(ReportersJson, RoundTripIsExact)
{
    const std::vector<CellResult> cells = test_cells();
    const Report report = report_from_text(json_text(cells));
    ASSERT_EQ(report.error, "");
    const MachineInfo m = test_machine();
    EXPECT_EQ(report.machine.cpu_model, m.cpu_model);
    EXPECT_EQ(report.machine.logical_cores, m.logical_cores);
    EXPECT_EQ(report.machine.memory_total_bytes, m.memory_total_bytes);
    EXPECT_EQ(report.machine.memory_available_bytes, m.memory_available_bytes);
    EXPECT_EQ(report.machine.os, m.os);
    EXPECT_EQ(report.machine.compiler, m.compiler);
    EXPECT_EQ(report.machine.build_flags, m.build_flags);
    EXPECT_EQ(report.machine.tbb_version, m.tbb_version);
    EXPECT_EQ(report.machine.libc_version, m.libc_version);
    EXPECT_EQ(report.machine.chunkscope_version, m.chunkscope_version);
    ASSERT_EQ(report.results.size(), cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        SCOPED_TRACE(i);
        expect_same(report.results[i], cells[i]);
    }
}

TEST(ReportersJson, FloorsTravelWhenTheMachineWasMeasuredAndOnlyThen)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::ForkSplit, 64, 2), ok_cell(StrategyKind::Threads, 8, 1)};
    cells[0].floors.machine_s = 0.004;
    cells[0].floors.own_s = 0.09;
    cells[0].floors.own_phases.startup_s = 0.001;
    cells[0].floors.own_phases.scatter_s = 0.04;
    const std::string text = json_text(cells);
    const Report report = report_from_text(text);
    ASSERT_EQ(report.error, "");
    EXPECT_DOUBLE_EQ(report.results[0].floors.machine_s, 0.004);
    EXPECT_DOUBLE_EQ(report.results[0].floors.own_s, 0.09);
    EXPECT_DOUBLE_EQ(report.results[0].floors.own_phases.startup_s, 0.001);
    EXPECT_DOUBLE_EQ(report.results[0].floors.own_phases.scatter_s, 0.04);
    EXPECT_EQ(report.results[1].floors.machine_s, 0.0);
    ASSERT_NE(text.find("\"own_floor_s\""), std::string::npos);
    EXPECT_EQ(text.find("\"own_floor_s\""), text.rfind("\"own_floor_s\"")) << "only the cell with floors carries them";
    std::ostringstream csv;
    write_csv(csv, cells);
    EXPECT_TRUE(has(csv.str(), ",0.004,0.09,")) << csv.str();
}

TEST(ReportersJson, EmptyResultsRoundTrip)
{
    const Report report = report_from_text(json_text({}));
    EXPECT_EQ(report.error, "");
    EXPECT_TRUE(report.results.empty());
    EXPECT_EQ(report.machine.cpu_model, "Test CPU @ 3.00GHz");
}

TEST(ReportersJson, LayoutHasEveryFieldInOrder)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::ForkSplit, 64, 2)};
    cells[0].events.push_back(TaskEvent{1, 2, 0.5, 0.75, 800, 100});
    const std::string text = json_text(cells);
    std::size_t at = 0;
    for (const char* key : {"machine", "cpu_model", "logical_cores", "memory_total_bytes", "memory_available_bytes",
                            "os", "compiler", "build_flags", "tbb_version", "libc_version", "chunkscope_version",
                            "results", "strategy", "function", "kernel", "intensity", "size", "workers", "splits",
                            "chunksize", "partitioner", "pool", "repeats", "warmup", "median_s", "min_s", "mean_s",
                            "stddev_s", "cv", "samples", "phases", "startup_s", "scatter_s", "compute_s",
                            "gather_s", "shutdown_s", "tasks", "verified", "status", "error"}) {
        const auto next = text.find(std::string(1, '"').append(key).append("\":"), at);
        ASSERT_NE(next, std::string::npos) << key << " missing or out of order in\n" << text;
        at = next;
    }
    EXPECT_TRUE(has(text, "\"strategy\": \"fork-split\""));
    EXPECT_TRUE(has(text, "\"function\": \"sin\""));
    EXPECT_TRUE(has(text, "\"kernel\": \"scalar\""));
    EXPECT_TRUE(has(text, "\"partitioner\": \"affinity\""));
    EXPECT_TRUE(has(text, "\"pool\": \"warm\""));
    EXPECT_TRUE(has(text, "\"tasks\": 32"));
    EXPECT_TRUE(has(text, "\"status\": \"ok\""));
    EXPECT_TRUE(has(text, "\"error\": null"));
    EXPECT_TRUE(has(text, "\"verified\": true"));
    EXPECT_FALSE(has(text, "events"));
    EXPECT_FALSE(has(text, "\"worker\""));
}

TEST(ReportersJson, WarmUpUntilSettledAndHowManyRunsItTook)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::ForkSplit, 8, 1), ok_cell(StrategyKind::Threads, 4, 1)};
    cells[0].config.warmup = kWarmupSettle;
    cells[0].warmup_runs = 5;
    cells[0].warmup_settled = true;
    cells[1].config.warmup = 2;
    cells[1].warmup_runs = 2;
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"warmup\": \"settle\"")) << text;
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    EXPECT_EQ(back.results.at(0).config.warmup, kWarmupSettle);
    EXPECT_EQ(back.results.at(0).warmup_runs, 5);
    EXPECT_TRUE(back.results.at(0).warmup_settled);
    EXPECT_EQ(back.results.at(1).config.warmup, 2);
    EXPECT_EQ(back.results.at(1).warmup_runs, 2);
    EXPECT_FALSE(back.results.at(1).warmup_settled);
    // A report from before the rule: its fixed count was made.
    std::string old = text;
    for (const std::string field : {",\n      \"warmup_runs\": 2", ",\n      \"warmup_settled\": false"}) {
        const auto at = old.rfind(field);
        ASSERT_NE(at, std::string::npos) << field;
        old.erase(at, field.size());
    }
    const Report before = report_from_text(old);
    ASSERT_EQ(before.error, "");
    EXPECT_EQ(before.results.at(1).warmup_runs, 2);
    EXPECT_TRUE(has(report_from_text(edited("\"warmup\": 0", "\"warmup\": \"often\"")).error,
                    "results[0].warmup: expected a whole number"));
}

TEST(ReportersJson, ResultsSayWhichGeneratorMadeTheirData)
{
    // New runs: counter-v1, written and read back.
    std::vector<CellResult> cells{ok_cell(StrategyKind::Threads, 4, 1)};
    EXPECT_EQ(cells[0].generator, Generator::CounterV1);
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"generator\": \"counter-v1\"")) << text;
    EXPECT_EQ(report_from_text(text).results.at(0).generator, Generator::CounterV1);
    // A session saved before there was a field: the legacy generator, and it stays so when
    // saved again.
    std::string old = text;
    old.erase(old.find(",\n      \"generator\": \"counter-v1\""), std::string(",\n      \"generator\": \"counter-v1\"").size());
    const Report before = report_from_text(old);
    ASSERT_EQ(before.error, "");
    EXPECT_EQ(before.results.at(0).generator, Generator::Legacy);
    EXPECT_FALSE(has(json_text(before.results), "generator"));
    EXPECT_TRUE(has(report_from_text(edited("\"generator\": \"counter-v1\"", "\"generator\": \"mt\"")).error,
                    "results[0].generator: \"mt\" is not a known generator"));
}

TEST(ReportersJson, NonFiniteNumbersAreNullAndReadBackAsNan)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::Threads, 4, 1)};
    cells[0].cv = std::nan("");
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"cv\": null"));
    const Report report = report_from_text(text);
    ASSERT_EQ(report.error, "");
    EXPECT_TRUE(std::isnan(report.results.at(0).cv));
}

TEST(ReportersJson, GarbageIsNotJson)
{
    for (const char* text : {"", "garbage", "{\"results\": [", "{} trailing", "strategy,function\n", "[1e400]"}) {
        SCOPED_TRACE(text);
        const Report report = report_from_text(text);
        EXPECT_TRUE(starts(report.error, "not JSON (")) << report.error;
        EXPECT_FALSE(has(report.error, "json.exception"));
        EXPECT_TRUE(report.results.empty());
    }
}

TEST(ReportersJson, AnalysesTravelWhenThereAndOnlyThen)
{
    // Which rows were the window's last comparison and scaling (a reopened session draws them).
    const std::vector<CellResult> cells = test_cells();
    ASSERT_GE(cells.size(), 3u);
    EXPECT_FALSE(has(json_text(cells), "\"analyses\""));
    EXPECT_TRUE(report_from_text(json_text(cells)).analyses.empty());
    std::ostringstream os;
    write_json(os, test_machine(), cells, ReportAnalyses{{0, 2}, {1}});
    const Report report = report_from_text(os.str());
    ASSERT_EQ(report.error, "");
    EXPECT_EQ(report.analyses.compare, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(report.analyses.scale, (std::vector<std::size_t>{1}));
    // Only the kinds there are.
    std::ostringstream scale_only;
    write_json(scale_only, test_machine(), cells, ReportAnalyses{{}, {1}});
    EXPECT_FALSE(has(scale_only.str(), "\"compare\""));
    // A row that is not there, or not a row number, is named.
    for (const auto& [analyses, what] : std::vector<std::pair<std::string, std::string>>{
             {"{\"compare\": [0, 99]}", "analyses.compare[1]: expected the number of a row"},
             {"{\"scale\": [-1]}", "analyses.scale[0]: expected the number of a row"},
             {"{\"scale\": 1}", "analyses.scale: expected an array of row numbers"},
             {"[]", "analyses: expected an object"}}) {
        SCOPED_TRACE(analyses);
        std::string text = json_text(cells);
        text.insert(text.rfind('}'), ",\"analyses\": " + analyses);
        const Report bad = report_from_text(text);
        EXPECT_TRUE(has(bad.error, what)) << bad.error;
        EXPECT_TRUE(bad.results.empty());
    }
}

TEST(ReportersJson, JsonThatIsNotAReport)
{
    for (const char* text : {"[1, 2]", "42", "\"results\"", "{}", "{\"name\": \"x\"}", "{\"results\": {}}",
                             "{\"results\": 3, \"machine\": {}}"}) {
        SCOPED_TRACE(text);
        const Report report = report_from_text(text);
        EXPECT_TRUE(starts(report.error, "not a Chunkscope report"));
        EXPECT_TRUE(has(report.error, "\"results\" array"));
    }
    EXPECT_TRUE(has(report_from_text("{\"results\": []}").error, "no \"machine\" object"));
}

TEST(ReportersJson, WrongTypesNameTheField)
{
    const std::vector<std::pair<std::pair<std::string, std::string>, std::string>> cases{
        {{"\"strategy\": \"threads\"", "\"strategy\": 5"}, "results[0].strategy: expected a string, found number"},
        {{"\"strategy\": \"threads\"", "\"strategy\": \"warp\""}, "results[0].strategy: \"warp\" is not a known strategy"},
        {{"\"function\": \"sin\"", "\"function\": \"cos\""}, "results[0].function: \"cos\" is not a known function"},
        {{"\"kernel\": \"scalar\"", "\"kernel\": \"avx\""}, "results[0].kernel:"},
        {{"\"partitioner\": \"affinity\"", "\"partitioner\": \"x\""}, "results[0].partitioner:"},
        {{"\"pool\": \"warm\"", "\"pool\": \"hot\""}, "results[0].pool:"},
        {{"\"status\": \"ok\"", "\"status\": \"fine\""}, "results[0].status: \"fine\" is not a known status"},
        {{"\"size\": 10000000", "\"size\": -1"}, "results[0].size: must not be negative"},
        {{"\"size\": 10000000", "\"size\": 1.5"}, "results[0].size: expected a whole number, found number"},
        {{"\"workers\": 2", "\"workers\": \"2\""}, "results[0].workers: expected a whole number, found string"},
        {{"\"workers\": 2", "\"workers\": 99999999999"}, "results[0].workers: out of range"},
        {{"\"median_s\": 0.0123", "\"median_s\": \"fast\""}, "results[0].median_s: expected a number, found string"},
        {{"\"verified\": true", "\"verified\": 1"}, "results[0].verified: expected true or false, found number"},
        {{"\"error\": null", "\"error\": 7"}, "results[0].error: expected a string or null, found number"},
        {{"\"samples\": [", "\"samples\": [\"x\", "}, "results[0].samples[0]: expected a number, found string"},
        {{"\"samples\": [", "\"samples\": 1, \"ignored\": ["}, "results[0].samples: expected an array of numbers"},
        {{"\"startup_s\": 1e-09", "\"startup_s\": []"}, "results[0].phases.startup_s: expected a number, found array"},
        {{"\"startup_s\": 1e-09,", ""}, "results[0].phases.startup_s: missing"},
        {{"\"tasks\": 4", "\"tasks\": false"}, "results[0].tasks: expected a whole number, found boolean"},
        {{"\"cpu_model\": \"Test CPU @ 3.00GHz\"", "\"cpu_model\": null"}, "machine.cpu_model: expected a string, found null"},
        {{"\"logical_cores\": 8", "\"logical_cores\": 8.5"}, "machine.logical_cores: expected a whole number"},
    };
    for (const auto& [edit, message] : cases) {
        SCOPED_TRACE(edit.second);
        const Report report = report_from_text(edited(edit.first, edit.second));
        EXPECT_TRUE(starts(report.error, message));
        EXPECT_TRUE(report.results.empty());
    }
    EXPECT_TRUE(has(report_from_text("{\"machine\": {}, \"results\": [3]}").error, "machine.cpu_model: missing"));
    EXPECT_TRUE(has(report_from_text("{\"machine\": 1, \"results\": []}").error, "machine: expected an object"));
    std::string not_object = json_text({});
    not_object.replace(not_object.find("[]"), 2, "[3]");
    EXPECT_TRUE(has(report_from_text(not_object).error, "results[0]: expected an object, found number"));
}

TEST(ReportersCsv, HeaderAndOneLinePerCell)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::ForkSplit, 64, 2), ok_cell(StrategyKind::Tbb, 8, 1)};
    cells[0].warmup_runs = 4;
    cells[1].config.warmup = kWarmupSettle;
    std::ostringstream os;
    write_csv(os, cells);
    std::istringstream lines(os.str());
    std::string header;
    std::string first;
    std::getline(lines, header);
    EXPECT_EQ(header, "strategy,function,kernel,intensity,size,workers,splits,chunksize,partitioner,pool,repeats,"
                      "warmup,warmup_runs,median_s,min_s,mean_s,stddev_s,cv,samples,startup_s,scatter_s,compute_s,gather_s,"
                      "shutdown_s,floor_s,own_floor_s,tasks,verified,status,error,cell_budget_s,budget_cut,schedule,memmap,splits_auto,dask_scheduler,"
                      "dask_lose_worker,dask_workers_lost,dask_tasks_rerun");
    std::getline(lines, first);
    EXPECT_EQ(first, "fork-split,sin,scalar,4,10000000,2,64,2,affinity,warm,3,0,4,0.0123,0.00085,1.52,"
                     "2.2250738585072014e-308,0.0234,0.1;0.3333333333333333;0.012345678901234568,1e-09,0.25,"
                     "0.14285714285714285,123456.789,0,,,32,true,ok,,0,false,dynamic,on,false,,,,")
        << "no floors: the machine was not measured for this report";
    std::string second;
    std::getline(lines, second);
    EXPECT_TRUE(starts(second, "tbb,"));
    EXPECT_TRUE(has(second, ",3,settle,0,")) << second;
    std::string rest;
    EXPECT_FALSE(std::getline(lines, rest));
}

TEST(ReportersCsv, QuotesFieldsWithCommasQuotesAndNewlines)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::ForkShm, 8, 1), ok_cell(StrategyKind::ForkShm, 8, 1)};
    cells[0].status = Status::Failed;
    cells[0].error = "fork failed: \"Resource\", temporarily\nunavailable";
    cells[0].samples = {};
    cells[0].verified = false;
    cells[1].status = Status::Failed;
    cells[1].error = "plain message";
    std::ostringstream os;
    write_csv(os, cells);
    const std::string text = os.str();
    EXPECT_TRUE(has(text, ",,1e-09,"));   // no samples: an empty field
    EXPECT_TRUE(has(text, ",false,failed,\"fork failed: \"\"Resource\"\", temporarily\nunavailable\",0,false,dynamic,on,false,,,,\n"));
    EXPECT_TRUE(has(text, ",failed,plain message,0,false,dynamic,on,false,,,,\n"));
}

TEST(ReportersTable, ShowsMachineStrategiesAndDurations)
{
    const std::vector<CellResult> cells = test_cells();
    std::ostringstream os;
    write_table(os, test_machine(), cells);
    const std::string text = os.str();
    EXPECT_TRUE(starts(text, "Machine: Test CPU @ 3.00GHz, 8 logical cores, GCC 12.2.0\n"));
    for (const char* name : {"sequential", "fork-split", "tbb", "fork-shm", "fork-items"})
        EXPECT_TRUE(has(text, name));
    for (const char* column : {"strategy", "splits", "chunk", "tasks", "median", "min", "cv", "startup", "scatter",
                               "compute", "gather", "shutdown", "verified"})
        EXPECT_TRUE(has(text, column));
    EXPECT_TRUE(has(text, "12.3 ms"));
    EXPECT_TRUE(has(text, "850 us"));
    EXPECT_TRUE(has(text, "2.3%"));
    EXPECT_TRUE(has(text, "143 ms"));
    EXPECT_TRUE(has(text, "1 ns"));
    EXPECT_TRUE(has(text, "yes"));
    EXPECT_TRUE(has(text, "10M"));
    EXPECT_TRUE(has(text, "failed: shm_open \"/chunkscope-1\" failed, errno 28: No space left on device"));
    EXPECT_TRUE(has(text, "cancelled: cancelled"));
    EXPECT_TRUE(has(text, "Workload: sin (scalar), intensity 4, 10M items, 2 workers"));
}

TEST(ReportersTable, ColumnsAreAligned)
{
    const std::vector<CellResult> cells{ok_cell(StrategyKind::Sequential, 1, 1), ok_cell(StrategyKind::Tbb, 128, 16)};
    std::ostringstream os;
    write_table(os, test_machine(), cells);
    std::istringstream lines(os.str());
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);)
        if (line.find("Machine") != 0 && line.find("Workload:") != 0)
            rows.push_back(line);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].size(), rows[1].size());
    EXPECT_EQ(rows[1].size(), rows[2].size());
    EXPECT_EQ(rows[0].find("median") + 6, rows[1].find("12.3 ms") + 7);   // right-aligned
}

TEST(ReportersTable, NoResults)
{
    std::ostringstream os;
    write_table(os, test_machine(), {});
    EXPECT_TRUE(has(os.str(), "No results"));
}

TEST(Reporters, WriteReportDispatchesOnFormat)
{
    const std::vector<CellResult> cells{ok_cell(StrategyKind::Threads, 4, 1)};
    std::ostringstream table, csv, json;
    write_report(table, Format::Table, test_machine(), cells);
    write_report(csv, Format::Csv, test_machine(), cells);
    write_report(json, Format::Json, test_machine(), cells);
    EXPECT_TRUE(starts(table.str(), "Machine: "));
    EXPECT_TRUE(starts(csv.str(), "strategy,function,"));
    EXPECT_TRUE(starts(json.str(), "{"));
    EXPECT_EQ(report_from_text(json.str()).results.size(), 1u);
}

TEST(InputFile, OnlyARegularFileIsOpenedAndEveryRefusalSaysWhy)
{
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("chunkscope-input-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "report.json").string();
    std::ofstream(file) << "{}";
    const std::string fifo = (dir / "fifo").string();
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);

    std::ifstream in;
    EXPECT_EQ(open_input_file(file, in), "");
    EXPECT_TRUE(in.is_open());
    // A FIFO with no writer would block the open for ever; a device may never end.
    for (const auto& [path, why] : std::vector<std::pair<std::string, std::string>>{
             {fifo, "not a regular file"}, {"/dev/zero", "not a regular file"}, {dir.string(), "folder"},
             {(dir / "missing.json").string(), "No such file"}, {"", "no file named"}}) {
        std::ifstream other;
        const std::string problem = open_input_file(path, other);
        EXPECT_NE(problem.find(why), std::string::npos) << path << ": " << problem;
        EXPECT_FALSE(other.is_open()) << path;
    }
    std::filesystem::remove_all(dir);
}

TEST(ReportersJson, TimedAsTheTutorialSaysSoAndReadsBack)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::PySplit, 64, 1)};
    cells[0].config.as_tutorial = true;
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"timing\": \"as-tutorial\"")) << text;
    EXPECT_TRUE(has(text, "numpy.random.rand")) << text;
    EXPECT_FALSE(has(text, "\"generator\"")) << "rand made the data, not counter-v1\n" << text;
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    EXPECT_TRUE(back.results.at(0).config.as_tutorial);
    // The lab's way says nothing of timing, and reads back so.
    cells[0].config.as_tutorial = false;
    EXPECT_FALSE(has(json_text(cells), "timing"));
    EXPECT_FALSE(report_from_text(json_text(cells)).results.at(0).config.as_tutorial);
    EXPECT_TRUE(has(report_from_text(edited("\"strategy\": \"threads\"", "\"timing\": \"warm\", \"strategy\": \"threads\""))
                        .error,
                    "results[0].timing: \"warm\" is not a known timing (allowed: as-tutorial)"));
}

// The scheduler of a Dask cluster (null: a LocalCluster) reads back, and is a CSV column; for the
// strategies not on one it is neither written nor read, whatever the run's config held.
TEST(ReportersJson, TheDaskSchedulerTravelsForTheDaskClustersOnly)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::PyDaskCluster, 4, 1), ok_cell(StrategyKind::PyDaskDistributed, 4, 1),
                                  ok_cell(StrategyKind::PySplit, 4, 1)};
    cells[0].config.dask_scheduler = "tcp://10.0.0.5:8786";
    cells[2].config.dask_scheduler = "tcp://10.0.0.5:8786";
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"scheduler\": \"tcp://10.0.0.5:8786\"")) << text;
    EXPECT_TRUE(has(text, "\"scheduler\": null")) << "py-dask-distributed on a LocalCluster\n" << text;
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    ASSERT_EQ(back.results.size(), 3u);
    EXPECT_EQ(back.results[0].config.dask_scheduler, "tcp://10.0.0.5:8786");
    EXPECT_EQ(back.results[1].config.dask_scheduler, "");
    EXPECT_EQ(back.results[2].config.dask_scheduler, "") << "py-split runs on no Dask cluster";
    std::ostringstream csv;
    write_csv(csv, cells);
    std::istringstream lines(csv.str());
    std::string header;
    std::string line;
    std::getline(lines, header);
    EXPECT_TRUE(header.ends_with(",splits_auto,dask_scheduler,dask_lose_worker,dask_workers_lost,dask_tasks_rerun"))
        << header;
    std::getline(lines, line);
    EXPECT_TRUE(line.ends_with(",false,tcp://10.0.0.5:8786,false,0,0")) << line;
    std::getline(lines, line);
    EXPECT_TRUE(line.ends_with(",false,,false,0,0")) << "a LocalCluster: empty\n" << line;
    std::getline(lines, line);
    EXPECT_TRUE(line.ends_with(",false,,,,")) << "py-split: empty\n" << line;
}

TEST(ReportersTable, TimedAsTheTutorialIsMarkedNeverAMedian)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::PySplit, 64, 1), ok_cell(StrategyKind::PySplit, 64, 1)};
    cells[0].config.as_tutorial = true;
    std::ostringstream os;
    write_table(os, test_machine(), cells);
    EXPECT_TRUE(has(os.str(), "py-split (as tutorial)")) << os.str();
    EXPECT_TRUE(has(os.str(), "not a warmed median")) << os.str();
    std::ostringstream lab;
    write_table(lab, test_machine(), std::span(cells).subspan(1));
    EXPECT_FALSE(has(lab.str(), "tutorial")) << lab.str();
}

TEST(ReportersJson, TheCellBudgetAndWhatItCutTravel)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::PyItems, 64, 1), ok_cell(StrategyKind::Threads, 8, 1)};
    cells[0].config.cell_budget_s = 5;
    cells[0].budget_cut = true;
    cells[0].warmup_runs = 1;
    cells[0].samples = {2.5, 2.6};
    const std::string text = json_text(cells);
    EXPECT_TRUE(has(text, "\"cell_budget_s\": 5.0,\n      \"budget_cut\": true")) << text;
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    EXPECT_EQ(back.results.at(0).config.cell_budget_s, 5.0);
    EXPECT_TRUE(back.results.at(0).budget_cut);
    EXPECT_EQ(back.results.at(1).config.cell_budget_s, 0.0);
    EXPECT_FALSE(back.results.at(1).budget_cut);
    // A report from before the budget reads as none, nothing cut.
    std::string old = text;
    for (const std::string field : {",\n      \"cell_budget_s\": 5.0", ",\n      \"budget_cut\": true"}) {
        const auto at = old.find(field);
        ASSERT_NE(at, std::string::npos) << field;
        old.erase(at, field.size());
    }
    const Report before = report_from_text(old);
    ASSERT_EQ(before.error, "");
    EXPECT_EQ(before.results.at(0).config.cell_budget_s, 0.0);
    EXPECT_FALSE(before.results.at(0).budget_cut);
    EXPECT_TRUE(has(report_from_text(edited("\"cell_budget_s\": 0.0", "\"cell_budget_s\": -3")).error,
                    "results[0].cell_budget_s: cell budget: got -3 s; allowed: 0 (no budget) to 3600 s"));
    // CSV: the budget and whether it cut; the table: how many runs each cell got.
    std::ostringstream csv;
    write_csv(csv, cells);
    EXPECT_TRUE(has(csv.str(), ",ok,,5,true,dynamic,on,false,,,,\n")) << csv.str();
    std::ostringstream table;
    write_table(table, test_machine(), cells);
    EXPECT_TRUE(has(table.str(), "runs")) << table.str();
    EXPECT_TRUE(has(table.str(), "1 + 2 of 3, cut")) << table.str();
    EXPECT_TRUE(has(table.str(), "0 + 3")) << table.str();
    EXPECT_EQ(runs_text(cells[1]), "0 + 3");
}

TEST(ReportersJson, OneSampleHasNoSpread)
{
    std::vector<CellResult> cells{ok_cell(StrategyKind::Threads, 8, 1), ok_cell(StrategyKind::Tbb, 8, 1)};
    cells[0].samples = {0.05};
    cells[0].stddev_s = 0;
    cells[0].cv = 0;
    EXPECT_FALSE(has_spread(cells[0]));
    EXPECT_TRUE(has_spread(cells[1]));
    const std::string text = json_text(cells);
    EXPECT_EQ(text.find("\"cv\""), text.rfind("\"cv\"")) << "only the cell with three samples has a cv\n" << text;
    EXPECT_EQ(text.find("\"stddev_s\""), text.rfind("\"stddev_s\"")) << text;
    EXPECT_GT(text.find("\"cv\""), text.find("\"tbb\"")) << "and that is the second";
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    EXPECT_EQ(back.results.at(0).cv, 0.0);
    EXPECT_EQ(back.results.at(0).stddev_s, 0.0);
    EXPECT_EQ(back.results.at(1).cv, 0.0234);
    std::ostringstream csv;
    write_csv(csv, cells);
    EXPECT_TRUE(has(csv.str(), ",1.52,,,0.05,")) << csv.str();
    std::ostringstream table;
    write_table(table, test_machine(), cells);
    EXPECT_TRUE(has(table.str(), "n/a")) << table.str();
    EXPECT_TRUE(has(table.str(), "2.3%")) << table.str();
}

TEST(ReportersJson, TheMachinesStateTravelsAndANoisyRunHasANote)
{
    MachineInfo m = test_machine();
    m.governor = "powersave + performance";
    m.boost = "on";
    m.load_average = 6.5;
    std::ostringstream os;
    write_json(os, m, {});
    const std::string text = os.str();
    EXPECT_TRUE(has(text, "\"governor\": \"powersave + performance\"")) << text;
    EXPECT_TRUE(has(text, "\"load_average\": 6.5")) << text;
    EXPECT_TRUE(has(text, "\"notes\": [")) << text;
    EXPECT_TRUE(has(text, "noisy: other load is running (load average 6.50 on 8 cores)")) << text;
    const Report back = report_from_text(text);
    ASSERT_EQ(back.error, "");
    EXPECT_EQ(back.machine.governor, "powersave + performance");
    EXPECT_EQ(back.machine.boost, "on");
    EXPECT_EQ(back.machine.load_average, 6.5);
    EXPECT_EQ(describe_machine_state(back.machine),
              "governor powersave + performance, boost on, load 6.50 on 8 cores when the run started");
    // Where Linux does not say (a VM without cpufreq): null, read back as unknown.
    const std::string quiet = json_text({});
    EXPECT_TRUE(has(quiet, "\"governor\": null,\n    \"boost\": null,\n    \"load_average\": null")) << quiet;
    EXPECT_FALSE(has(quiet, "notes"));
    const Report unknown = report_from_text(quiet);
    EXPECT_EQ(unknown.machine.governor, "");
    EXPECT_LT(unknown.machine.load_average, 0);
    EXPECT_EQ(describe_machine_state(unknown.machine),
              "CPU governor and boost not reported by Linux, load not reported by Linux");
    std::ostringstream table;
    write_table(table, m, {});
    // A report from before the machine's state was recorded reads as unknown.
    std::string old = quiet;
    const std::string state = ",\n    \"governor\": null,\n    \"boost\": null,\n    \"load_average\": null";
    ASSERT_NE(old.find(state), std::string::npos);
    old.erase(old.find(state), state.size());
    const Report before = report_from_text(old);
    ASSERT_EQ(before.error, "");
    EXPECT_LT(before.machine.load_average, 0);
}

TEST(ReportersTable, AFooterSaysTheMachinesStateAndWhyItWasNoisy)
{
    MachineInfo m = test_machine();
    m.load_average = 7.25;
    std::ostringstream os;
    write_table(os, m, std::vector<CellResult>{ok_cell(StrategyKind::Threads, 8, 1)});
    EXPECT_TRUE(has(os.str(), "Machine state: CPU governor and boost not reported by Linux, load 7.25 on 8 cores when "
                              "the run started\nNote: a noisy run: other load is running"))
        << os.str();
}

TEST(OutputPath, AFolderAMissingFolderAndANonFileAreProblemsAndNothingIsLeftBehind)
{
    const std::string dir = ::testing::TempDir() + "chunkscope-outpath-" + std::to_string(getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    EXPECT_FALSE(output_path_problem(dir + "/report.json"));
    EXPECT_FALSE(std::filesystem::exists(dir + "/report.json")) << "a check makes nothing";
    {
        std::ofstream(dir + "/kept.json") << "kept";
    }
    EXPECT_FALSE(output_path_problem(dir + "/kept.json"));
    std::ifstream kept(dir + "/kept.json");
    std::string content;
    kept >> content;
    EXPECT_EQ(content, "kept") << "a check truncates nothing";
    EXPECT_EQ(*output_path_problem(dir), "\"" + dir + "\" is a folder; name a file to write (in it, or elsewhere)");
    EXPECT_EQ(*output_path_problem("/"), "\"/\" is a folder; name a file to write (in it, or elsewhere)");
    EXPECT_EQ(*output_path_problem(dir + "/missing/report.json"),
              "cannot write \"" + dir + "/missing/report.json\": the folder \"" + dir + "/missing\" does not exist");
    EXPECT_TRUE(has(*output_path_problem(dir + "/kept.json/x"), "is not a folder"));
    EXPECT_TRUE(has(*output_path_problem("/dev/null"), "is not a regular file"));
    EXPECT_TRUE(has(*output_path_problem(""), "no file name given"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
    std::filesystem::remove_all(dir);
}

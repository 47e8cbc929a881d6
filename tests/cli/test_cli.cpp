// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli as a user meets it: exit codes, messages, reports, signals.

#include "childprocess.h"

#include "chunkscope/config.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

// Every strategy, the tutorial's Python and Open MPI included (scripts/test installs
// python3-numpy, numexpr, numba, openmpi-bin and libopenmpi-dev).
const std::vector<std::string> kStrategies{"sequential", "fork-items", "fork-split", "fork-shm",   "threads",
                                           "tbb",        "omp",        "std-par",    "py-sequential", "py-items",
                                           "py-split",   "py-shm",     "py-threads", "py-numexpr", "py-numba",
                                           "py-futures", "py-joblib",  "py-dask",    "py-dask-cluster",
                                           "py-dask-distributed",      "mpi",        "mpi-distributed"};

std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

nlohmann::json parse_json(const std::string& text)
{
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// ---------------------------------------------------------------------------------------------
// Bad usage and input: exit 2, one line on stderr naming the problem, nothing run.

struct BadInput {
    std::string name;
    Args args;
    std::vector<std::string> mentions;   // each must appear in the message
};

std::ostream& operator<<(std::ostream& os, const BadInput& b) { return os << b.name; }

class CliBadInput : public testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, ExitsTwoWithOneLineNamingTheProblem)
{
    const BadInput& bad = GetParam();
    const Outcome o = run_cli(bad.args, 20s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 2) << describe(o);
    EXPECT_EQ(count_lines(o.err), 1u) << describe(o);
    EXPECT_EQ(o.err.rfind("chunkscope-cli: error: ", 0), 0u) << describe(o);
    for (const std::string& word : bad.mentions)
        EXPECT_NE(o.err.find(word), std::string::npos) << "the message should mention \"" << word << "\"\n"
                                                       << describe(o);
    EXPECT_TRUE(o.out.empty()) << describe(o);
    EXPECT_LT(o.seconds, 10.0) << "refused input must not run anything\n" << describe(o);
}

const BadInput kBadInputs[] = {
    {"SizeZero", {"run", "--strategy", "sequential", "--size", "0"}, {"--size", "zero"}},
    {"SizeNegative", {"run", "--strategy", "sequential", "--size", "-5"}, {"--size", "negative"}},
    {"SizeNegativeWithEquals", {"run", "--strategy", "sequential", "--size=-5"}, {"--size", "negative"}},
    {"SizeNotANumber", {"run", "--strategy", "sequential", "--size", "abc"}, {"--size", "abc"}},
    {"SizeTooBigForMemory", {"run", "--strategy", "fork-split", "--size", "100T"}, {"need", "available"}},
    {"SizeTooBigSaysWhatTheStrategyHolds",
     {"run", "--strategy", "threads", "--size", "100T"},
     {"size 100T needs 1.6 PB of memory (input and output) but only ", " may be used: ", " available now of which ",
      " stays free for the rest of the machine (the larger of 10 % of its memory and 1 GiB); at most ", " items fit"}},
    {"SizeTooBigCountsWorkerCopies",
     {"run", "--strategy", "fork-split", "--splits", "1", "--size", "100T"},
     {"(input and output, and each busy worker's copy of its task)"}},
    {"SplitsMoreThanSize", {"run", "--strategy", "fork-split", "--size", "10", "--splits", "64"}, {"splits", "size"}},
    {"SplitsZero", {"run", "--strategy", "fork-split", "--splits", "0"}, {"--splits"}},
    {"SplitsAutoWithoutAChunkRule",
     {"run", "--strategy", "fork-split", "--splits", "auto"},
     {"splits auto", "fork-split has not", "a number of splits", "allowed for: py-dask"}},
    {"SplitsWord", {"run", "--strategy", "py-dask", "--splits", "many"}, {"--splits", "many"}},
    {"ChunksizeZero", {"run", "--strategy", "fork-split", "--chunksize", "0"}, {"--chunksize", "auto"}},
    {"ChunksizeWord", {"run", "--strategy", "fork-items", "--chunksize", "big"}, {"--chunksize", "auto"}},
    {"WorkersZero", {"run", "--strategy", "threads", "--workers", "0"}, {"--workers", "256"}},
    {"WorkersTooMany", {"run", "--strategy", "threads", "--workers", "257"}, {"--workers", "256"}},
    {"RepeatsZero", {"run", "--strategy", "threads", "--repeats", "0"}, {"--repeats"}},
    {"IntensityZero", {"run", "--strategy", "threads", "--intensity", "0"}, {"--intensity"}},
    {"UnknownStrategy", {"run", "--strategy", "quantum"}, {"quantum", "fork-split", "tbb"}},
    {"MissingStrategy", {"run"}, {"--strategy", "fork-shm"}},
    {"SweepMissingStrategy", {"sweep"}, {"--strategy"}},
    {"UnknownFunction", {"run", "--strategy", "sequential", "--function", "cosh"}, {"cosh", "exp", "tanh"}},
    {"UnknownKernel", {"run", "--strategy", "sequential", "--kernel", "gpu"}, {"gpu", "scalar", "simd"}},
    {"UnknownPool", {"run", "--strategy", "fork-split", "--pool", "lukewarm"}, {"lukewarm", "fresh", "warm"}},
    {"UnknownSchedule", {"run", "--strategy", "omp", "--schedule", "auto"}, {"--schedule", "auto", "guided"}},
    {"UnknownMemmap", {"run", "--strategy", "py-joblib", "--memmap", "maybe"}, {"--memmap", "maybe", "on, off"}},
    {"UnknownPartitioner", {"run", "--strategy", "tbb", "--partitioner", "x"}, {"simple", "affinity"}},
    {"UnknownFormat", {"run", "--strategy", "sequential", "--format", "xml"}, {"xml", "csv", "json"}},
    {"UnknownSubcommand", {"frobnicate"}, {"frobnicate", "run", "sweep", "compare"}},
    {"NoSubcommand", {}, {"subcommand", "run"}},
    {"UnknownOption", {"run", "--strategy", "sequential", "--bogus"}, {"--bogus"}},
    {"MissingValue", {"run", "--strategy"}, {"--strategy"}},
    {"EmptySplitsList", {"sweep", "--strategy", "fork-split", "--splits-list", ""}, {"--splits-list"}},
    {"EmptyChunksListWithEquals", {"sweep", "--strategy", "fork-split", "--chunks-list="}, {"--chunks-list"}},
    {"ListWithEmptyItem", {"sweep", "--strategy", "fork-split", "--splits-list", "1,,2"}, {"--splits-list", "empty"}},
    {"ListWithWord", {"sweep", "--strategy", "fork-split", "--chunks-list", "1,x"}, {"--chunks-list", "x"}},
    {"ListWithZero", {"sweep", "--strategy", "fork-split", "--chunks-list", "1,0"}, {"--chunks-list"}},
    {"SweepCellSplitsMoreThanSize",
     {"sweep", "--strategy", "fork-shm", "--size", "100", "--splits-list", "1,1000", "--chunks-list", "1"},
     {"splits", "1000"}},
    {"CompareSplitsMoreThanSize", {"compare", "--size", "10", "--splits", "64"}, {"splits"}},
    {"CompareTooBigForMemory", {"compare", "--size", "100T"}, {"need", "available"}},
    {"OutEmpty", {"run", "--strategy", "sequential", "--size", "1K", "--out", ""}, {"--out"}},
    {"OutUnwritable", {"run", "--strategy", "sequential", "--size", "1K", "--out", "/nonexistent-dir/x.json"},
     {"--out", "/nonexistent-dir/x.json"}},
    // Every output path is checked before anything runs (the default 10M items would take a while).
    {"OutIsAFolder", {"run", "--strategy", "sequential", "--out", "/"}, {"--out: \"/\" is a folder"}},
    {"OutInAMissingFolder", {"sweep", "--strategy", "threads", "--out", "/nonexistent-dir/x.json"},
     {"--out: cannot write \"/nonexistent-dir/x.json\": the folder \"/nonexistent-dir\" does not exist"}},
    {"TraceIsAFolder", {"run", "--strategy", "threads", "--trace", "/tmp"}, {"--trace: \"/tmp\" is a folder"}},
    {"JournalInAMissingFolder", {"sweep", "--strategy", "threads", "--journal", "/nonexistent-dir/j.jsonl"},
     {"--journal: cannot write", "does not exist"}},
    {"MachineOutIsAFolder", {"machine", "--out", "/tmp"}, {"--out: \"/tmp\" is a folder"}},
    {"StreamArrayTooSmall", {"machine", "--stream-array", "64K"},
     {"--stream-array: 64K is 64000 bytes; allowed: 1MiB (1048576) to 4GiB (4294967296)"}},
    {"MachineDaskWorkersZero", {"machine", "--dask", "--dask-workers", "0"}, {"--dask-workers: got 0; allowed: 1 to 256"}},
    {"MachineDaskSchedulerWithoutDask", {"machine", "--dask-scheduler", "tcp://127.0.0.1:8786"}, {"add --dask"}},
    {"MachineDaskSchedulerNotAnAddress", {"machine", "--dask", "--dask-scheduler", "127.0.0.1:8786"},
     {"--dask-scheduler", "tcp://HOST:PORT"}},
    {"MachineDaskSchedulerNotAnswering", {"machine", "--dask", "--dask-scheduler", "tcp://127.0.0.1:1"},
     {"--dask-scheduler: no Dask scheduler answers at tcp://127.0.0.1:1"}},
    {"StreamArrayWord", {"run", "--strategy", "threads", "--floors", "--stream-array", "big"}, {"--stream-array", "big"}},
    {"CellBudgetNegative", {"run", "--strategy", "threads", "--cell-budget", "-1"},
     {"--cell-budget: got -1 s; allowed: 0 (no budget) to 3600 s"}},
    {"CellBudgetTooLong", {"compare", "--cell-budget", "4000"}, {"--cell-budget", "3600"}},
    {"CellBudgetWord", {"sweep", "--strategy", "threads", "--cell-budget", "soon"},
     {"--cell-budget: \"soon\" is not a number of seconds"}},
    {"CellBudgetNotFinite", {"scale", "--strategy", "threads", "--cell-budget", "inf"}, {"--cell-budget", "3600"}},
};

INSTANTIATE_TEST_SUITE_P(Refused, CliBadInput, testing::ValuesIn(kBadInputs),
                         [](const testing::TestParamInfo<BadInput>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// Help and version.

class CliHelp : public testing::TestWithParam<std::string> {};

TEST_P(CliHelp, ExitsZeroWithUsage)
{
    Args args;
    if (!GetParam().empty())
        args.push_back(GetParam());
    args.push_back("--help");
    const Outcome o = run_cli(args, 20s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 0) << describe(o);
    EXPECT_NE(o.out.find("Usage"), std::string::npos) << describe(o);
    EXPECT_TRUE(o.err.empty()) << describe(o);
    if (GetParam().empty()) {
        for (const char* sub : {"run", "sweep", "compare"})
            EXPECT_NE(o.out.find(sub), std::string::npos) << describe(o);
        return;
    }
    for (const char* option : {"--size", "--workers", "--format", "--out", "--repeats", "--pool", "--cell-budget"})
        EXPECT_NE(o.out.find(option), std::string::npos) << option << "\n" << describe(o);
    if (GetParam() != "compare") {
        // The strategy option describes every strategy.
        for (const std::string& s : kStrategies)
            EXPECT_NE(o.out.find(s + ":"), std::string::npos) << s << "\n" << describe(o);
    }
    if (GetParam() == "sweep") {
        EXPECT_NE(o.out.find("--splits-list"), std::string::npos) << describe(o);
        EXPECT_NE(o.out.find("fork-items"), std::string::npos) << describe(o);
    }
}

INSTANTIATE_TEST_SUITE_P(EverySubcommand, CliHelp, testing::Values("", "run", "sweep", "compare"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             return info.param.empty() ? std::string("Main") : info.param;
                         });

TEST(Cli, HelpWinsOverBadValues)
{
    const Outcome o = run_cli({"run", "--size", "abc", "--help"}, 20s);
    EXPECT_TRUE(o.exited && o.exit_code == 0) << describe(o);
}

TEST(Cli, Version)
{
    const Outcome o = run_cli({"--version"}, 20s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 0) << describe(o);
    // "chunkscope-cli X.Y.Z" and a newline.
    const std::string prefix = "chunkscope-cli ";
    ASSERT_EQ(o.out.rfind(prefix, 0), 0u) << describe(o);
    const std::string version = o.out.substr(prefix.size());
    EXPECT_EQ(std::count(version.begin(), version.end(), '.'), 2) << describe(o);
    EXPECT_EQ(version.find_first_not_of("0123456789.\n"), std::string::npos) << describe(o);
    EXPECT_EQ(version.find('\n'), version.size() - 1) << describe(o);
}

// ---------------------------------------------------------------------------------------------
// Successful runs.

const Args kSmall{"--size", "10K", "--workers", "2", "--repeats", "1"};

Args with_small(Args args)
{
    args.insert(args.end(), kSmall.begin(), kSmall.end());
    return args;
}

class CliRunEachStrategy : public testing::TestWithParam<std::string> {};

TEST_P(CliRunEachStrategy, SmallRunIsVerified)
{
    Args args = with_small({"run", "--strategy", GetParam(), "--format", "json"});
    if (GetParam().starts_with("py-dask-"))   // one cluster start (1-2 s) for the run and its warm-up, not one each
        args.insert(args.end(), {"--pool", "warm"});
    const Outcome o = run_cli(args);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    // Not a terminal: no progress line.
    EXPECT_TRUE(o.err.empty()) << describe(o);
    const nlohmann::json doc = parse_json(o.out);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    ASSERT_TRUE(doc.contains("machine")) << describe(o);
    ASSERT_EQ(doc.at("results").size(), 1u) << describe(o);
    const nlohmann::json& r = doc.at("results").at(0);
    EXPECT_EQ(r.at("strategy"), GetParam());
    EXPECT_EQ(r.at("size"), 10000);
    EXPECT_EQ(r.at("workers"), GetParam() == "sequential" || GetParam() == "py-sequential" ? 1 : 2);   // as run
    EXPECT_EQ(r.at("repeats"), 1);
    EXPECT_EQ(r.at("verified"), true) << describe(o);
    EXPECT_GT(r.at("median_s").get<double>(), 0.0);
}

INSTANTIATE_TEST_SUITE_P(EveryStrategy, CliRunEachStrategy, testing::ValuesIn(kStrategies),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(Cli, ADaskSchedulerThatDoesNotAnswerEndsTheCommandWithExit2NamingIt)
{
    // A port nothing listens on: the kernel's pick, closed again.
    std::string address;
    const int fd = loopback_socket(address);
    ASSERT_GE(fd, 0);
    close(fd);
    for (const std::string strategy : {"py-dask-cluster", "py-dask-distributed"}) {
        const auto t0 = std::chrono::steady_clock::now();
        const Outcome o = run_cli(with_small({"run", "--strategy", strategy, "--dask-scheduler", address}), 20s);
        ASSERT_TRUE(o.exited) << describe(o);
        EXPECT_EQ(o.exit_code, 2) << describe(o);
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
        EXPECT_NE(o.err.find("--dask-scheduler: no Dask scheduler answers at " + address), std::string::npos)
            << describe(o);
    }
    const Outcome o = run_cli(with_small({"run", "--strategy", "py-dask-cluster", "--dask-scheduler", "127.0.0.1:8786"}));
    EXPECT_EQ(o.exit_code, 2) << describe(o);
    EXPECT_NE(o.err.find("allowed: tcp://HOST:PORT"), std::string::npos) << describe(o);
}

TEST(Cli, LosingADaskWorkerOfAnExistingClusterIsRefusedWithExit2BeforeTheSchedulerIsAsked)
{
    // A port nothing listens on: were it asked, the message would be that nothing answers.
    std::string address;
    const int fd = loopback_socket(address);
    ASSERT_GE(fd, 0);
    close(fd);
    for (const std::string strategy : {"py-dask-cluster", "py-dask-distributed"}) {
        const Outcome o = run_cli(
            with_small({"run", "--strategy", strategy, "--dask-scheduler", address, "--dask-lose-worker"}), 20s);
        ASSERT_TRUE(o.exited) << describe(o);
        EXPECT_EQ(o.exit_code, 2) << describe(o);
        EXPECT_NE(o.err.find("--dask-lose-worker: a worker is killed on a LocalCluster only; the cluster at " + address +
                             " is not Chunkscope's, nor are its workers ours to kill"),
                  std::string::npos)
            << describe(o);
        EXPECT_EQ(o.out, "") << "nothing ran";
    }
    const Outcome one = run_cli({"run", "--strategy", "py-dask-distributed", "--size", "10K", "--workers", "1",
                                 "--repeats", "1", "--dask-lose-worker"});
    EXPECT_EQ(one.exit_code, 2) << describe(one);
    EXPECT_NE(one.err.find("got 1 worker; allowed: 2 or more"), std::string::npos) << describe(one);
}

TEST(Cli, ForkItemsAutoChunksizeIsPythonsRule)
{
    const Outcome o = run_cli(with_small({"run", "--strategy", "fork-items", "--chunksize", "auto", "--format", "json"}));
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const nlohmann::json doc = parse_json(o.out);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    // ceil(10000 / (4 * 2))
    EXPECT_EQ(doc.at("results").at(0).at("chunksize"), 1250) << describe(o);
}

TEST(Cli, SweepCsvHasHeaderAndOneLinePerCell)
{
    const Outcome o = run_cli(with_small(
        {"sweep", "--strategy", "fork-split", "--splits-list", "1,2", "--chunks-list", "1,4", "--format", "csv"}));
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    EXPECT_EQ(count_lines(o.out), 5u) << describe(o);
    EXPECT_NE(o.out.substr(0, o.out.find('\n')).find("strategy"), std::string::npos) << describe(o);
}

TEST(Cli, SweepJsonHasEveryCell)
{
    const Outcome o = run_cli(with_small(
        {"sweep", "--strategy", "threads", "--splits-list", "1,2", "--chunks-list", "1,4", "--format", "json"}));
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const nlohmann::json doc = parse_json(o.out);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    const nlohmann::json& results = doc.at("results");
    ASSERT_EQ(results.size(), 4u) << describe(o);
    std::set<std::pair<int, int>> cells;
    for (const nlohmann::json& r : results) {
        cells.insert({r.at("splits").get<int>(), r.at("chunksize").get<int>()});
        EXPECT_EQ(r.at("verified"), true);
    }
    EXPECT_EQ(cells, (std::set<std::pair<int, int>>{{1, 1}, {1, 4}, {2, 1}, {2, 4}}));
}

TEST(Cli, ForkItemsSweepRunsOneRow)
{
    const Outcome o = run_cli(with_small(
        {"sweep", "--strategy", "fork-items", "--splits-list", "1,2,4", "--chunks-list", "100,1000", "--format", "json"}));
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const nlohmann::json doc = parse_json(o.out);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    EXPECT_EQ(doc.at("results").size(), 2u) << describe(o);
}

// OpenMP reads its environment when the program starts: a child with OMP_THREAD_LIMIT=1 or
// OMP_DYNAMIC=true refuses omp before anything runs, says why and what lifts it.
TEST(Cli, OmpIsUnavailableWhereTheRuntimeWouldNotGiveItsTeam)
{
    for (const char* variable : {"OMP_THREAD_LIMIT=1", "OMP_DYNAMIC=true"}) {
        const std::string name(variable, std::string_view(variable).find('='));
        const std::string value(std::string_view(variable).substr(name.size() + 1));
        setenv(name.c_str(), value.c_str(), 1);
        const Outcome o = run_cli({"run", "--strategy", "omp", "--size", "1K", "--workers", "2"}, 20s);
        unsetenv(name.c_str());
        ASSERT_TRUE(o.exited) << describe(o);
        EXPECT_EQ(o.exit_code, 2) << describe(o);
        EXPECT_NE(o.err.find(name), std::string::npos) << describe(o);
        EXPECT_NE(o.err.find("unset " + name), std::string::npos) << describe(o);
        EXPECT_TRUE(o.out.empty()) << describe(o);
    }
}

TEST(Cli, CompareRunsEveryStrategyWithSpeedup)
{
    // Every strategy, the Python interpreter's and two MPI jobs' start-ups included: on a machine
    // shared with other tests this takes a while (one run, its table read: under ASan each run of
    // them all takes about 18 s). Warm pools: the Dask clusters start once a cell, not once a run
    // (fresh, their settled warm-up took 10 s a cell here).
    const Outcome o = run_cli(with_small({"compare", "--splits", "8", "--pool", "warm"}), 150s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    EXPECT_NE(o.out.find("Speedup"), std::string::npos) << describe(o);
    // One line of the table a strategy, sequential's first, each verified (its last column).
    std::vector<std::string> rows;
    std::istringstream lines(o.out);
    for (std::string line; std::getline(lines, line);)
        for (const std::string& s : kStrategies)
            if (line.starts_with(s + " ") && std::find(rows.begin(), rows.end(), s) == rows.end()) {
                rows.push_back(s);
                // "yes", or "yes, 1 ulp" (numexpr, numba): after the last run of spaces
                EXPECT_TRUE(line.substr(line.rfind("  ") + 2).starts_with("yes")) << "not verified: " << line;
            }
    ASSERT_FALSE(rows.empty()) << describe(o);
    EXPECT_EQ(rows.front(), "sequential") << describe(o);
    EXPECT_EQ(std::set<std::string>(rows.begin(), rows.end()), std::set<std::string>(kStrategies.begin(), kStrategies.end()))
        << describe(o);
}

TEST(Cli, OutWritesTheReportToAFile)
{
    char path[] = "/tmp/chunkscope-cli-test-XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    const Outcome o = run_cli(with_small({"run", "--strategy", "fork-shm", "--format", "json", "--out", path}));
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::remove(path);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    EXPECT_TRUE(o.out.empty()) << describe(o);
    const nlohmann::json doc = parse_json(text.str());
    ASSERT_FALSE(doc.is_discarded()) << text.str();
    EXPECT_EQ(doc.at("results").size(), 1u);
}

// A tiny budget: the first run, longer than all of it, is the one timed run of the three asked
// for, with no warm-up, and the report says so.
// One sample has no spread: no cv in JSON, n/a in the table.
TEST(Cli, CellBudgetCutsASlowCellAndSaysHowManyRunsItGot)
{
    const Outcome o = run_cli({"run", "--strategy", "threads", "--size", "10K", "--workers", "2", "--repeats", "3",
                               "--warmup", "2", "--cell-budget", "0.000001", "--format", "json"});
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const nlohmann::json doc = parse_json(o.out);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    const nlohmann::json& r = doc.at("results").at(0);
    EXPECT_EQ(r.at("cell_budget_s"), 0.000001);
    EXPECT_EQ(r.at("budget_cut"), true);
    EXPECT_EQ(r.at("warmup_runs"), 0);
    EXPECT_EQ(r.at("samples").size(), 1u);
    EXPECT_FALSE(r.contains("cv")) << describe(o);
    EXPECT_FALSE(r.contains("stddev_s")) << describe(o);
    EXPECT_TRUE(doc.at("machine").contains("governor"));
    EXPECT_TRUE(doc.at("machine").contains("load_average"));

    const Outcome table = run_cli({"run", "--strategy", "threads", "--size", "10K", "--workers", "2", "--repeats", "3",
                                   "--warmup", "2", "--cell-budget", "0.000001"});
    ASSERT_TRUE(table.exited && table.exit_code == 0) << describe(table);
    EXPECT_NE(table.out.find("0 + 1 of 3, cut"), std::string::npos) << describe(table);
    EXPECT_NE(table.out.find("n/a"), std::string::npos) << describe(table);
    EXPECT_NE(table.out.find("Machine state: "), std::string::npos) << describe(table);

    const Outcome csv = run_cli({"run", "--strategy", "threads", "--size", "10K", "--workers", "2", "--repeats", "1",
                                 "--format", "csv"});
    ASSERT_TRUE(csv.exited && csv.exit_code == 0) << describe(csv);
    // mean_s, then stddev_s and cv empty, then the one sample.
    EXPECT_NE(csv.out.find(",,,"), std::string::npos) << describe(csv);
    EXPECT_NE(csv.out.find(",0,false,dynamic,on,false,,,,\n"), std::string::npos) << "no budget, nothing cut\n" << describe(csv);

    // "default" is the window's budget (scripts/run's terminal sweep uses it); a fast cell is not cut.
    const Outcome window = run_cli({"run", "--strategy", "threads", "--size", "10K", "--workers", "2",
                                    "--cell-budget", "default", "--format", "json"});
    ASSERT_TRUE(window.exited && window.exit_code == 0) << describe(window);
    const nlohmann::json w = parse_json(window.out).at("results").at(0);
    EXPECT_EQ(w.at("cell_budget_s"), kDefaultCellBudgetS);
    EXPECT_EQ(w.at("budget_cut"), false);
    EXPECT_EQ(w.at("samples").size(), 3u);
}

TEST(Cli, ProgressLineOnlyOnATerminal)
{
    ChildProcess child(with_small({"sweep", "--strategy", "threads", "--splits-list", "1,2", "--chunks-list", "1,4"}),
                       /*stderr_on_terminal=*/true);
    const Outcome o = child.wait(60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    EXPECT_NE(o.err.find("\r[4/4] "), std::string::npos) << describe(o);
    EXPECT_NE(o.err.find("threads splits="), std::string::npos) << describe(o);
    EXPECT_NE(o.err.find("median"), std::string::npos) << describe(o);
    ASSERT_FALSE(o.err.empty());
    EXPECT_EQ(o.err.back(), '\n') << "the progress line must end with a newline\n" << describe(o);
}

// ---------------------------------------------------------------------------------------------
// Signals: a cancelled run leaves nothing behind; a killed worker fails the run.

// Waits (pumping the child's output) until pred holds; false if the child ended or time ran out.
template <typename Pred>
bool wait_until(ChildProcess& child, Pred pred, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred())
            return true;
        if (!child.pump(20ms))
            return false;
    }
    return false;
}

// The segments the CLI process cli named: its own (chunkscope-PID-), its Python server's
// (chunkscope-py-PID-) and its mpirun's (chunkscope-mpi-PID-). Other tests' segments, running
// beside this one, are not counted.
std::vector<std::string> segments_of(pid_t cli)
{
    const std::string pid = std::to_string(cli) + "-";
    std::vector<std::string> found;
    for (const char* prefix : {"chunkscope-", "chunkscope-py-", "chunkscope-mpi-"})
        for (std::string& name : shm_entries(prefix + pid))
            found.push_back(std::move(name));
    return found;
}

void expect_nothing_left(pid_t cli, const std::vector<pid_t>& workers)
{
    EXPECT_TRUE(members_of_group(cli).empty()) << "processes of the CLI's group remain";
    EXPECT_TRUE(children_of(cli).empty());
    for (pid_t w : workers)
        EXPECT_FALSE(process_exists(w)) << "worker " << w << " remains";
    const std::vector<std::string> left = segments_of(cli);
    for (const std::string& name : left)
        ADD_FAILURE() << "/dev/shm/" << name << " remains";
}

class CliCancel : public testing::TestWithParam<Interruption> {};

TEST_P(CliCancel, ExitsWith130AndLeavesNothing)
{
    const Interruption& it = GetParam();
    ChildProcess child(it.args);
    ASSERT_TRUE(child.started()) << child.spawn_error();
    // Running for real: its workers are up.
    ASSERT_TRUE(wait_until(child, [&] { return !children_of(child.pid()).empty(); }, 30s))
        << "no worker process appeared\n" << child.err_so_far();
    std::this_thread::sleep_for(300ms);
    const std::vector<pid_t> workers = children_of(child.pid());

    child.mark();
    ASSERT_EQ(kill(it.whole_group ? -child.pid() : child.pid(), it.signal), 0);
    const Outcome o = child.wait(10s);
    ASSERT_FALSE(o.timed_out) << "still running 10 s after the signal\n" << describe(o);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 130) << describe(o);
    EXPECT_LT(o.seconds, 3.0) << "cancelling took too long\n" << describe(o);
    expect_nothing_left(child.pid(), workers);
}

const Interruption kCancels[] = {
    {"SigintForkItemsSweep",
     {"sweep", "--strategy", "fork-items", "--size", "20M", "--workers", "2", "--chunks-list", "1,2,4", "--format",
      "json"},
     SIGINT, false},
    {"SigintToGroupForkShmSweep",
     {"sweep", "--strategy", "fork-shm", "--size", "20M", "--workers", "2", "--repeats", "5", "--format", "json"},
     SIGINT, true},
    {"SigtermForkSplitRun",
     {"run", "--strategy", "fork-split", "--size", "20M", "--workers", "2", "--repeats", "100", "--chunksize", "1"},
     SIGTERM, false},
    // The tutorial's Python: the interpreter and its pool go, and so do its segments.
    {"SigintPyShmSweep",
     {"sweep", "--strategy", "py-shm", "--size", "4M", "--workers", "2", "--repeats", "5", "--format", "json"},
     SIGINT, false},
    {"SigtermToGroupPyItemsRun",
     {"run", "--strategy", "py-items", "--size", "2M", "--workers", "2", "--chunksize", "1000", "--repeats", "20"},
     SIGTERM, true},
};

INSTANTIATE_TEST_SUITE_P(Signals, CliCancel, testing::ValuesIn(kCancels),
                         [](const testing::TestParamInfo<Interruption>& info) { return info.param.name; });

class CliKilledWorker : public testing::TestWithParam<std::string> {};

TEST_P(CliKilledWorker, RunFailsWithAMessage)
{
    // A warm pool: the same workers serve every repetition, so the one picked is alive when killed.
    ChildProcess child({"run", "--strategy", GetParam(), "--size", "20M", "--workers", "2", "--chunksize", "1",
                        "--repeats", "100", "--pool", "warm", "--format", "json"});
    ASSERT_TRUE(child.started()) << child.spawn_error();
    ASSERT_TRUE(wait_until(child, [&] { return !children_of(child.pid()).empty(); }, 30s))
        << "no worker process appeared\n" << child.err_so_far();
    std::this_thread::sleep_for(200ms);
    const std::vector<pid_t> workers = children_of(child.pid());
    ASSERT_FALSE(workers.empty()) << "the workers went away\n" << describe(child.wait(1s));

    child.mark();
    ASSERT_EQ(kill(workers.front(), SIGKILL), 0);
    const Outcome o = child.wait(15s);
    ASSERT_FALSE(o.timed_out) << "still running 15 s after a worker was killed\n" << describe(o);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 1) << describe(o);
    EXPECT_LT(o.seconds, 5.0) << describe(o);
    EXPECT_NE(o.err.find("worker"), std::string::npos) << describe(o);
    EXPECT_TRUE(o.err.find("signal") != std::string::npos || o.err.find("SIGKILL") != std::string::npos ||
                o.err.find("Killed") != std::string::npos)
        << "the message should say how the worker died\n" << describe(o);
    // What finished is still reported.
    EXPECT_FALSE(parse_json(o.out).is_discarded()) << describe(o);
    expect_nothing_left(child.pid(), workers);
}

INSTANTIATE_TEST_SUITE_P(Strategies, CliKilledWorker, testing::Values("fork-items", "fork-split", "fork-shm"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

} // namespace
} // namespace chunkscope::test

// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli's mpi strategies as a user meets them: verified runs on both transports, the
// options refused with exit 2 and what was wrong, a cancelled run and a killed rank leaving no
// process, and machine --mpi. Skipped where Open MPI is not installed.

#include "childprocess.h"

#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

// The CLI's job is up: the launcher, mpirun and this many ranks below it.
bool job_up(ChildProcess& child, std::size_t ranks, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (descendants(child.pid()).size() >= ranks + 2)
            return true;
        if (!child.pump(20ms))
            return false;
    }
    return false;
}

void expect_gone(const std::vector<pid_t>& job)
{
    for (pid_t p : job)
        EXPECT_FALSE(process_exists(p)) << "process " << p << " of the MPI job remains";
}

class CliMpi : public testing::Test {
protected:
    void SetUp() override
    {
        if (const Availability a = mpi_availability(); !a.available)
            GTEST_SKIP() << a.reason;
    }
};

TEST_F(CliMpi, RunsAreVerifiedOnBothTransportsFreshAndWarm)
{
    for (const char* strategy : {"mpi", "mpi-distributed"})
        for (const char* transport : {"shm", "tcp"})
            for (const char* pool : {"fresh", "warm"}) {
                const Outcome o = run_cli({"run", "--strategy", strategy, "--size", "100K", "--workers", "2",
                                           "--splits", "16", "--chunksize", "3", "--repeats", "1", "--warmup", "0",
                                           "--mpi-transport", transport, "--pool", pool, "--format", "json"});
                ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
                const auto doc = nlohmann::json::parse(o.out);
                const auto& r = doc.at("results").at(0);
                EXPECT_EQ(r.at("verified"), true) << describe(o);
                EXPECT_EQ(r.at("mpi").at("transport"), transport);
                EXPECT_EQ(r.at("mpi").at("ranks"), std::string(strategy) == "mpi" ? 3 : 2);
                EXPECT_EQ(r.at("mpi").at("as_root"), geteuid() == 0);
                EXPECT_EQ(r.at("mpi").at("places").size(), r.at("mpi").at("ranks").get<std::size_t>());
            }
}

TEST_F(CliMpi, MoreRanksThanCoresRunWithAWarning)
{
    const std::string workers = std::to_string(2 * std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
    const Outcome o = run_cli({"run", "--strategy", "mpi-distributed", "--size", "10K", "--workers", workers,
                               "--repeats", "1", "--format", "json"});
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    EXPECT_NE(o.err.find("warning: " + workers + " ranks compute"), std::string::npos) << describe(o);
    EXPECT_NE(o.err.find("oversubscribed"), std::string::npos) << describe(o);
}

TEST_F(CliMpi, BadOptionsExitTwoWithWhatWasWrong)
{
    struct Bad {
        std::string name;
        Args args;
        std::vector<std::string> mentions;
    };
    const std::string bad_line = temp_file("hosts-bad", "localhost slots=two\n");
    const std::string empty = temp_file("hosts-empty", "# nobody\n");
    const Bad cases[] = {
        {"UnknownTransport", {"--mpi-transport", "ib"}, {"--mpi-transport", "ib", "shm", "tcp"}},
        {"HostfileMissing", {"--hostfile", "/nonexistent/hosts"}, {"--hostfile", "/nonexistent/hosts", "cannot be read"}},
        {"HostfileBadLine", {"--hostfile", bad_line}, {"--hostfile", "line 1", "slots=two"}},
        {"HostfileEmpty", {"--hostfile", empty}, {"--hostfile", "names no host"}},
        {"MpirunNotExecutable", {"--mpirun", "/nonexistent/mpirun"}, {"--mpirun", "/nonexistent/mpirun", "executable"}},
        {"ArgsUnclosedQuote", {"--mpi-args", "--mca 'x"}, {"--mpi-args", "quote"}},
    };
    for (const Bad& b : cases) {
        Args args{"run", "--strategy", "mpi", "--size", "1K"};
        args.insert(args.end(), b.args.begin(), b.args.end());
        const Outcome o = run_cli(args, 20s);
        SCOPED_TRACE(b.name);
        ASSERT_TRUE(o.exited) << describe(o);
        EXPECT_EQ(o.exit_code, 2) << describe(o);
        EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << describe(o);
        for (const std::string& word : b.mentions)
            EXPECT_NE(o.err.find(word), std::string::npos) << word << "\n" << describe(o);
        EXPECT_TRUE(o.out.empty()) << describe(o);
    }
}

TEST_F(CliMpi, MpirunMissingFromPathExitsTwoWithTheInstallCommand)
{
    const std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
    setenv("PATH", "/nonexistent", 1);
    const Outcome o = run_cli({"run", "--strategy", "mpi", "--size", "1K"}, 20s);
    const Outcome machine = run_cli({"machine", "--mpi"}, 20s);
    setenv("PATH", saved.c_str(), 1);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 2) << describe(o);
    EXPECT_NE(o.err.find("mpirun is not on PATH"), std::string::npos) << describe(o);
    EXPECT_NE(o.err.find("apt-get install openmpi-bin libopenmpi-dev"), std::string::npos) << describe(o);
    EXPECT_EQ(machine.exit_code, 2) << describe(machine);
    EXPECT_NE(machine.err.find("--mpi"), std::string::npos) << describe(machine);
}

class CliMpiCancel : public testing::TestWithParam<Interruption> {
protected:
    void SetUp() override
    {
        if (const Availability a = mpi_availability(); !a.available)
            GTEST_SKIP() << a.reason;
    }
};

TEST_P(CliMpiCancel, EndsMpirunAndEveryRankWithinTwoSeconds)
{
    const Interruption& it = GetParam();
    ChildProcess child(it.args);
    ASSERT_TRUE(child.started()) << child.spawn_error();
    ASSERT_TRUE(job_up(child, 3, 30s)) << "no MPI job appeared\n" << child.err_so_far();
    std::this_thread::sleep_for(300ms);
    const std::vector<pid_t> job = descendants(child.pid());
    child.mark();
    ASSERT_EQ(kill(it.whole_group ? -child.pid() : child.pid(), it.signal), 0);
    const Outcome o = child.wait(10s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 130) << describe(o);
    EXPECT_LT(o.seconds, 2.0) << describe(o);
    expect_gone(job);
}

const Interruption kMpiCancels[] = {
    {"SigintMpiWarmSweep",
     {"sweep", "--strategy", "mpi", "--size", "4M", "--workers", "2", "--pool", "warm", "--repeats", "50",
      "--format", "json"},
     SIGINT, false},
    {"SigtermToGroupMpiFreshRun",
     {"run", "--strategy", "mpi", "--size", "4M", "--workers", "2", "--repeats", "100"}, SIGTERM, true},
    {"SigtermMpiDistributedTcp",
     {"run", "--strategy", "mpi-distributed", "--size", "4M", "--workers", "3", "--pool", "warm", "--repeats",
      "1000", "--mpi-transport", "tcp"},
     SIGTERM, false},
};

INSTANTIATE_TEST_SUITE_P(Signals, CliMpiCancel, testing::ValuesIn(kMpiCancels),
                         [](const testing::TestParamInfo<Interruption>& info) { return info.param.name; });

TEST_F(CliMpi, AKilledRankFailsTheRunNamingTheRankAndItsHost)
{
    ChildProcess child({"run", "--strategy", "mpi", "--size", "4M", "--workers", "2", "--pool", "warm",
                        "--repeats", "1000", "--format", "json"});
    ASSERT_TRUE(child.started()) << child.spawn_error();
    ASSERT_TRUE(job_up(child, 3, 30s)) << "no MPI job appeared\n" << child.err_so_far();
    std::this_thread::sleep_for(300ms);
    const std::vector<pid_t> job = descendants(child.pid());
    // launcher, mpirun, then the ranks in the order mpirun started them: the last is rank 2.
    child.mark();
    ASSERT_EQ(kill(job.back(), SIGKILL), 0);
    const Outcome o = child.wait(15s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 1) << describe(o);
    EXPECT_LT(o.seconds, 5.0) << describe(o);
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    EXPECT_NE(o.err.find("rank "), std::string::npos) << describe(o);
    EXPECT_NE(o.err.find("(pid " + std::to_string(job.back()) + ") on host " + host), std::string::npos)
        << describe(o);
    EXPECT_NE(o.err.find("signal 9"), std::string::npos) << describe(o);
    EXPECT_FALSE(nlohmann::json::parse(o.out, nullptr, false).is_discarded()) << describe(o);
    expect_gone(job);
}

TEST_F(CliMpi, MachineMeasuresLatencyAndBandwidth)
{
    const Outcome o = run_cli({"machine", "--mpi", "--format", "json", "--stream-array", "16Mi"}, 120s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const auto doc = nlohmann::json::parse(o.out);
    const auto& mpi = doc.at("machine").at("mpi");
    EXPECT_EQ(mpi.at("transport"), "shm");
    EXPECT_GT(mpi.at("latency_s").get<double>(), 0.0);
    EXPECT_GT(mpi.at("bandwidth_bytes_per_s").get<double>(), 0.0);
    const auto& points = mpi.at("ping_pong");
    ASSERT_GE(points.size(), 2u);
    EXPECT_EQ(points.front().at("bytes"), 8);
    EXPECT_EQ(points.back().at("bytes"), 64 << 20);
}

} // namespace
} // namespace chunkscope::test

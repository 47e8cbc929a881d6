// SPDX-License-Identifier: GPL-3.0-or-later
// The mpi strategies on Open MPI: verified at awkward shapes on both transports, fresh and
// warm; where each rank ran; cancellation and a killed rank leaving no process; the options'
// checks; the checksum that ranks and engine share.

#include "chunkscope/checksum.h"
#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"
#include "chunkscope/strategy.h"
#include "chunkscope/trace.h"
#include "support/configs.h"
#include "support/files.h"
#include "support/processes.h"


#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <unistd.h>

using namespace chunkscope;
using namespace std::chrono_literals;

namespace {

using chunkscope::support::descendants;
using chunkscope::support::ProcessEntry;

// The ranks: chunkscope-mpi processes below this one that are not the launcher (mpirun's
// words name chunkscope-mpi too, but not as the program).
std::vector<ProcessEntry> ranks_below()
{
    std::vector<ProcessEntry> ranks;
    for (const ProcessEntry& p : descendants()) {
        const std::string program = p.cmdline.substr(0, p.cmdline.find('\0'));
        if (program.find("chunkscope-mpi") != std::string::npos && p.cmdline.find("--launch") == std::string::npos)
            ranks.push_back(p);
    }
    return ranks;
}

bool nothing_left(std::chrono::milliseconds within = 2s) { return chunkscope::support::nothing_left_below(within); }

bool no_segments()
{
    return chunkscope::support::shm_entries("chunkscope-mpi-" + std::to_string(getpid()) + "-").empty();
}

RunConfig mpi_config(StrategyKind kind, std::size_t size, std::size_t splits, std::size_t chunk, int workers,
                     PoolLifetime pool = PoolLifetime::Fresh, MpiTransport transport = MpiTransport::Shm)
{
    RunConfig c = chunkscope::support::small_config(kind, size, splits, chunk, workers);
    c.pool = pool;
    c.mpi.transport = transport;
    return c;
}

using chunkscope::support::temp_file;

using Param = std::tuple<StrategyKind, PoolLifetime, MpiTransport>;

class MpiShapes : public ::testing::TestWithParam<Param> {
protected:
    void SetUp() override
    {
        if (const Availability a = availability(std::get<0>(GetParam())); !a.available)
            GTEST_SKIP() << a.reason;
    }
};

} // namespace

TEST_P(MpiShapes, VerifiedAtSmallAndAwkwardSizes)
{
    const auto [kind, pool, transport] = GetParam();
    struct Shape {
        std::size_t size, splits, chunk;
        int workers;
    };
    Runner runner;
    for (const Shape& s : {Shape{1, 1, 1, 1}, Shape{7, 7, 3, 4}, Shape{1'000'003, 64, 3, 2}, Shape{1'000'003, 5, 2, 3}}) {
        RunConfig c = mpi_config(kind, s.size, s.splits, s.chunk, s.workers, pool, transport);
        c.repeats = pool == PoolLifetime::Warm ? 2 : 1;
        SCOPED_TRACE(std::string(to_string(kind)) + " " + std::string(to_string(pool)) + " " +
                     std::string(to_string(transport)) + " size " + std::to_string(s.size) + " workers " +
                     std::to_string(s.workers));
        const CellResult r = runner.run(c);
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        EXPECT_TRUE(r.verified);
        EXPECT_EQ(r.max_ulp, 0.0);
        EXPECT_EQ(r.samples.size(), static_cast<std::size_t>(c.repeats));
        EXPECT_NEAR(r.phases.total(), r.median_s, r.median_s * 0.5 + 1e-3);
        EXPECT_EQ(r.phases[Phase::Startup] > 0, pool == PoolLifetime::Fresh) << "fresh pays for the launch";
        ASSERT_EQ(r.ranks.size(), static_cast<std::size_t>(mpi_ranks(c)));
        for (const RankPlace& p : r.ranks) {
            EXPECT_FALSE(p.host.empty());
            EXPECT_GT(p.pid, 0);
            EXPECT_EQ(p.worker, kind == StrategyKind::Mpi ? p.rank - 1 : p.rank);
        }
        // mpi: every task once; mpi-distributed: one slice per rank that holds items.
        const std::size_t expected = kind == StrategyKind::Mpi ? task_count(r.config)
                                                               : std::min<std::size_t>(s.size, s.workers);
        EXPECT_EQ(r.events.size(), expected);
        std::uint64_t items = 0;
        for (const TaskEvent& e : r.events) {
            EXPECT_LE(e.start_s, e.end_s);
            EXPECT_GE(e.worker, 0);
            EXPECT_LT(e.worker, s.workers);
            items += e.items;
        }
        EXPECT_EQ(items, s.size) << "the events cover every item once";
    }
    runner.release();
    EXPECT_TRUE(nothing_left());
    EXPECT_TRUE(no_segments());
}

INSTANTIATE_TEST_SUITE_P(
    Every, MpiShapes,
    ::testing::Combine(::testing::Values(StrategyKind::Mpi, StrategyKind::MpiDistributed),
                       ::testing::Values(PoolLifetime::Fresh, PoolLifetime::Warm),
                       ::testing::Values(MpiTransport::Shm, MpiTransport::Tcp)),
    [](const ::testing::TestParamInfo<Param>& info) {
        std::string name = std::string(to_string(std::get<0>(info.param))) + "_" +
                           std::string(to_string(std::get<1>(info.param))) + "_" +
                           std::string(to_string(std::get<2>(info.param)));
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST(Mpi, WarmJobServesEveryCellUntilReleased)
{
    if (!mpi_availability().available)
        GTEST_SKIP() << mpi_availability().reason;
    Runner runner;
    RunConfig c = mpi_config(StrategyKind::Mpi, 10'000, 8, 1, 2, PoolLifetime::Warm);
    const CellResult first = runner.run(c);
    c.splits = 16;
    c.workload.function = Function::Sin;
    const CellResult second = runner.run(c);
    ASSERT_EQ(first.status, Status::Ok) << first.error;
    ASSERT_EQ(second.status, Status::Ok) << second.error;
    EXPECT_EQ(first.ranks, second.ranks) << "the same ranks ran both cells";
    c.workers = 3;   // another rank count: another job
    const CellResult third = runner.run(c);
    ASSERT_EQ(third.status, Status::Ok) << third.error;
    EXPECT_NE(third.ranks, second.ranks);
    EXPECT_FALSE(descendants().empty());
    runner.release();
    EXPECT_TRUE(nothing_left());
}

TEST(Mpi, IntensityAndEveryFunctionVerify)
{
    if (!mpi_availability().available)
        GTEST_SKIP();
    Runner runner;
    for (Function f : all_functions()) {
        for (StrategyKind kind : {StrategyKind::Mpi, StrategyKind::MpiDistributed}) {
            RunConfig c = mpi_config(kind, 10'007, 13, 2, 2, PoolLifetime::Warm);
            c.workload.function = f;
            c.workload.kernel = Kernel::Scalar;
            c.workload.intensity = 3;
            const CellResult r = runner.run(c);
            EXPECT_TRUE(r.verified) << to_string(kind) << " " << to_string(f) << ": " << r.error;
        }
    }
}

TEST(Mpi, CancelEndsMpirunAndEveryRankWithinTwoSeconds)
{
    if (!mpi_availability().available)
        GTEST_SKIP();
    for (PoolLifetime pool : {PoolLifetime::Warm, PoolLifetime::Fresh}) {
        Runner runner;
        CancelToken cancel;
        RunConfig c = mpi_config(StrategyKind::Mpi, 4'000'000, 64, 1, 2, pool);
        c.repeats = 1000;
        auto result = std::async(std::launch::async, [&] { return runner.run(c, nullptr, &cancel); });
        bool up = false;
        for (int i = 0; i < 300 && !up; ++i, std::this_thread::sleep_for(20ms))
            up = ranks_below().size() == 3;
        ASSERT_TRUE(up) << "mpirun and its three ranks start";
        const auto t0 = std::chrono::steady_clock::now();
        cancel.cancel();
        ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
        EXPECT_EQ(result.get().status, Status::Cancelled);
        EXPECT_TRUE(nothing_left(100ms)) << to_string(pool) << ": a process of the job remains";
        EXPECT_TRUE(no_segments());
    }
}

TEST(Mpi, AKilledRankFailsTheCellNamingItAndItsHostAndTheNextCellRuns)
{
    if (!mpi_availability().available)
        GTEST_SKIP();
    for (StrategyKind kind : {StrategyKind::Mpi, StrategyKind::MpiDistributed}) {
        Runner runner;
        RunConfig c = mpi_config(kind, 4'000'000, 64, 1, 2, PoolLifetime::Warm);
        c.repeats = 1000;
        // The kill lands once a run is done, so after rank 0's hello has told the engine where
        // every rank runs (a fixed wait was too short for MPI_Init on a busy machine).
        struct FirstRun : Observer {
            std::atomic<bool> done{false};
            void on_run_done(std::size_t, double) override { done = true; }
        } first;
        auto result = std::async(std::launch::async, [&] { return runner.run(c, &first); });
        ASSERT_TRUE(chunkscope::support::wait_for([&] { return first.done.load(); }, 60s)) << "no run ended";
        const std::vector<ProcessEntry> ranks = ranks_below();
        ASSERT_EQ(ranks.size(), static_cast<std::size_t>(mpi_ranks(c)));
        ASSERT_EQ(kill(ranks.back().pid, SIGKILL), 0);
        const auto t0 = std::chrono::steady_clock::now();
        ASSERT_EQ(result.wait_for(10s), std::future_status::ready) << "a dead rank must not hang the cell";
        EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
        const CellResult r = result.get();
        EXPECT_EQ(r.status, Status::Failed);
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        EXPECT_NE(r.error.find("rank "), std::string::npos) << r.error;
        EXPECT_NE(r.error.find("pid " + std::to_string(ranks.back().pid)), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(std::string("host ") + host), std::string::npos) << r.error;
        EXPECT_NE(r.error.find("signal 9"), std::string::npos) << r.error;
        EXPECT_TRUE(nothing_left()) << "no rank outlives the job, not even as a zombie";
        const CellResult next = runner.run(mpi_config(kind, 1000, 4, 1, 2, PoolLifetime::Warm));
        EXPECT_EQ(next.status, Status::Ok) << next.error;
        runner.release();
    }
}

TEST(Mpi, RanksAreWorkersPlusTheDealerOrTheWorkers)
{
    RunConfig c = mpi_config(StrategyKind::Mpi, 100, 4, 1, 3);
    EXPECT_EQ(mpi_ranks(c), 4) << "rank 0 deals, three ranks compute, as fork-split's parent and workers";
    c.strategy = StrategyKind::MpiDistributed;
    EXPECT_EQ(mpi_ranks(c), 3);
    EXPECT_TRUE(strategy_info(StrategyKind::Mpi).uses(Knob::Splits));
    EXPECT_FALSE(strategy_info(StrategyKind::MpiDistributed).uses(Knob::Splits));
    EXPECT_TRUE(strategy_info(StrategyKind::MpiDistributed).uses(Knob::Pool));
}

TEST(Mpi, CommandAllowsRootOnlyForRootAndNamesTheTransport)
{
    MpiOptions o;
    o.mpirun = "/usr/bin/mpirun";
    o.args = "--mca btl_tcp_if_include 'lo'";
    o.transport = MpiTransport::Tcp;
    const auto cmd = mpirun_command(o, 3, "/dev/shm/x");
    const auto has = [&](const std::string& w) { return std::find(cmd.begin(), cmd.end(), w) != cmd.end(); };
    EXPECT_EQ(has("--allow-run-as-root"), geteuid() == 0);
    EXPECT_TRUE(has("self,tcp"));
    EXPECT_FALSE(has("btl_vader_backing_directory")) << "tcp has no segments";
    EXPECT_TRUE(has("--oversubscribe"));
    EXPECT_TRUE(has("btl_tcp_if_include") && has("lo"));
    EXPECT_EQ(cmd[cmd.size() - 2], "3");
    o.transport = MpiTransport::Shm;
    const auto shm = mpirun_command(o, 2, "/dev/shm/x");
    EXPECT_NE(std::find(shm.begin(), shm.end(), "self,vader"), shm.end());
    EXPECT_NE(std::find(shm.begin(), shm.end(), "/dev/shm/x"), shm.end());
}

TEST(Mpi, HostfilesAreCheckedLineByLine)
{
    const Hostfile good = read_hostfile(temp_file("good", "# two hosts\nnode-1 slots=4\n\n10.0.0.2 max_slots=8 # x\n"));
    ASSERT_TRUE(good.error.empty()) << good.error;
    ASSERT_EQ(good.hosts.size(), 2u);
    EXPECT_EQ(good.hosts[0].host, "node-1");
    EXPECT_EQ(good.hosts[0].slots, 4);
    EXPECT_EQ(good.hosts[1].slots, 0);
    struct Bad {
        std::string text, mentions;
    };
    for (const Bad& b : {Bad{"node slots=x\n", "line 1"}, Bad{"a\nnode colour=red\n", "line 2"},
                         Bad{"# nothing\n", "names no host"}, Bad{"no/de\n", "not a host name"},
                         Bad{"node slots=0\n", "whole number"}}) {
        const Hostfile h = read_hostfile(temp_file("bad", b.text));
        EXPECT_NE(h.error.find(b.mentions), std::string::npos) << b.text << " -> " << h.error;
        EXPECT_NE(h.error.find("hostfile"), std::string::npos);
    }
    EXPECT_NE(read_hostfile("/nonexistent/hosts").error.find("cannot be read"), std::string::npos);
    RunConfig c = mpi_config(StrategyKind::Mpi, 100, 4, 1, 2);
    c.mpi.hostfile = "/nonexistent/hosts";
    ASSERT_TRUE(validate(c).has_value());
    EXPECT_NE(validate(c)->find("/nonexistent/hosts"), std::string::npos);
}

TEST(Mpi, ValidationSaysWhatIsWrongAndWhatIsAllowed)
{
    RunConfig c = mpi_config(StrategyKind::Mpi, 10, 64, 1, 2);
    ASSERT_TRUE(validate(c).has_value());
    EXPECT_NE(validate(c)->find("splits (64) must not exceed the size (10)"), std::string::npos);
    c = mpi_config(StrategyKind::Mpi, 100, 4, 1, 2);
    c.mpi.mpirun = "/nonexistent/mpirun";
    ASSERT_TRUE(validate(c).has_value());
    EXPECT_NE(validate(c)->find("not an executable"), std::string::npos) << *validate(c);
    EXPECT_NE(validate(c)->find("apt-get install openmpi-bin libopenmpi-dev"), std::string::npos);
    c.mpi.mpirun.clear();
    c.mpi.args = "--mca 'unclosed";
    ASSERT_TRUE(validate(c).has_value());
    EXPECT_NE(validate(c)->find("quote"), std::string::npos);
    EXPECT_EQ(split_arguments("a 'b c' \"d\"  e"), (std::vector<std::string>{"a", "b c", "d", "e"}));
}

TEST(Mpi, MissingMpirunMakesTheStrategiesUnavailableWithTheInstallCommand)
{
    const char* path = std::getenv("PATH");
    const std::string saved = path ? path : "";
    setenv("PATH", "/nonexistent", 1);
    const Availability a = availability(StrategyKind::Mpi);
    setenv("PATH", saved.c_str(), 1);
    EXPECT_FALSE(a.available);
    EXPECT_NE(a.reason.find("mpirun"), std::string::npos) << a.reason;
    EXPECT_EQ(a.install, "apt-get install openmpi-bin libopenmpi-dev");
}

TEST(Checksum, SlicesAddUpToTheWholeAndAnyChangeShows)
{
    Workload w;
    w.size = 10'001;
    std::vector<double> out(w.size);
    fill_data(out.data(), 0, w.size, w);
    apply_kernel(w.function, w.kernel, w.intensity, out.data(), out.data(), w.size);
    const std::uint64_t whole = output_checksum(out.data(), w.size);
    EXPECT_EQ(whole, reference_checksum(w, 0, w.size));
    EXPECT_EQ(output_checksum(out.data(), 3000) + output_checksum(out.data() + 3000, w.size - 3000, 3000), whole);
    std::swap(out[10], out[11]);
    EXPECT_NE(output_checksum(out.data(), w.size), whole) << "positions count";
    std::swap(out[10], out[11]);
    out[777] = std::nextafter(out[777], 10.0);
    EXPECT_NE(output_checksum(out.data(), w.size), whole) << "one bit counts";
}

TEST(Mpi, ReportsCarryTheTransportAndWhereEachRankRan)
{
    if (!mpi_availability().available)
        GTEST_SKIP();
    Runner runner;
    const CellResult r = runner.run(mpi_config(StrategyKind::Mpi, 1000, 4, 1, 2, PoolLifetime::Warm, MpiTransport::Tcp));
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    std::stringstream json;
    write_json(json, machine_info(), std::span(&r, 1));
    const Report back = read_json(json);
    ASSERT_TRUE(back.error.empty()) << back.error;
    ASSERT_EQ(back.results.size(), 1u);
    EXPECT_EQ(back.results[0].config.mpi.transport, MpiTransport::Tcp);
    EXPECT_EQ(back.results[0].ranks, r.ranks);
    std::stringstream trace;
    write_trace(trace, r, machine_info());
    EXPECT_NE(trace.str().find("rank 1 (pid " + std::to_string(r.ranks[1].pid)), std::string::npos);
    EXPECT_NE(trace.str().find("coordinator: rank 0"), std::string::npos);
}

// SPDX-License-Identifier: GPL-3.0-or-later
// py-dask-cluster and py-dask-distributed through the engine: Dask's LocalCluster started by the
// tutorial's module. A cluster takes a second or two to start, so the shapes share a warm one per
// worker count; the suite runs in the Release build only (scripts/common.sh: the interpreter and
// its workers are not sanitized, and a cluster under TSan's engine is slow).

#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"
#include "chunkscope/trace.h"
#include "support/configs.h"
#include "support/processes.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>

#include <csignal>
#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace chunkscope;
using namespace std::chrono_literals;
using chunkscope::support::children_of;
using chunkscope::support::shm_entries;

namespace {

constexpr StrategyKind kDask[] = {StrategyKind::PyDaskCluster, StrategyKind::PyDaskDistributed};

std::string our_entries() { return "chunkscope-py-" + std::to_string(getpid()); }

// Every process of the interpreter's group: it, its Dask workers and multiprocessing's tracker.
std::vector<pid_t> cluster_group(pid_t pgid) { return chunkscope::support::members_of_group(pgid, true); }

// The /dev/shm/sem.* entries (multiprocessing's named semaphores) that the processes of group pgid
// have mapped, told by inode (/proc/P/maps names the maker's mapping by glibc's temporary name).
std::set<std::string> semaphores_of_group(pid_t pgid)
{
    std::set<ino_t> inodes;
    for (pid_t p : cluster_group(pgid)) {
        std::ifstream maps("/proc/" + std::to_string(p) + "/maps");
        for (std::string line; std::getline(maps, line);) {
            std::istringstream fields(line);
            std::string address, perms, offset, dev;
            unsigned long long inode = 0;
            if (line.find(" /dev/shm/sem.") != std::string::npos && fields >> address >> perms >> offset >> dev >> inode)
                inodes.insert(static_cast<ino_t>(inode));
        }
    }
    std::set<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev/shm", ec)) {
        struct stat st {};
        if (e.path().filename().string().starts_with("sem.") && lstat(e.path().c_str(), &st) == 0 &&
            inodes.contains(st.st_ino))
            names.insert(e.path().string());
    }
    return names;
}

// A TCP port nothing listens on now: the kernel's pick, closed again.
int free_port()
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof a;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    close(fd);
    return ntohs(a.sin_port);
}

// A program of Dask's in a session of its own (its group is ours to kill), output discarded.
class DaskProgram {
public:
    explicit DaskProgram(std::vector<std::string> args)
    {
        pid_ = fork();
        if (pid_ == 0) {
            setsid();
            if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
                _exit(127);
            std::vector<char*> argv;
            for (std::string& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execvp(argv[0], argv.data());
            _exit(127);
        }
    }
    // SIGTERM first, as a user's Ctrl-C: dask-worker closes its nannies and their workers, which
    // unlink their multiprocessing semaphores (/dev/shm/sem.mp-*; a SIGKILL leaves them behind);
    // then SIGKILL for whatever of the group is left after 10 s.
    ~DaskProgram()
    {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < 200 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i)
            usleep(50'000);
        ::kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    DaskProgram(const DaskProgram&) = delete;
    DaskProgram& operator=(const DaskProgram&) = delete;
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
};

} // namespace

TEST(PythonDask, AwkwardShapesOnAWarmClusterVerifiedWithOneRowPerWorker)
{
    for (StrategyKind kind : kDask) {
        if (!availability(kind).available)
            GTEST_SKIP() << availability(kind).reason;
        Runner runner;
        struct Shape {
            std::size_t size, splits;
            int workers;
        };
        // Grouped by W: a new W replaces the warm cluster.
        for (const Shape& s : {Shape{1, 1, 1}, Shape{4096, 16, 1}, Shape{1000, 7, 2}, Shape{257, 257, 2}}) {
            RunConfig c = chunkscope::support::small_config(kind, s.size, s.splits, 1, s.workers);
            c.pool = PoolLifetime::Warm;
            c.repeats = 2;
            SCOPED_TRACE(std::string(to_string(kind)) + " size " + std::to_string(s.size) + " splits " +
                         std::to_string(s.splits) + " W " + std::to_string(s.workers));
            const CellResult r = runner.run(c);
            ASSERT_EQ(r.status, Status::Ok) << r.error;
            EXPECT_TRUE(r.verified);
            EXPECT_EQ(r.samples.size(), 2u);
            EXPECT_EQ(r.phases.startup_s, 0.0) << "a warm cluster is started before the timed runs";
            ASSERT_EQ(r.events.size(), s.splits) << "a task is a chunk";
            ASSERT_FALSE(r.ranks.empty()) << "Dask's workers, where each ran";
            EXPECT_LE(r.ranks.size(), static_cast<std::size_t>(s.workers));
            std::set<int> rows;
            for (const RankPlace& p : r.ranks) {
                EXPECT_EQ(p.worker, static_cast<int>(rows.size()));
                EXPECT_GT(p.pid, 0);
                EXPECT_FALSE(p.host.empty());
                rows.insert(p.worker);
            }
            for (const TaskEvent& e : r.events) {
                EXPECT_TRUE(rows.contains(e.worker)) << "task " << e.task;
                EXPECT_LE(e.start_s, e.end_s);
                EXPECT_LE(e.end_s, r.samples.back() + 1e-6);
            }
            if (s.workers == 2 && s.splits == 257) {
                // The trace: one process per Dask worker, named with its pid and host.
                std::ostringstream os;
                write_trace(os, r, machine_info());
                const auto doc = nlohmann::json::parse(os.str());
                std::set<std::string> names;
                for (const auto& e : doc["traceEvents"])
                    if (e["ph"] == "M" && e["name"] == "process_name")
                        names.insert(e["args"]["name"].get<std::string>());
                for (const RankPlace& p : r.ranks)
                    EXPECT_TRUE(names.contains("Dask worker " + std::to_string(p.worker) + " (pid " +
                                               std::to_string(p.pid) + " on " + p.host + ")"));
            }
        }
        runner.release();
        for (int i = 0; i < 40 && !children_of(getpid()).empty(); ++i)
            std::this_thread::sleep_for(50ms);
        EXPECT_TRUE(children_of(getpid()).empty()) << to_string(kind);
        EXPECT_TRUE(shm_entries(our_entries()).empty()) << to_string(kind) << ": the cluster's folder is removed";
    }
}

TEST(PythonDask, FreshClusterIsStartedAndClosedInTheRunAndSplitsAboveSizeAreRefused)
{
    if (!availability(StrategyKind::PyDaskCluster).available)
        GTEST_SKIP() << availability(StrategyKind::PyDaskCluster).reason;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyDaskCluster, 1001, 3, 1, 1);
    Runner runner;
    const CellResult r = runner.run(c);
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_TRUE(r.verified);
    EXPECT_GT(r.phases.startup_s, 0.0) << "the cluster's start";
    EXPECT_GT(r.phases.shutdown_s, 0.0) << "its close";
    EXPECT_EQ(r.events.size(), 3u);
    runner.release();
    EXPECT_TRUE(shm_entries(our_entries()).empty());
    for (StrategyKind kind : kDask) {
        RunConfig big = chunkscope::support::small_config(kind, 5, 6, 1);
        const auto problem = validate(big);
        ASSERT_TRUE(problem.has_value()) << to_string(kind);
        EXPECT_NE(problem->find("splits (6) must not exceed the size (5)"), std::string::npos) << *problem;
    }
}

TEST(PythonDask, CancelEndsTheSchedulerAndWorkersLeavingNoFolder)
{
    if (!availability(StrategyKind::PyDaskCluster).available)
        GTEST_SKIP() << availability(StrategyKind::PyDaskCluster).reason;
    Runner runner;
    CancelToken cancel;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyDaskCluster, 1'000'000, 16, 1);
    c.repeats = 100;     // fresh: a cluster started and closed in every run
    auto result = std::async(std::launch::async, [&] { return runner.run(c, nullptr, &cancel); });
    std::vector<pid_t> kids;
    ASSERT_TRUE([&] {
        for (int i = 0; i < 300; ++i, std::this_thread::sleep_for(50ms))
            if (!(kids = children_of(getpid())).empty() && cluster_group(kids[0]).size() >= 3 &&
                !shm_entries(our_entries()).empty())
                return true;
        return false;
    }()) << "the interpreter, its workers and the cluster's folder";
    // Its Nanny's semaphores (multiprocessing's, spawn): unlinked by their maker or its resource
    // tracker, which the kill of the group ends too; the engine removes them.
    const std::set<std::string> semaphores = semaphores_of_group(kids[0]);
    EXPECT_FALSE(semaphores.empty()) << "a Nanny's worker maps its semaphores";
    cancel.cancel();
    ASSERT_EQ(result.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(result.get().status, Status::Cancelled);
    EXPECT_TRUE(chunkscope::support::group_gone(kids[0], 1s)) << "a process of the interpreter's group remains";
    EXPECT_TRUE(children_of(getpid()).empty());
    EXPECT_TRUE(shm_entries(our_entries()).empty()) << "the cluster's folder (dask-worker-space) is removed";
    for (const std::string& s : semaphores)
        EXPECT_FALSE(std::filesystem::exists(s)) << s << ": a semaphore of the cluster's is left in /dev/shm";
}

TEST(PythonDask, AnExistingClusterRunsTheCellAndTheReportNamesItsSchedulerAndWorkers)
{
    if (!availability(StrategyKind::PyDaskCluster).available)
        GTEST_SKIP() << availability(StrategyKind::PyDaskCluster).reason;
    if (system("command -v dask-scheduler >/dev/null && command -v dask-worker >/dev/null") != 0)
        GTEST_SKIP() << "dask-scheduler and dask-worker are not on PATH (apt-get install python3-distributed)";
    const std::string port = std::to_string(free_port());
    const std::string address = "tcp://127.0.0.1:" + port;
    const std::string folder = "/tmp/chunkscope-test-dask-" + std::to_string(getpid());
    DaskProgram scheduler({"dask-scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"});
    DaskProgram workers({"dask-worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard", "--host",
                         "127.0.0.1", "--local-directory", folder});
    Runner runner;
    for (StrategyKind kind : kDask) {
        RunConfig c = chunkscope::support::small_config(kind, 1001, 5, 1, 2);
        c.dask_scheduler = address;
        CellResult r;
        // Until the scheduler answers and has its two workers (the module says how many it has).
        for (int i = 0; i < 120; ++i, std::this_thread::sleep_for(500ms)) {
            if (dask_scheduler_problem(address, 500))
                continue;
            r = runner.run(c);
            if (r.status == Status::Ok || r.error.find("worker(s)") == std::string::npos)
                break;
        }
        SCOPED_TRACE(std::string(to_string(kind)));
        ASSERT_EQ(r.status, Status::Ok) << r.error;
        EXPECT_TRUE(r.verified);
        EXPECT_EQ(r.events.size(), 5u);
        ASSERT_FALSE(r.ranks.empty());
        std::set<pid_t> theirs;
        for (const auto& p : chunkscope::support::descendants(workers.pid()))
            theirs.insert(p.pid);
        for (const RankPlace& p : r.ranks)
            EXPECT_TRUE(theirs.contains(static_cast<pid_t>(p.pid))) << "one of dask-worker's processes: " << p.pid;
        std::stringstream json;
        write_json(json, machine_info(), std::span<const CellResult>(&r, 1));
        const Report back = read_json(json);
        ASSERT_EQ(back.results.size(), 1u) << json.str();
        EXPECT_EQ(back.results[0].config.dask_scheduler, address);
        EXPECT_EQ(back.results[0].ranks, r.ranks);
    }
    runner.release();
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
}

TEST(PythonDask, AWorkerKilledMidCellIsRecomputedAndTheCellSaysWhichAndWhatRanAgain)
{
    if (!availability(StrategyKind::PyDaskDistributed).available)
        GTEST_SKIP() << availability(StrategyKind::PyDaskDistributed).reason;
    RunConfig c = chunkscope::support::small_config(StrategyKind::PyDaskDistributed, 20000, 8, 1, 2);
    c.dask_lose_worker = true;
    ASSERT_FALSE(validate(c)) << *validate(c);
    Runner runner;
    const CellResult r = runner.run(c);
    runner.release();
    ASSERT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_TRUE(r.verified) << "not a failure: Dask made the lost results again";
    const WorkerLoss& loss = r.worker_loss;
    ASSERT_EQ(loss.runs, 1);
    EXPECT_TRUE(loss.caused);
    ASSERT_EQ(loss.workers.size(), 1u);
    EXPECT_EQ(loss.workers[0].address.rfind("tcp://127.0.0.1:", 0), 0u) << loss.workers[0].address;
    EXPECT_GT(loss.workers[0].pid, 0);
    EXPECT_FALSE(loss.workers[0].host.empty());
    EXPECT_GE(loss.tasks_rerun, 1u);
    EXPECT_EQ(loss.chunks_rescattered, 0u);
    EXPECT_NE(describe(loss).find("lost Dask worker " + loss.workers[0].name + " (" + loss.workers[0].address),
              std::string::npos)
        << describe(loss);
    // The JSON keeps it and reads it back.
    std::stringstream json;
    write_json(json, machine_info(), std::span<const CellResult>(&r, 1));
    const Report back = read_json(json);
    ASSERT_EQ(back.results.size(), 1u) << back.error;
    EXPECT_EQ(back.results[0].worker_loss, loss);
    EXPECT_TRUE(back.results[0].config.dask_lose_worker);
    for (int i = 0; i < 40 && !children_of(getpid()).empty(); ++i)
        std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(children_of(getpid()).empty());
    EXPECT_TRUE(shm_entries(our_entries()).empty()) << "the cluster's folder is removed";
}

TEST(DaskWorkerLoss, TravelsThroughTheJsonTableAndCsvAndIsPartOfTheExperiment)
{
    CellResult r;
    r.config = chunkscope::support::small_config(StrategyKind::PyDaskCluster, 1000, 8, 1, 2);
    r.config.dask_lose_worker = true;
    r.verified = true;
    r.samples = {0.5};
    r.median_s = r.min_s = r.mean_s = 0.5;
    r.worker_loss.runs = 2;
    r.worker_loss.caused = true;
    r.worker_loss.workers = {{"tcp://127.0.0.1:4001", "here", 41, "0"}, {"tcp://127.0.0.1:4002", "here", 42, "1"}};
    r.worker_loss.tasks_rerun = 3;
    r.worker_loss.results_recomputed = 1;
    r.worker_loss.chunks_rescattered = 5;
    CellResult none = r;
    none.worker_loss = {};
    const CellResult cells[] = {r, none};
    std::stringstream json;
    write_json(json, machine_info(), cells);
    const std::string text = json.str();
    EXPECT_NE(text.find("\"lost\": null"), std::string::npos) << text;
    const Report back = read_json(json);
    ASSERT_EQ(back.results.size(), 2u) << back.error;
    EXPECT_EQ(back.results[0].worker_loss, r.worker_loss);
    EXPECT_TRUE(back.results[1].worker_loss.empty());
    EXPECT_TRUE(back.results[1].config.dask_lose_worker);
    // A report written before the option reads as none lost.
    std::string older = text;
    for (const std::string field : {",\n        \"lose_worker\": true", ",\n        \"lost\": null"})
        for (auto at = older.find(field); at != std::string::npos; at = older.find(field))
            older.erase(at, field.size());
    std::stringstream before(older);
    const Report old = read_json(before);
    ASSERT_EQ(old.results.size(), 2u) << old.error << older;
    EXPECT_FALSE(old.results[1].config.dask_lose_worker);
    // A wrong "lost" is named.
    std::string bad = text;
    bad.replace(bad.find("\"tasks_rerun\": 3"), 16, "\"tasks_rerun\": -3");
    std::stringstream wrong(bad);
    EXPECT_NE(read_json(wrong).error.find("dask.lost.tasks_rerun"), std::string::npos);

    // The table: a line of its own after the cell; the CSV: three last columns.
    std::ostringstream table;
    write_table(table, machine_info(), cells);
    const std::string line = "\n  " + describe(r.worker_loss) + "\n";
    EXPECT_NE(table.str().find(line), std::string::npos) << table.str();
    EXPECT_NE(describe(r.worker_loss).find("lost 2 Dask workers in 2 runs: 0 (tcp://127.0.0.1:4001 on here, pid 41)"),
              std::string::npos)
        << describe(r.worker_loss);
    EXPECT_NE(describe(r.worker_loss).find("5 scattered chunks were lost"), std::string::npos);
    std::ostringstream csv;
    write_csv(csv, cells);
    EXPECT_NE(csv.str().find(",dask_scheduler,dask_lose_worker,dask_workers_lost,dask_tasks_rerun\n"), std::string::npos);
    EXPECT_NE(csv.str().find(",true,2,3\n"), std::string::npos) << csv.str();

    // Part of the experiment; refused on an existing cluster and with one worker.
    RunConfig without = r.config;
    without.dask_lose_worker = false;
    EXPECT_FALSE(same_experiment(r.config, without));
    RunConfig theirs = r.config;
    theirs.dask_scheduler = "tcp://127.0.0.1:8786";
    ASSERT_TRUE(dask_lose_worker_problem(theirs));
    EXPECT_NE(dask_lose_worker_problem(theirs)->find("nor are its workers ours to kill"), std::string::npos);
    RunConfig one = r.config;
    one.workers = 1;
    ASSERT_TRUE(dask_lose_worker_problem(one));
    EXPECT_NE(dask_lose_worker_problem(one)->find("allowed: 2 or more"), std::string::npos);
    RunConfig other = chunkscope::support::small_config(StrategyKind::PySplit, 1000, 8, 1, 1);
    other.dask_lose_worker = true;
    EXPECT_FALSE(dask_lose_worker_problem(other)) << "another strategy ignores it";
}

// SPDX-License-Identifier: GPL-3.0-or-later
// sweep --journal and --resume as a user meets them: the journal written as cells finish; a
// sweep killed with SIGKILL (or stopped with SIGINT) resumed, running only the missing cells and
// reporting the whole sweep; damaged journals and contradicting options refused with exit 2.

#include "childprocess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

std::string text_of(const Outcome& o)
{
    return "exited=" + std::to_string(o.exited) + " code=" + std::to_string(o.exit_code) +
           " signal=" + std::to_string(o.signal) + "\n--- stdout:\n" + o.out.substr(0, 3000) + "\n--- stderr:\n" +
           o.err.substr(0, 3000);
}

std::string journal_path(const std::string& name)
{
    const std::string path = "/tmp/chunkscope-test-" + std::to_string(getpid()) + "-" + name;
    std::remove(path.c_str());
    return path;
}

std::vector<std::string> lines_of(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::set<std::pair<int, int>> grid_of(const nlohmann::json& report)
{
    std::set<std::pair<int, int>> cells;
    for (const auto& c : report.at("results"))
        cells.emplace(c.at("splits").get<int>(), c.at("chunksize").get<int>());
    return cells;
}

// Starts a 4 x 4 sweep (cells of some tens of milliseconds each), waits until its journal holds `cells` cells, then sends it `signal`.
Outcome stop_after(const std::string& path, std::size_t cells, int signal)
{
    ChildProcess child({"sweep", "--strategy", "fork-split", "--size", "2M", "--splits-list",
                        "1,4,16,64", "--chunks-list", "1,2,4,8", "--repeats", "2", "--warmup", "0", "--workers", "2",
                        "--journal", path});
    EXPECT_TRUE(child.started()) << child.spawn_error();
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    while (child.pump() && lines_of(path).size() < cells + 1 && std::chrono::steady_clock::now() < deadline) {
    }
    kill(signal == SIGKILL ? -child.pid() : child.pid(), signal);
    return child.wait(60s);
}

void expect_resumes_whole(const std::string& path)
{
    ASSERT_GE(lines_of(path).size(), 3u) << "no journal with cells in it";
    const std::size_t done = lines_of(path).size() - 1;
    ASSERT_LT(done, 16u) << "the sweep ended before it was stopped: nothing to resume";
    const std::vector<std::string> before = lines_of(path);

    const Outcome o = run_cli({"sweep", "--resume", path, "--format", "json"}, 180s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << text_of(o);
    EXPECT_NE(o.err.find(std::to_string(done) + " cells done, " + std::to_string(16 - done) + " to run"),
              std::string::npos)
        << text_of(o);
    const nlohmann::json report = nlohmann::json::parse(o.out);
    EXPECT_EQ(report.at("results").size(), 16u);
    EXPECT_EQ(grid_of(report).size(), 16u) << "every cell once";
    // The journal's cells are reported as they were measured, not run again.
    for (std::size_t i = 1; i < before.size(); ++i)
        EXPECT_EQ(report.at("results")[i - 1].at("median_s"), nlohmann::json::parse(before[i]).at("median_s"));
    const std::vector<std::string> after = lines_of(path);
    EXPECT_EQ(after.size(), 17u);
    for (std::size_t i = 0; i < before.size(); ++i)
        EXPECT_EQ(after[i], before[i]) << "line " << i + 1 << " was rewritten";

    // Resumed again, nothing is left to run and the report is the same sweep.
    const Outcome again = run_cli({"sweep", "--resume", path, "--format", "csv"}, 60s);
    ASSERT_TRUE(again.exited && again.exit_code == 0) << text_of(again);
    EXPECT_NE(again.err.find("16 cells done, 0 to run"), std::string::npos) << text_of(again);
    EXPECT_EQ(std::count(again.out.begin(), again.out.end(), '\n'), 17);
}

} // namespace

TEST(CliJournal, EveryFinishedCellIsInTheJournal)
{
    const std::string path = journal_path("journal-written.jsonl");
    const Outcome o = run_cli({"sweep", "--strategy", "threads", "--size", "100k", "--splits-list", "1,8",
                               "--chunks-list", "1,2,4", "--repeats", "1", "--warmup", "0", "--format", "json",
                               "--journal", path});
    ASSERT_TRUE(o.exited && o.exit_code == 0) << text_of(o);
    const std::vector<std::string> lines = lines_of(path);
    ASSERT_EQ(lines.size(), 7u);
    const nlohmann::json header = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(header.at("chunkscope_journal"), 1);
    EXPECT_EQ(header.at("sweep").at("strategy"), "threads");
    EXPECT_EQ(header.at("cells"), 6);
    EXPECT_TRUE(header.contains("machine") && header.contains("generator"));
    const nlohmann::json report = nlohmann::json::parse(o.out);
    for (std::size_t i = 1; i < lines.size(); ++i)
        EXPECT_EQ(nlohmann::json::parse(lines[i]), report.at("results")[i - 1]) << "line " << i + 1;
    std::remove(path.c_str());
}

TEST(CliJournal, KilledMidSweepItResumesRunningOnlyTheMissingCells)
{
    const std::string path = journal_path("journal-killed.jsonl");
    const Outcome killed = stop_after(path, 3, SIGKILL);
    EXPECT_EQ(killed.signal, SIGKILL) << text_of(killed);
    expect_resumes_whole(path);
    std::remove(path.c_str());
}

TEST(CliJournal, StoppedWithCtrlCItResumes)
{
    const std::string path = journal_path("journal-sigint.jsonl");
    const Outcome stopped = stop_after(path, 2, SIGINT);
    EXPECT_TRUE(stopped.exited && stopped.exit_code == 130) << text_of(stopped);
    expect_resumes_whole(path);
    std::remove(path.c_str());
}

TEST(CliJournal, RefusalsExitTwoSayingWhy)
{
    const std::string path = journal_path("journal-refused.jsonl");
    ASSERT_EQ(run_cli({"sweep", "--strategy", "sequential", "--size", "10k", "--repeats", "1", "--warmup", "0",
                       "--journal", path})
                  .exit_code,
              0);
    const std::vector<std::string> lines = lines_of(path);
    const std::string damaged = temp_file("journal-damaged.jsonl", lines[0] + "\n{\"strategy\": 12}\n" + lines[1] + "\n");
    const std::string session = temp_file("not-a-journal.json", "{\"machine\": {}, \"results\": []}\n");
    std::string other_machine = lines[0];
    other_machine.replace(other_machine.find("\"cpu_model\":\"") + 13, 0, "Another ");
    const std::string moved = temp_file("journal-moved.jsonl", other_machine + "\n");
    const std::vector<std::pair<Args, std::vector<std::string>>> cases{
        {{"sweep", "--resume", path, "--strategy", "threads", "--size", "20k"},
         {"another sweep", "strategy: the journal has \"sequential\", the options ask \"threads\"", "size"}},
        {{"sweep", "--resume", damaged}, {"cannot be resumed", "line 2: cell.strategy"}},
        {{"sweep", "--resume", session}, {"not a Chunkscope journal"}},
        {{"sweep", "--resume", moved}, {"another configuration", "cpu-model"}},
        {{"sweep", "--resume", "/nonexistent/journal.jsonl"}, {"cannot open"}},
        // Not read at all, rather than read for ever (/dev/zero never ends).
        {{"sweep", "--resume", "/dev/zero"}, {"cannot open \"/dev/zero\"", "not a regular file"}},
        {{"sweep", "--resume", "/tmp"}, {"cannot open \"/tmp\"", "folder"}},
        {{"sweep", "--strategy", "sequential", "--journal", path}, {"exists already", "--resume"}},
        {{"sweep", "--resume", path, "--journal", "/tmp/x.jsonl"}, {"give one of them"}},
    };
    for (const auto& [args, mentions] : cases) {
        const Outcome o = run_cli(args, 20s);
        EXPECT_TRUE(o.exited && o.exit_code == 2) << text_of(o);
        EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << text_of(o);
        for (const std::string& m : mentions)
            EXPECT_NE(o.err.find(m), std::string::npos) << "should mention " << m << "\n" << text_of(o);
    }
    // Options that repeat the journal's sweep are not a contradiction.
    const Outcome same = run_cli({"sweep", "--resume", path, "--strategy", "sequential", "--size", "10k"}, 20s);
    EXPECT_TRUE(same.exited && same.exit_code == 0) << text_of(same);
    EXPECT_EQ(lines_of(path), lines);
    for (const std::string& p : {path, damaged, session, moved})
        std::remove(p.c_str());
}

// A sweep on a LocalCluster's journal resumed against a scheduler's address: refused, naming the
// scheduler (the address answers as a scheduler does, with a first byte: the CLI's check passes);
// and resumed losing a worker in each run: refused, naming --dask-lose-worker.
TEST(CliJournal, AResumeAgainstAnotherDaskSchedulerIsRefused)
{
    const std::string path = journal_path("journal-dask.jsonl");
    const Outcome ran = run_cli({"sweep", "--strategy", "py-dask-cluster", "--size", "1000", "--workers", "1",
                                 "--repeats", "1", "--warmup", "0", "--pool", "warm", "--splits-list", "1",
                                 "--chunks-list", "1", "--journal", path},
                                120s);
    if (ran.exit_code == 2 && ran.err.find("cannot run here") != std::string::npos)
        GTEST_SKIP() << ran.err;
    ASSERT_TRUE(ran.exited && ran.exit_code == 0) << text_of(ran);
    ASSERT_NE(lines_of(path).at(0).find("\"dask_scheduler\":null"), std::string::npos) << lines_of(path).at(0);

    std::string address;
    const int fd = loopback_socket(address);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(listen(fd, 4), 0);
    std::thread answer([fd] {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 20'000) == 1)
            if (const int c = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC); c >= 0) {
                (void)!send(c, "x", 1, MSG_NOSIGNAL);
                close(c);
            }
    });
    const Outcome o = run_cli({"sweep", "--resume", path, "--dask-scheduler", address}, 20s);
    answer.join();
    close(fd);
    EXPECT_TRUE(o.exited && o.exit_code == 2) << text_of(o);
    EXPECT_NE(o.err.find("dask-scheduler: the journal has \"a LocalCluster\", the options ask \"" + address + "\""),
              std::string::npos)
        << text_of(o);
    // Nor with a worker lost in each run, where the journal's cells lost none (its W is 1: the
    // refusal names the option either way, and nothing runs).
    const auto before = lines_of(path);
    const Outcome lose = run_cli({"sweep", "--resume", path, "--dask-lose-worker"}, 20s);
    EXPECT_TRUE(lose.exited && lose.exit_code == 2) << text_of(lose);
    EXPECT_NE(lose.err.find("dask-lose-worker: "), std::string::npos) << text_of(lose);
    EXPECT_EQ(lines_of(path), before);
    std::remove(path.c_str());
}

} // namespace chunkscope::test

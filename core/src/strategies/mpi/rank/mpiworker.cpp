// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpiworker.h"

#include "cellwork.h"
#include "chunkscope/kernels.h"
#include "chunkscope/warmup.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <signal.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

namespace chunkscope::mpi {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxSizes = 32;

enum class Op : std::int32_t { Quit, Run, PingPong, Nothing };

// What rank 0 tells every rank to do next (broadcast as plain bytes).
struct Command {
    Op op = Op::Quit;
    std::int32_t sizes = 0;
    std::uint64_t size[kMaxSizes] = {};
    detail::MpiCell cell;
};

struct Place {
    std::int64_t pid = 0;
    char host[256] = {};
};

void say_hello(const Ranks& ranks)
{
    Place mine;
    mine.pid = getpid();
    gethostname(mine.host, sizeof mine.host - 1);
    std::vector<Place> all(ranks.root() ? static_cast<std::size_t>(ranks.size) : 1);
    MPI_Gather(&mine, sizeof mine, MPI_BYTE, all.data(), sizeof mine, MPI_BYTE, 0, MPI_COMM_WORLD);
    if (!ranks.root())
        return;
    char version[MPI_MAX_LIBRARY_VERSION_STRING] = {};
    int length = 0;
    MPI_Get_library_version(version, &length);
    std::string library(version, static_cast<std::size_t>(std::max(0, length)));
    if (const auto comma = library.find(','); comma != std::string::npos)
        library.erase(comma);
    Json places = Json::array();
    for (int r = 0; r < ranks.size; ++r)
        places.push_back({{"rank", r}, {"pid", all[static_cast<std::size_t>(r)].pid},
                          {"host", all[static_cast<std::size_t>(r)].host}});
    say({{"type", "hello"}, {"ranks", ranks.size}, {"places", places}, {"mpi", library}});
}

// Rank 0: the next request from the engine; the end of its input is a quit.
Command read_command()
{
    Command cmd;
    for (std::string line; std::getline(std::cin, line);) {
        if (line.empty())
            continue;
        const Json j = Json::parse(line, nullptr, false);
        const std::string op = j.is_object() ? j.value("op", "") : "";
        if (op == "quit")
            return cmd;
        if (op == "run") {
            std::string error;
            if (const auto cell = detail::parse_mpi_run_request(j, error)) {
                cmd.op = Op::Run;
                cmd.cell = *cell;
                return cmd;
            }
            say({{"type", "done"}, {"id", j.value("id", 0)}, {"status", "failed"}, {"error", error}});
            continue;
        }
        if (op == "pingpong" && j.contains("sizes") && j["sizes"].is_array()) {
            cmd.op = Op::PingPong;
            for (const Json& s : j["sizes"])
                if (s.is_number_unsigned() && cmd.sizes < static_cast<std::int32_t>(kMaxSizes))
                    cmd.size[cmd.sizes++] = s.get<std::uint64_t>();
            return cmd;
        }
        say({{"type", "error"}, {"error", "not a request of the protocol: " + line.substr(0, 200)}});
    }
    return cmd;
}

} // namespace

void wait_idle(MPI_Request& req)
{
    int done = 0;
    for (int tries = 0;; ++tries) {
        MPI_Test(&req, &done, MPI_STATUS_IGNORE);
        if (done)
            return;
        if (tries > 64) {
            const timespec pause{0, 200'000};
            nanosleep(&pause, nullptr);
        }
    }
}

void idle_bcast(void* data, int bytes)
{
    MPI_Request req;
    MPI_Ibcast(data, bytes, MPI_BYTE, 0, MPI_COMM_WORLD, &req);
    wait_idle(req);
}

void idle_barrier()
{
    MPI_Request req;
    MPI_Ibarrier(MPI_COMM_WORLD, &req);
    wait_idle(req);
    MPI_Barrier(MPI_COMM_WORLD);
}

void say(const Json& message)
{
    const std::string line = message.dump() + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

void run_cell(const detail::MpiCell& cell, const Ranks& ranks)
{
    std::unique_ptr<CellWork> work = cell.distributed ? make_owner(cell, ranks) : make_dealer(cell, ranks);
    std::vector<double> warm;   // rank 0: the warm-up runs' wall times, for the rule (warmup.h)
    std::vector<double> timed;  // and the timed runs', for the cell budget
    std::int32_t go = 1;
    for (;;) {
        const NextRun next = next_run(cell.warmup, cell.repeats, cell.budget_s, warm, timed);
        bool warming = next == NextRun::Warmup;
        if (ranks.root())
            go = next != NextRun::Stop && go ? 1 : 0;
        idle_bcast(&go, sizeof go);
        if (!go)
            break;
        work->prepare();
        idle_barrier();
        const RunTimes t = work->run();
        const detail::MpiRunCheck c = work->check();
        if (!ranks.root())
            continue;
        if (warming && first_run_is_timed(cell.budget_s, warm.size(), t.wall_s))
            warming = false;
        (warming ? warm : timed).push_back(t.wall_s);
        Json events = Json::array();
        for (const TaskEvent& e : t.events)
            events.push_back({e.worker, e.task, e.start_s, e.end_s, e.items, e.bytes, e.receive_s, e.send_s});
        Json sample{{"type", "sample"},
                    {"id", cell.id},
                    {"warmup", warming},
                    {"wall_s", t.wall_s},
                    {"phases",
                     {{"startup", 0.0}, {"scatter", t.scatter_s}, {"compute", t.compute_s}, {"gather", t.gather_s},
                      {"shutdown", 0.0}}},
                    {"events", std::move(events)},
                    {"events_truncated", t.events_truncated}};
        detail::put_mpi_check(sample, c);
        if (c.rank >= 0)
            go = 0;   // a failed run ends the cell
        say(sample);
    }
    if (ranks.root())
        say({{"type", "done"}, {"id", cell.id}, {"status", "ok"}});
}

int worker_main(int argc, char** argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "--launch") == 0)
        return launch_main(argc - 2, argv + 2);
    // Every rank dies with its parent (mpirun or orted): a job that is killed leaves no rank.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        return 1;
    MPI_Init(&argc, &argv);
    Ranks ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &ranks.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks.size);
    say_hello(ranks);
    for (;;) {
        Command cmd;
        if (ranks.root())
            cmd = read_command();
        idle_bcast(&cmd, sizeof cmd);
        if (cmd.op == Op::Quit)
            break;
        if (cmd.op == Op::Run)
            run_cell(cmd.cell, ranks);
        else if (cmd.op == Op::PingPong)
            ping_pong(std::vector<std::uint64_t>(cmd.size, cmd.size + cmd.sizes), ranks);
    }
    if (ranks.root())
        say({{"type", "bye"}});
    // Every rank past its last message before any tears its transport down (Open MPI 4.1's
    // shared memory was seen to fault in a rank still reading the last broadcast otherwise).
    idle_barrier();
    MPI_Finalize();
    // Straight out: Open MPI 4.1 was seen to fault in its own teardown at exit now and then
    // (about one job in a hundred, after MPI_Finalize had returned on every rank).
    std::fflush(nullptr);
    _exit(0);
}

} // namespace chunkscope::mpi

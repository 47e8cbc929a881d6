// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-soak: one long-lived engine, as the window keeps one, sweeping every available
// strategy again and again for --minutes, about half of the sweeps cancelled at a random moment.
// After every sweep the runner is released and then nothing of ours may be left: no process
// carrying this soak's tag in its environment (children, ranks, interpreters, whether still our
// descendants or not) and no /dev/shm entry named after this process. At the end it reports
// those counts, the cells that failed, and the growth of this process's resident memory from the
// end of the first round to the end. bench/soak runs it (and cancels chunkscope-cli with SIGINT).
// Exit status: 0 when nothing leaked, no cell failed and memory grew at most 5 %; 1 otherwise.

#include "chunkscope/parse.h"
#include "chunkscope/plan.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace chunkscope;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kTag = "CHUNKSCOPE_SOAK_TAG";

long rss_kib()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return -1;
}

// Processes other than this one whose environment holds tag (children inherit it, and so do
// mpirun's ranks and the Python interpreter's workers, even once reparented).
std::vector<std::string> tagged_processes(const std::string& tag)
{
    std::vector<std::string> found;
    const std::string self = std::to_string(getpid());
    DIR* d = opendir("/proc");
    if (!d)
        return found;
    while (const dirent* e = readdir(d)) {
        const std::string pid = e->d_name;
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid == self)
            continue;
        std::ifstream environ("/proc/" + pid + "/environ", std::ios::binary);
        for (std::string var; std::getline(environ, var, '\0');)
            if (var == tag) {
                std::ifstream comm("/proc/" + pid + "/comm");
                std::string name;
                std::getline(comm, name);
                found.push_back(pid + " " + name);
                break;
            }
    }
    closedir(d);
    return found;
}

// /dev/shm entries of this process: the engine names every segment after its pid
// (chunkscope-<pid>-, chunkscope-py-<pid>-, chunkscope-mpi-<pid>-).
std::vector<std::string> own_segments()
{
    std::vector<std::string> found;
    const std::string mark = std::string("-").append(std::to_string(getpid())).append("-");
    if (DIR* d = opendir("/dev/shm")) {
        while (const dirent* e = readdir(d))
            if (std::strstr(e->d_name, "chunkscope") && std::strstr(e->d_name, mark.c_str()))
                found.emplace_back(e->d_name);
        closedir(d);
    }
    return found;
}

template <typename F>
auto settle(F f) // what is left once children had 3 s to go
{
    auto left = f();
    for (int i = 0; i < 150 && !left.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        left = f();
    }
    return left;
}

// Cancels token after delay unless disarmed first.
class Canceller {
public:
    Canceller(CancelToken& token, std::chrono::milliseconds delay)
        : thread_([this, &token, delay] {
              std::unique_lock lock(mutex_);
              if (!cv_.wait_for(lock, delay, [this] { return done_; }))
                  token.cancel();
          })
    {
    }
    ~Canceller()
    {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
};

SweepSpec soak_sweep(const StrategyInfo& info, std::size_t size, bool warm)
{
    SweepSpec spec;
    spec.base.strategy = info.kind;
    spec.base.workload.size = size;
    spec.base.workers = 2;
    spec.base.repeats = 1;
    spec.base.warmup = 0;
    spec.base.pool = warm && info.uses(Knob::Pool) ? PoolLifetime::Warm : PoolLifetime::Fresh;
    spec.splits_list = {4, 16};
    // Strategies that cut at every item get items per task; the others parts per task.
    spec.chunks_list = info.parts_are_items ? std::vector<std::size_t>{256, 4096} : std::vector<std::size_t>{1, 4};
    return sweep_plan(spec);
}

struct Totals {
    long sweeps = 0, cancelled_sweeps = 0, cells = 0, cells_cancelled = 0, cells_failed = 0;
    long processes_left = 0, segments_left = 0;
    std::vector<std::string> notes; // the first failures and leaks, to say what
    void note(std::string text)
    {
        if (notes.size() < 12)
            notes.push_back(std::move(text));
    }
};

} // namespace

int main(int argc, char** argv)
{
    double minutes = 10;
    std::size_t size = 200000;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--minutes" && next && std::strtod(next, nullptr) > 0) {
            minutes = std::strtod(argv[++i], nullptr);
        } else if (a == "--size" && next && parse_size(next, "--size") && parse_size(next).value > 0) {
            size = parse_size(argv[++i]).value;
        } else if (a == "--list") {
            for (const StrategyInfo& info : strategy_registry())
                if (availability(info.kind).available)
                    std::printf("%s\n", std::string(info.name).c_str());
            return 0;
        } else {
            std::fprintf(stderr, "usage: chunkscope-soak [--minutes M (> 0, default 10)] [--size N (default 200k)] [--list]\n");
            return 2;
        }
    }
    const std::string tag = std::string(kTag) + "=" + std::to_string(getpid());
    setenv(kTag, std::to_string(getpid()).c_str(), 1);

    std::vector<const StrategyInfo*> strategies;
    std::string names;
    for (const StrategyInfo& info : strategy_registry())
        if (availability(info.kind).available) {
            strategies.push_back(&info);
            names.append(names.empty() ? "" : " ").append(info.name);
        }
    std::printf("soak: %.2f min, %zu items, strategies: %s\n", minutes, size, names.c_str());
    std::fflush(stdout);

    std::mt19937 rng(std::random_device{}());
    Runner runner;
    Totals t;
    long rss_first = -1;
    int rounds = 0;
    std::vector<double> last_s(strategies.size(), 0.5);
    const auto end = Clock::now() + std::chrono::duration<double, std::ratio<60>>(minutes);
    while (Clock::now() < end || rounds == 0) {
        for (std::size_t k = 0; k < strategies.size(); ++k) {
            const StrategyInfo& info = *strategies[k];
            CancelToken token;
            const bool cancel = std::bernoulli_distribution(0.5)(rng);
            const auto start = Clock::now();
            std::vector<CellResult> results;
            {
                const auto delay = std::chrono::milliseconds(
                    std::uniform_int_distribution<long>(0, static_cast<long>(last_s[k] * 1000))(rng));
                std::optional<Canceller> canceller;
                if (cancel)
                    canceller.emplace(token, delay);
                results = runner.sweep(soak_sweep(info, size, rounds % 2 == 1), nullptr, &token);
            }
            const double took = std::chrono::duration<double>(Clock::now() - start).count();
            if (!token.cancelled())
                last_s[k] = took;
            ++t.sweeps;
            t.cancelled_sweeps += token.cancelled();
            for (const CellResult& r : results) {
                ++t.cells;
                t.cells_cancelled += r.status == Status::Cancelled;
                if (r.status == Status::Failed) {
                    ++t.cells_failed;
                    t.note(std::string(info.name) + " cell failed: " + r.error);
                }
            }
            runner.release();
            for (const std::string& p : settle([&] { return tagged_processes(tag); })) {
                ++t.processes_left;
                t.note(std::string(info.name) + " left process " + p);
            }
            for (const std::string& s : settle(own_segments)) {
                ++t.segments_left;
                t.note(std::string(info.name) + " left /dev/shm/" + s);
            }
        }
        ++rounds;
        if (rounds == 1)
            rss_first = rss_kib();
        std::printf("round %d: %ld sweeps (%ld cancelled), %ld cells, %ld failed, rss %ld KiB\n", rounds, t.sweeps,
                    t.cancelled_sweeps, t.cells, t.cells_failed, rss_kib());
        std::fflush(stdout);
    }
    const long rss_last = rss_kib();
    const double growth = rss_first > 0 ? 100.0 * static_cast<double>(rss_last - rss_first) / static_cast<double>(rss_first) : 0;
    std::printf("\nrounds: %d (every available strategy once per round)\n", rounds);
    std::printf("sweeps: %ld, cancelled at a random moment: %ld\n", t.sweeps, t.cancelled_sweeps);
    std::printf("cells finished: %ld, cancelled: %ld, failed: %ld\n", t.cells, t.cells_cancelled, t.cells_failed);
    std::printf("processes left: %ld\nshared-memory segments left: %ld\n", t.processes_left, t.segments_left);
    std::printf("rss after round 1: %ld KiB, at the end: %ld KiB, growth: %+.1f %% (limit 5 %%)\n", rss_first,
                rss_last, growth);
    for (const std::string& n : t.notes)
        std::printf("  %s\n", n.c_str());
    const bool ok = t.cells_failed == 0 && t.processes_left == 0 && t.segments_left == 0 && growth <= 5.0;
    std::printf("verdict: %s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}

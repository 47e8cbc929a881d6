// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/config.h"

#include "chunkscope/memory.h"
#include "chunkscope/machine.h"
#include "chunkscope/format.h"
#include "chunkscope/registry.h"
#include "enumnames.h"

#include <algorithm>
#include <array>

namespace chunkscope {

namespace {
constexpr std::array<std::string_view, 4> kPartitionerNames{"simple", "auto", "static", "affinity"};
constexpr std::array kPartitioners{Partitioner::Simple, Partitioner::Auto, Partitioner::Static, Partitioner::Affinity};
constexpr std::array<std::string_view, 4> kScheduleNames{"static", "dynamic", "guided", "default"};
constexpr std::array kSchedules{Schedule::Static, Schedule::Dynamic, Schedule::Guided, Schedule::Default};
constexpr std::array kPools{PoolLifetime::Fresh, PoolLifetime::Warm};
constexpr std::array kTransports{MpiTransport::Shm, MpiTransport::Tcp};
// MPI counts are ints: a task's items, and the messages of one rank, must fit one.
constexpr std::size_t kMpiMaxCount = 2'147'483'647;

} // namespace

std::string_view to_string(PoolLifetime p) { return p == PoolLifetime::Fresh ? "fresh" : "warm"; }
std::string_view to_string(Partitioner p) { return kPartitionerNames[static_cast<std::size_t>(p)]; }

std::string_view to_string(Schedule s) { return kScheduleNames[static_cast<std::size_t>(s)]; }
std::span<const Schedule> all_schedules() { return kSchedules; }
std::optional<Schedule> parse_schedule(std::string_view name) { return detail::find_named(kSchedules, name); }

std::string_view memmap_text(bool memmap) { return memmap ? "on" : "off"; }
std::optional<bool> parse_memmap(std::string_view text)
{
    if (text == "on")
        return true;
    if (text == "off")
        return false;
    return std::nullopt;
}

std::string_view to_string(MpiTransport t) { return t == MpiTransport::Shm ? "shm" : "tcp"; }
std::optional<MpiTransport> parse_transport(std::string_view name) { return detail::find_named(kTransports, name); }

std::span<const Partitioner> all_partitioners() { return kPartitioners; }
std::span<const PoolLifetime> all_pools() { return kPools; }

std::optional<PoolLifetime> parse_pool(std::string_view name) { return detail::find_named(kPools, name); }

std::optional<Partitioner> parse_partitioner(std::string_view name)
{
    return detail::find_named(kPartitioners, name);
}

std::size_t dask_auto_chunk_items(std::size_t n, std::size_t chunk_bytes)
{
    // auto_chunks: size = limit / itemsize items; a vector smaller than that is one chunk,
    // else round_to(size, n) = max(1, int(size)).
    constexpr std::size_t item = sizeof(double);
    const std::size_t limit = std::max<std::size_t>(1, chunk_bytes);
    if (n <= (limit - 1) / item)
        return n;
    return std::min(n, std::max<std::size_t>(1, limit / item));
}

std::optional<std::size_t> library_default_splits(const RunConfig& c)
{
    if (strategy_info(c.strategy).splits_auto != SplitsAuto::DaskChunkSize)
        return std::nullopt;
    const std::size_t n = c.workload.size;
    const std::size_t chunk = dask_auto_chunk_items(n);
    return chunk == 0 ? 0 : (n + chunk - 1) / chunk;
}

std::size_t effective_splits(const RunConfig& c)
{
    const StrategyInfo& s = strategy_info(c.strategy);
    if (s.parts_are_items)
        return c.workload.size;
    if (!s.uses(Knob::Splits))
        return 1;
    if (const auto library = c.splits_auto ? library_default_splits(c) : std::nullopt)
        return *library;
    return c.splits;
}

std::size_t effective_chunksize(const RunConfig& c)
{
    const StrategyInfo& s = strategy_info(c.strategy);
    if (!s.uses(Knob::Chunksize))
        return 1;
    if (s.uses(Knob::Schedule) && c.schedule == Schedule::Default) {
        // OpenMP's static schedule without a chunk: one block of ceil(parts / W) per thread.
        const std::size_t parts = effective_splits(c);
        const std::size_t threads = static_cast<std::size_t>(c.workers < 1 ? 1 : c.workers);
        const std::size_t block = (parts + threads - 1) / threads;
        return block == 0 ? 1 : block;
    }
    if (c.chunksize_auto && s.chunksize_auto != ChunksizeAuto::PoolMapRule)
        return 1;   // the library's default: one part a task, or batches it sizes as it runs
    if (c.chunksize_auto) {
        // Python's multiprocessing rule: ceil(len(iterable) / (4 * processes)).
        const std::size_t parts = effective_splits(c);
        const std::size_t denom = 4 * static_cast<std::size_t>(c.workers < 1 ? 1 : c.workers);
        const std::size_t chunk = (parts + denom - 1) / denom;
        return chunk == 0 ? 1 : chunk;
    }
    return c.chunksize;
}

std::size_t task_count(const RunConfig& c)
{
    const std::size_t parts = effective_splits(c);
    const std::size_t chunk = effective_chunksize(c);
    return chunk == 0 ? 0 : (parts + chunk - 1) / chunk;
}

std::size_t largest_task_items(const RunConfig& c)
{
    const std::size_t parts = effective_splits(c);
    // Dask's own chunks are full but the last; numpy.array_split's first parts are the larger.
    const std::size_t largest_part = c.splits_auto && library_default_splits(c) ? dask_auto_chunk_items(c.workload.size)
                                     : parts == 0                               ? 0
                                                                                : (c.workload.size + parts - 1) / parts;
    return std::min(c.workload.size, largest_part * effective_chunksize(c));
}

std::optional<std::string> validate(const RunConfig& c) { return validate(c, memory_budget()); }

namespace {

// Timing as the tutorial did: its Python programs, one cold run, a fresh pool.
std::optional<std::string> check_as_tutorial(const RunConfig& c)
{
    if (!c.as_tutorial)
        return std::nullopt;
    const StrategyInfo& s = strategy_info(c.strategy);
    if (!s.tutorial_python) {
        std::string allowed;
        for (const StrategyInfo& p : strategy_registry())
            if (p.tutorial_python)
                allowed += (allowed.empty() ? "" : ", ") + std::string(p.name);
        return std::string(s.name) +
               " is not the tutorial's Python: timing as the tutorial (a fresh interpreter and pool, "
               "numpy.random.rand inside the clock) applies to its Python programs only; allowed: " +
               allowed + " (for one cold run of a C++ strategy: warmup 0, repeats 1)";
    }
    if (c.repeats != 1 || c.warmup != 0)
        return "timed as the tutorial, a cell is one cold run: repeats must be 1 and warmup 0, got repeats " +
               std::to_string(c.repeats) + " and warmup " +
               (c.warmup == kWarmupSettle ? std::string("settle") : std::to_string(c.warmup));
    if (s.uses(Knob::Pool) && c.pool != PoolLifetime::Fresh)
        return std::string("timed as the tutorial, the pool is made inside the timed region: pool must be fresh, "
                           "got warm");
    return std::nullopt;
}

// splits "auto" is a library's own chunk rule: refused, with who has one, for the others.
std::optional<std::string> splits_auto_problem(const RunConfig& c)
{
    const StrategyInfo& s = strategy_info(c.strategy);
    if (!c.splits_auto || s.splits_auto != SplitsAuto::None)
        return std::nullopt;
    std::string allowed;
    for (const StrategyInfo& p : strategy_registry())
        if (p.splits_auto != SplitsAuto::None)
            allowed += (allowed.empty() ? "" : ", ") + std::string(p.name);
    return "splits auto is a library's own chunk rule (py-dask: Dask's chunks=\"auto\"), which " +
           std::string(s.name) + " has not: " +
           (s.uses(Knob::Splits) ? "give it a number of splits, 1 to the size" : "it takes no splits at all") +
           "; auto is allowed for: " + allowed;
}

} // namespace

std::optional<std::string> dask_lose_worker_problem(const RunConfig& c)
{
    if (!c.dask_lose_worker || !strategy_info(c.strategy).uses(Knob::DaskScheduler))
        return std::nullopt;
    if (!c.dask_scheduler.empty())
        return "dask-lose-worker: a worker is killed on a LocalCluster only; the cluster at " + c.dask_scheduler +
               " is not Chunkscope's, nor are its workers ours to kill (leave the Dask scheduler out)";
    if (c.workers < 2)
        return "dask-lose-worker: got " + std::to_string(c.workers) +
               " worker; allowed: 2 or more (the lost worker's tasks run again on another)";
    return std::nullopt;
}

std::optional<std::string> validate(const RunConfig& c, const MemoryBudget& m)
{
    const Workload& w = c.workload;
    if (w.size == 0)
        return std::string("size must be at least 1 item");
    if (w.size > kMaxAddressableItems)
        return "size " + std::to_string(w.size) + " is too large to address";
    if (w.intensity < 1 || w.intensity > kMaxIntensity)
        return "intensity must be a whole number from 1 to " + std::to_string(kMaxIntensity) + ", got " +
               std::to_string(w.intensity);
    // The mpi strategies' mpirun may be named by the config, not found on PATH.
    const Availability a = availability(c.strategy, c.mpi);
    if (!a.available)
        return std::string(strategy_info(c.strategy).name) + " cannot run here: " + a.reason +
               (a.install.empty() ? std::string() : " (install with: " + a.install + ")");
    if (const auto options_problem = strategy_info(c.strategy).options_problem) {
        if (auto problem = options_problem(c.mpi))
            return problem;
    }
    if (strategy_info(c.strategy).tutorial_python && w.intensity != 1)
        return std::string(strategy_info(c.strategy).name) +
               " runs the tutorial's code, which evaluates the function once per item: intensity must be 1, got " +
               std::to_string(w.intensity);
    if (auto problem = check_as_tutorial(c))
        return problem;
    if (c.workers < 1 || c.workers > kMaxWorkers)
        return "workers must be from 1 to " + std::to_string(kMaxWorkers) + ", got " + std::to_string(c.workers);
    if (c.repeats < 1)
        return "repeats must be at least 1, got " + std::to_string(c.repeats);
    if (std::string budget = cell_budget_problem(c.cell_budget_s); !budget.empty())
        return budget;
    if (c.warmup < 0 && c.warmup != kWarmupSettle)
        return "warmup must be 0 or more (or \"settle\": " + describe_settle_rule() + "), got " +
               std::to_string(c.warmup);
    const StrategyInfo& s = strategy_info(c.strategy);
    if (auto problem = splits_auto_problem(c))
        return problem;
    if (auto problem = dask_lose_worker_problem(c))
        return problem;
    const bool uses_splits = s.uses(Knob::Splits) && !c.splits_auto;
    if (uses_splits && c.splits == 0)
        return std::string("splits must be at least 1");
    if (uses_splits && c.splits > w.size)
        return "splits (" + std::to_string(c.splits) + ") must not exceed the size (" + std::to_string(w.size) +
               "): every part needs at least one item";
    if (s.uses(Knob::Chunksize) && !c.chunksize_auto && c.chunksize == 0)
        return std::string("chunksize must be at least 1 (or auto)");
    if (c.strategy == StrategyKind::Mpi && largest_task_items(c) > kMpiMaxCount)
        return "mpi: a task of " + format_size(largest_task_items(c)) +
               " items is more than one MPI message holds (2^31 - 1 items); use more splits or a smaller chunksize";
    if (c.strategy == StrategyKind::MpiDistributed &&
        (w.size + static_cast<std::size_t>(c.workers) - 1) / static_cast<std::size_t>(c.workers) > kMpiMaxCount)
        return "mpi-distributed: a slice of more than 2^31 - 1 items per rank is more than the ranks handle; use more "
               "workers (ranks)";
    return memory_problem(c, m);
}

} // namespace chunkscope

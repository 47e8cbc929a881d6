// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How one cell of the experiment is run.

#include "chunkscope/warmup.h"
#include "chunkscope/workload.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace chunkscope {

enum class StrategyKind {
    Sequential, ForkItems, ForkSplit, ForkShm, Threads, Tbb,
    // What a C++ programmer reaches for: an OpenMP loop, and the standard library's parallel algorithm.
    Omp, StdPar,
    // The tutorial's own Python (core/python/chunkscope_tutorial.py), run by the interpreter.
    PySequential, PyItems, PySplit, PyShm, PyThreads, PyNumexpr, PyNumba,
    // What a Python programmer reaches for instead: concurrent.futures, joblib, Dask arrays.
    PyFutures, PyJoblib, PyDask,
    // Dask distributed: the split version on a cluster of worker processes, and owner computes.
    PyDaskCluster, PyDaskDistributed,
    // Open MPI: the chunkscope-mpi program under mpirun (see mpi.h).
    Mpi, MpiDistributed,
};
enum class PoolLifetime { Fresh, Warm };
enum class Partitioner { Simple, Auto, Static, Affinity };
// OpenMP's loop schedule for the omp strategy: static, dynamic and guided with chunk = chunksize
// parts, or OpenMP's default (static with no chunk: one block per thread).
enum class Schedule { Static, Dynamic, Guided, Default };
// Open MPI's byte transfer layer between ranks: shared memory (vader) or TCP.
enum class MpiTransport { Shm, Tcp };

std::string_view to_string(StrategyKind s);
std::string_view to_string(PoolLifetime p);
std::string_view to_string(Partitioner p);
std::string_view to_string(MpiTransport t);
std::string_view to_string(Schedule s);
// "on" or "off", as the CLI's --memmap takes it.
std::string_view memmap_text(bool memmap);
std::optional<bool> parse_memmap(std::string_view text);
std::optional<StrategyKind> parse_strategy(std::string_view name);
std::optional<PoolLifetime> parse_pool(std::string_view name);
std::optional<Partitioner> parse_partitioner(std::string_view name);
std::optional<MpiTransport> parse_transport(std::string_view name);
std::optional<Schedule> parse_schedule(std::string_view name);
std::span<const PoolLifetime> all_pools();
std::span<const Partitioner> all_partitioners();
std::span<const Schedule> all_schedules();
// Every strategy, in the registry's order (see registry.h for what each is and uses).
std::span<const StrategyKind> all_strategies();
// One sentence on what the strategy does, for --help, tooltips and reports.
std::string_view describe(StrategyKind s);

inline constexpr int kMaxWorkers = 256;
// The window's cell budget (RunConfig::cell_budget_s), and the terminal sweep of scripts/run's.
inline constexpr double kDefaultCellBudgetS = 5.0;

// How the mpi strategies start mpirun; the other strategies ignore it.
struct MpiOptions {
    MpiTransport transport = MpiTransport::Shm;
    std::string hostfile;   // Open MPI's format; empty: every rank on this machine
    std::string mpirun;     // empty: the mpirun on PATH
    std::string args;       // more arguments for mpirun, split at spaces ('...' and "..." hold spaces)

    bool operator==(const MpiOptions&) const = default;
};

struct RunConfig {
    Workload workload;
    StrategyKind strategy = StrategyKind::Sequential;
    int workers = 1;
    std::size_t splits = 64;        // parts the vector is cut into (fork-items: every item is a part)
    std::size_t chunksize = 1;      // parts per task
    bool chunksize_auto = false;    // fork-items: Python's rule, ceil(size / (4 * workers))
    // The library's own chunks instead of splits (py-dask: Dask's chunks="auto"); only strategies
    // with a chunk rule of their own take it (StrategyInfo::splits_auto), and splits is then ignored.
    bool splits_auto = false;
    Partitioner partitioner = Partitioner::Simple;
    // omp only. dynamic by default: threads take chunksize parts at a time from a shared counter,
    // as the threads strategy's queue hands them out, so the two heatmaps compare cell by cell.
    Schedule schedule = Schedule::Dynamic;
    PoolLifetime pool = PoolLifetime::Fresh;
    // py-joblib only: joblib's default, arrays over 1 MB handed to the workers as memory-mapped
    // files (true), or everything pickled (false).
    bool memmap = true;
    int repeats = 3;
    int warmup = kWarmupSettle;   // untimed runs first: a count, or until they settle (warmup.h)
    // Seconds a cell may take for its warm-up and repetitions (hyperfine's run counts, Google
    // Benchmark's minimum time, turned around): a slow cell gets fewer warm-up runs and fewer
    // repetitions, never fewer than one timed run. 0: no budget, warmup and repeats as set.
    double cell_budget_s = 0;
    // Timed as the tutorial timed it (its programs' `Took`): one cold run (repeats 1, warmup 0)
    // in a fresh interpreter with a fresh pool, numpy.random.rand(n) making the data inside the
    // timed region. The py-* strategies only: the figure is the tutorial's Python program's.
    // A result so timed says so ("timing": "as-tutorial"), never to be mixed with warmed medians.
    bool as_tutorial = false;
    MpiOptions mpi;
    // py-dask-cluster and py-dask-distributed: an existing cluster's scheduler, tcp://HOST:PORT,
    // whose first W workers run the cell; empty: a LocalCluster the module starts (python.h).
    std::string dask_scheduler;
    // py-dask-cluster and py-dask-distributed on a LocalCluster: one worker killed (SIGKILL) in
    // each run once a result is in, as a machine failing; the cell says what ran again
    // (CellResult::worker_loss). Part of the experiment (same_experiment).
    bool dask_lose_worker = false;

    bool operator==(const RunConfig&) const = default;
};

// The parts a run really uses: fork-items cuts at every item, sequential does not cut.
std::size_t effective_splits(const RunConfig& c);
// The chunksize a run really uses, with "auto" resolved.
std::size_t effective_chunksize(const RunConfig& c);
// Dask's array.chunk-size by default (dask/array/core.py: "128MiB"), the target of chunks="auto".
inline constexpr std::size_t kDaskChunkBytes = std::size_t{128} << 20;
// The items of each chunk Dask's chunks="auto" gives a vector of n float64 items when its
// array.chunk-size is chunk_bytes (dask/array/core.py's auto_chunks and round_to): n when the
// vector fits one chunk, else floor(chunk_bytes / 8) (at least 1); the chunks are that many items
// each, the last one shorter (blockdims_from_blockshape), not numpy.array_split's even parts.
std::size_t dask_auto_chunk_items(std::size_t n, std::size_t chunk_bytes = kDaskChunkBytes);
// The parts a strategy's library cuts the vector into by its own default (splits "auto"), on the
// grid's splits axis: py-dask's number of chunks (10M doubles: 1). Nothing for a strategy without a
// chunk rule of its own (StrategyInfo::splits_auto). Pure: the window marks the default's row with it.
std::optional<std::size_t> library_default_splits(const RunConfig& c);
// Number of tasks a run hands out: ceil(effective_splits / effective_chunksize).
std::size_t task_count(const RunConfig& c);
struct MemoryBudget;
// Items of a run's largest task (its first: array_split gives the first parts the extra items).
std::size_t largest_task_items(const RunConfig& c);

// What forbids --dask-lose-worker for c, or nothing: an existing cluster (its workers are not ours
// to kill), fewer than 2 workers. Nothing for a strategy not on a Dask cluster, which ignores it.
std::optional<std::string> dask_lose_worker_problem(const RunConfig& c);

// Checks every field; returns what is wrong and what is allowed, or nothing when valid.
// Memory is checked against what the machine has available now, or against m (memory.h).
std::optional<std::string> validate(const RunConfig& c);
std::optional<std::string> validate(const RunConfig& c, const MemoryBudget& m);

} // namespace chunkscope

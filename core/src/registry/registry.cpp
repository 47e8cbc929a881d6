// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/registry.h"

#include "chunkscope/strategy.h"
#include "chunkscope/mpi.h"
#include "chunkscope/python.h"
#include "forkstrategy.h"
#include "mpistrategy.h"
#include "ompstrategy.h"
#include "openmpfacts.h"
#include "pythonstrategy.h"
#include "sequentialstrategy.h"
#include "stdparstrategy.h"
#include "forkfacts.h"
#include "inprocessfacts.h"
#include "mpifacts.h"
#include "pythonfacts.h"
#include "tbbstrategy.h"
#include "threadstrategy.h"

#include <array>

namespace chunkscope {

namespace {

constexpr std::uint32_t knobs(std::initializer_list<Knob> list)
{
    std::uint32_t bits = 0;
    for (Knob k : list)
        bits |= 1U << static_cast<unsigned>(k);
    return bits;
}

template <typename S, StrategyKind Kind>
std::unique_ptr<Strategy> make()
{
    if constexpr (std::is_constructible_v<S, StrategyKind>)
        return std::make_unique<S>(Kind);
    else
        return std::make_unique<S>();
}

using Fork = detail::ForkStrategy;

Availability python_available()
{
    const PythonProbe& p = python_probe();
    if (p.ok)
        return {};
    return {false, p.error, "apt-get install python3-numpy"};
}

Availability module_available(const std::string& version, const std::string& error, const char* name,
                              const char* package)
{
    Availability a = python_available();
    if (a.available && version.empty())
        a = {false, std::string(name) + " cannot be imported by " + python_probe().interpreter +
                        (error.empty() ? std::string() : ": " + error),
             std::string("apt-get install ") + package};
    return a;
}

Availability numexpr_available()
{
    return module_available(python_probe().numexpr, python_probe().numexpr_error, "numexpr", "python3-numexpr");
}

Availability numba_available()
{
    return module_available(python_probe().numba, python_probe().numba_error, "numba", "python3-numba");
}
Availability joblib_available()
{
    return module_available(python_probe().joblib, python_probe().joblib_error, "joblib", "python3-joblib");
}

Availability dask_available()
{
    return module_available(python_probe().dask, python_probe().dask_error, "dask", "python3-dask");
}
Availability distributed_available()
{
    return module_available(python_probe().distributed, python_probe().distributed_error, "dask.distributed",
                            "python3-distributed");
}
Availability mpi_available() { return mpi_availability(); }

using enum Knob;

// The entries, counted by the compiler: a new one is one more {...} here.
constexpr auto kRegistry = std::to_array<StrategyInfo>({
    {.kind = StrategyKind::Sequential,
     .name = "sequential",
     .description = "one thread applies the function to the whole vector: the baseline",
     .memory = BufferMemory::Private,
     .knobs = knobs({}),
     .twin = StrategyKind::PySequential,
     .make = make<detail::SequentialStrategy, StrategyKind::Sequential>,
     .facts = &facts::kSequential},
    {.kind = StrategyKind::ForkItems,
     .name = "fork-items",
     .description = "like Pool.map(f, data, chunksize): forked worker processes get chunksize items per task "
                    "through a pipe and send the results back through a pipe",
     .memory = BufferMemory::Private,
     .processes = true,
     .parts_are_items = true,
     .copies_tasks = true,
     .knobs = knobs({Workers, Chunksize, Pool}),
     .twin = StrategyKind::PyItems,
     .make = make<Fork, StrategyKind::ForkItems>,
     .facts = &facts::kForkItems},
    {.kind = StrategyKind::ForkSplit,
     .name = "fork-split",
     .description = "like the tutorial's split version: the vector is cut into splits parts, chunksize parts per "
                    "task travel to forked workers and back through pipes, and are joined in order",
     .memory = BufferMemory::Private,
     .processes = true,
     .copies_tasks = true,
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .twin = StrategyKind::PySplit,
     .make = make<Fork, StrategyKind::ForkSplit>,
     .facts = &facts::kForkSplit},
    {.kind = StrategyKind::ForkShm,
     .name = "fork-shm",
     .description = "as fork-split, but input and output live in shared memory: only task descriptors go through "
                    "pipes, no item is copied",
     .memory = BufferMemory::Shared,
     .processes = true,
     .vectors_note = "input and output, in shared memory",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .twin = StrategyKind::PyShm,
     .make = make<Fork, StrategyKind::ForkShm>,
     .facts = &facts::kForkShm},
    {.kind = StrategyKind::Threads,
     .name = "threads",
     .description = "like ThreadPool.map: threads pull chunksize parts per task from a shared queue and write the "
                    "results in place",
     .memory = BufferMemory::Private,
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .twin = StrategyKind::PyThreads,
     .make = make<detail::ThreadStrategy, StrategyKind::Threads>,
     .facts = &facts::kThreads},
    {.kind = StrategyKind::Tbb,
     .name = "tbb",
     .description = "oneTBB parallel_for over the parts, grainsize = chunksize parts, in a task_arena of W threads",
     .memory = BufferMemory::Private,
     .knobs = knobs({Workers, Splits, Chunksize, Partitioner}),
     .make = make<detail::TbbStrategy, StrategyKind::Tbb>,
     .facts = &facts::kTbb},
    {.kind = StrategyKind::Omp,
     .name = "omp",
     .description = "an OpenMP loop: #pragma omp parallel for num_threads(W) schedule(kind, chunk) over the "
                    "parts, chunk = chunksize parts (--schedule static, dynamic, guided, or OpenMP's default: "
                    "one block per thread)",
     .memory = BufferMemory::Private,
     .knobs = kOmpReleasesThreads ? knobs({Workers, Splits, Chunksize, Pool, Schedule})
                                  : knobs({Workers, Splits, Chunksize, Schedule}),
     .make = make<detail::OmpStrategy, StrategyKind::Omp>,
     .check = omp_available,
     .facts = &facts::kOmp},
    {.kind = StrategyKind::StdPar,
     .name = "std-par",
     .description = "std::transform(std::execution::par_unseq, ...) over the whole vector: no splits, no "
                    "chunksize, the library decides how to cut it (libstdc++ on oneTBB), in W threads",
     .memory = BufferMemory::Private,
     .knobs = knobs({Workers}),
     .make = make<detail::StdParStrategy, StrategyKind::StdPar>,
     .facts = &facts::kStdPar},
    {.kind = StrategyKind::PySequential,
     .name = "py-sequential",
     .description = "the tutorial's numpy.exp(data) on the whole vector, run by the Python interpreter",
     .vectors = 3,
     .vectors_note = "the Python process's data, numpy's reference and the output",
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::Sequential,
     .make = make<detail::PythonStrategy, StrategyKind::PySequential>,
     .check = python_available,
     .facts = &facts::kPySequential},
    {.kind = StrategyKind::PyItems,
     .name = "py-items",
     .description = "the tutorial's Pool(W).map(f, data, chunksize), then numpy.asarray: every item pickled to a "
                    "worker process and back ('auto' is Python's own default chunksize)",
     .processes = true,
     .parts_are_items = true,
     .vectors = 8,
     .vectors_note = "the Python process's data, numpy's reference and the output, and a Python float and "
                     "a list slot (40 bytes) for every item of the result",
     .knobs = knobs({Workers, Chunksize, Pool}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::ForkItems,
     .make = make<detail::PythonStrategy, StrategyKind::PyItems>,
     .check = python_available,
     .facts = &facts::kPyItems},
    {.kind = StrategyKind::PySplit,
     .name = "py-split",
     .description = "the tutorial's split version: numpy.array_split(data, splits), Pool(W).map(f, parts, "
                    "chunksize), numpy.concatenate",
     .processes = true,
     .vectors = 4,
     .vectors_note = "the Python process's data, numpy's reference, the parts it gets back and the output "
                     "they are joined into",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::ForkSplit,
     .make = make<detail::PythonStrategy, StrategyKind::PySplit>,
     .check = python_available,
     .facts = &facts::kPySplit},
    {.kind = StrategyKind::PyShm,
     .name = "py-shm",
     .description = "the vector in multiprocessing.shared_memory; Pool workers get parts by index and write "
                    "numpy.exp(in, out=out) in place (copying in and out included)",
     .memory = BufferMemory::Shared,
     .processes = true,
     .vectors = 5,
     .vectors_note = "the Python process's data, numpy's reference, the output, and the shared segment's "
                     "input and output halves",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::ForkShm,
     .make = make<detail::PythonStrategy, StrategyKind::PyShm>,
     .check = python_available,
     .facts = &facts::kPyShm},
    {.kind = StrategyKind::PyThreads,
     .name = "py-threads",
     .description = "multiprocessing.pool.ThreadPool(W): parts written in place with out= (numpy releases the GIL "
                    "inside exp)",
     .vectors = 3,
     .vectors_note = "the Python process's data, numpy's reference and the output",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::Threads,
     .make = make<detail::PythonStrategy, StrategyKind::PyThreads>,
     .check = python_available,
     .facts = &facts::kPyThreads},
    {.kind = StrategyKind::PyNumexpr,
     .name = "py-numexpr",
     .description = "what a Python user picks instead: numexpr.evaluate(\"exp(data)\", out=out) on W threads",
     .vectors = 3,
     .vectors_note = "the Python process's data, numpy's reference and the output",
     .knobs = knobs({Workers}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::Threads,
     .make = make<detail::PythonStrategy, StrategyKind::PyNumexpr>,
     .check = numexpr_available,
     .facts = &facts::kPyNumexpr},
    {.kind = StrategyKind::PyNumba,
     .name = "py-numba",
     .description = "the other one: @numba.njit(parallel=True) over numba.prange on W threads, compiled before "
                    "the timed runs",
     .vectors = 3,
     .vectors_note = "the Python process's data, numpy's reference and the output",
     .knobs = knobs({Workers}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::Threads,
     .make = make<detail::PythonStrategy, StrategyKind::PyNumba>,
     .check = numba_available,
     .facts = &facts::kPyNumba},
    {.kind = StrategyKind::PyFutures,
     .name = "py-futures",
     .description = "the standard library's pool: concurrent.futures.ProcessPoolExecutor(W).map(f, parts, "
                    "chunksize) over numpy.array_split(data, splits), then numpy.concatenate ('auto' is its own "
                    "default chunksize, 1)",
     .processes = true,
     .vectors = 4,
     .vectors_note = "the Python process's data, numpy's reference, the parts it gets back and the output "
                     "they are joined into",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .external = true,
     .tutorial_python = true,
     .chunksize_auto = ChunksizeAuto::One,
     .twin = StrategyKind::ForkSplit,
     .make = make<detail::PythonStrategy, StrategyKind::PyFutures>,
     .check = python_available,
     .facts = &facts::kPyFutures},
    {.kind = StrategyKind::PyJoblib,
     .name = "py-joblib",
     .description = "scikit-learn's engine: joblib.Parallel(n_jobs=W, batch_size=chunksize)(delayed(f)(p) for p "
                    "in parts) on its loky workers; with --memmap on (its default) parts over 1 MB reach them as "
                    "memory-mapped files ('auto' is its own batch size)",
     .processes = true,
     .vectors = 5,
     .vectors_note = "the Python process's data, numpy's reference, the parts it gets back, the output they are "
                     "joined into, and with memmap the parts' files in a temporary folder (in /dev/shm)",
     .knobs = knobs({Workers, Splits, Chunksize, Pool, Memmap}),
     .external = true,
     .tutorial_python = true,
     .chunksize_auto = ChunksizeAuto::AsItRuns,
     .twin = StrategyKind::ForkShm,
     .make = make<detail::PythonStrategy, StrategyKind::PyJoblib>,
     .check = joblib_available,
     .facts = &facts::kPyJoblib},
    {.kind = StrategyKind::PyDask,
     .name = "py-dask",
     .description = "a Dask array of splits chunks: dask.array.exp stored into the output (dask.array.store) on "
                    "Dask's threaded scheduler with W workers ('auto' splits is Dask's own chunks=\"auto\": "
                    "chunks of 128 MiB); chunksize does not apply",
     .vectors = 3,
     .vectors_note = "the Python process's data, numpy's reference and the output",
     .knobs = knobs({Workers, Splits, Pool}),
     .external = true,
     .tutorial_python = true,
     .splits_auto = SplitsAuto::DaskChunkSize,
     .twin = StrategyKind::Threads,
     .make = make<detail::PythonStrategy, StrategyKind::PyDask>,
     .check = dask_available,
     .facts = &facts::kPyDask},
    {.kind = StrategyKind::PyDaskCluster,
     .name = "py-dask-cluster",
     .description = "the split version on a Dask cluster: a LocalCluster of W worker processes (one thread each), the "
                    "vector scattered as splits chunks, the function mapped where they are, the results gathered "
                    "into place; chunksize does not apply (a task is a chunk)",
     .processes = true,
     .vectors = 4,
     .vectors_note = "the Python process's data, numpy's reference, the results it gathers and the output they are "
                     "copied into",
     .knobs = knobs({Workers, Splits, Pool, DaskScheduler}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::Mpi,
     .make = make<detail::PythonStrategy, StrategyKind::PyDaskCluster>,
     .check = distributed_available,
     .facts = &facts::kPyDaskCluster},
    {.kind = StrategyKind::PyDaskDistributed,
     .name = "py-dask-distributed",
     .description = "owner computes on a Dask cluster: each of splits tasks makes its chunk of the same vector on its "
                    "worker (W processes, one thread each) and applies the function there; only timings and "
                    "checksums travel",
     .processes = true,
     .vectors = 1,
     .vectors_note = "each worker's chunks, computed in place",
     .distributed = true,
     .knobs = knobs({Workers, Splits, Pool, DaskScheduler}),
     .external = true,
     .tutorial_python = true,
     .twin = StrategyKind::MpiDistributed,
     .make = make<detail::PythonStrategy, StrategyKind::PyDaskDistributed>,
     .check = distributed_available,
     .facts = &facts::kPyDaskDistributed},
    {.kind = StrategyKind::Mpi,
     .name = "mpi",
     .description = "the split version across Open MPI ranks: rank 0 holds the vector, cuts it into splits parts "
                    "and deals chunksize parts per task to W worker ranks as Pool.map does, receiving the results "
                    "into place (workers: the ranks that compute; rank 0 only deals)",
     .memory = BufferMemory::Private,
     .processes = true,
     .copies_tasks = true,
     .vectors_note = "rank 0's input and output",
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .external = true,
     .twin = StrategyKind::PyDaskCluster,
     .make = make<detail::MpiStrategy, StrategyKind::Mpi>,
     .check = mpi_available,
     .facts = &facts::kMpi,
     .check_options = mpi_availability,
     .options_problem = check_mpi_options},
    {.kind = StrategyKind::MpiDistributed,
     .name = "mpi-distributed",
     .description = "owner computes: each of W Open MPI ranks makes its own slice of the same vector and applies "
                    "the function in place; only timings and checksums travel",
     .memory = BufferMemory::Private,
     .processes = true,
     .vectors = 1,
     .vectors_note = "each rank's slice, computed in place",
     .distributed = true,
     .knobs = knobs({Workers, Pool}),
     .external = true,
     .make = make<detail::MpiStrategy, StrategyKind::MpiDistributed>,
     .check = mpi_available,
     .facts = &facts::kMpiDistributed,
     .check_options = mpi_availability,
     .options_problem = check_mpi_options},
});

// Every kind, in the registry's order: read from the entries, so the two cannot disagree.
constexpr auto kAllKinds = [] {
    std::array<StrategyKind, kRegistry.size()> kinds{};
    for (std::size_t i = 0; i < kRegistry.size(); ++i)
        kinds[i] = kRegistry[i].kind;
    return kinds;
}();
static_assert([] {
    for (std::size_t i = 0; i < kAllKinds.size(); ++i)
        for (std::size_t j = i + 1; j < kAllKinds.size(); ++j)
            if (kAllKinds[i] == kAllKinds[j])
                return false;
    return true;
}(), "every strategy has one registry entry");

} // namespace

std::span<const StrategyInfo> strategy_registry() { return kRegistry; }

const StrategyInfo& strategy_info(StrategyKind kind)
{
    for (const StrategyInfo& s : kRegistry)
        if (s.kind == kind)
            return s;
    return kRegistry.front();
}

Availability availability(StrategyKind kind)
{
    const StrategyInfo& s = strategy_info(kind);
    return s.check ? s.check() : Availability{};
}

Availability availability(StrategyKind kind, const MpiOptions& options)
{
    const StrategyInfo& s = strategy_info(kind);
    return s.check_options ? s.check_options(options) : availability(kind);
}

std::optional<StrategyKind> twin_of(StrategyKind kind)
{
    const StrategyInfo& s = strategy_info(kind);
    // The entries' default twin is sequential: only py-sequential means it.
    if (s.twin == kind || (s.twin == StrategyKind::Sequential && kind != StrategyKind::PySequential))
        return std::nullopt;
    return s.twin;
}

std::string strategy_names()
{
    std::string text;
    for (const StrategyInfo& s : kRegistry)
        text.append(text.empty() ? "" : ", ").append(s.name);
    return text;
}

std::string_view place_noun(StrategyKind kind)
{
    return strategy_info(kind).uses(Knob::DaskScheduler) ? "Dask worker" : "rank";
}

std::string_view to_string(StrategyKind s) { return strategy_info(s).name; }
std::string_view describe(StrategyKind s) { return strategy_info(s).description; }
std::span<const StrategyKind> all_strategies() { return kAllKinds; }

std::optional<StrategyKind> parse_strategy(std::string_view name)
{
    for (const StrategyInfo& s : kRegistry)
        if (s.name == name)
            return s.kind;
    return std::nullopt;
}

std::unique_ptr<Strategy> make_strategy(StrategyKind kind) { return strategy_info(kind).make(); }

} // namespace chunkscope

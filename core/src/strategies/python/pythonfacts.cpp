// SPDX-License-Identifier: GPL-3.0-or-later
#include "pythonfacts.h"

#include "floorterms.h"

#include "chunkscope/pythoncosts.h"

#include <algorithm>

namespace chunkscope::facts {

using detail::floor_terms;
using detail::FloorTerms;
using detail::pages;

namespace {

// What every py-* floor counts, from the module's measured costs.
struct PyTerms {
    FloorTerms t;
    bool fresh = true;
    double bytes = 0;       // one vector
    double out_pages = 0;   // the first touch of numpy's fresh output array
    double copy = 0;        // one vector copied
    double tasks = 0;       // the pool's bookkeeping of every task
};

// False when the module's costs were not measured (then there is no floor).
bool python_terms(const RunConfig& c, const SpeedLimits& l, int cores, PyTerms& p)
{
    const PythonCosts& py = l.python;
    const MechanismCosts& m = l.mechanisms;
    if (!py.measured() || py.numpy_ns_per_item(c.workload.function) <= 0)
        return false;
    p.t = floor_terms(c, l, cores);
    p.fresh = c.pool == PoolLifetime::Fresh;
    p.bytes = p.t.n * kItemBytes;
    // numpy's fresh output array: numpy asks for huge pages for large arrays (madvise), which
    // the kernel gives where transparent huge pages are on.
    p.out_pages = m.touch_huge_s > 0 && p.bytes >= (4 << 20) ? m.touch_huge_s * p.bytes / (2 << 20)
                                                             : m.touch_private_s * pages(p.bytes, m);
    p.copy = l.bandwidth() > 0 ? 2 * p.bytes / l.bandwidth() : 0;
    p.tasks = static_cast<double>(task_count(c)) * py.pool_task_s;
    return true;
}

// A process Pool (py-items, py-split, py-shm): made and terminated when fresh.
void process_pool(OwnFloor& f, const PyTerms& p, const PythonCosts& py)
{
    if (!p.fresh)
        return;
    f.phases.startup_s = py.pool_start(static_cast<int>(p.t.workers));
    f.phases.shutdown_s = py.pool_close_s;
}

// numpy's loop over the items on `busy` cores, or the memory traffic, whichever is longer.
double numpy_compute(const RunConfig& c, const SpeedLimits& l, const FloorTerms& t, double busy)
{
    const double arithmetic = t.n * l.python.numpy_ns_per_item(c.workload.function) * 1e-9 *
                              static_cast<double>(c.workload.intensity) / busy;
    const double memory = l.bandwidth() > 0 ? 2 * t.n * kItemBytes / l.bandwidth() : 0;
    return std::max(arithmetic, memory);
}

// A py-* floor: nothing when the module's costs were not measured, else what `body` makes of
// the terms (the run's config and limits beside them).
template <void (*Body)(OwnFloor&, const PyTerms&, const RunConfig&, const SpeedLimits&)>
OwnFloor python_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    PyTerms p;
    if (python_terms(c, l, cores, p))
        Body(f, p, c, l);
    return f;
}

void py_sequential(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    f.phases.compute_s = numpy_compute(c, l, p.t, 1) + p.out_pages;
    f.total_s = f.phases.total();
}

void py_threads(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    // numpy releases the GIL: the threads share the vector, each touching its part of the output.
    f.phases.startup_s = p.fresh ? p.t.workers * l.mechanisms.thread_start_s : 0;
    f.phases.compute_s = numpy_compute(c, l, p.t, p.t.busy) + p.out_pages / p.t.busy;
    f.total_s = f.phases.total();
}

// Parts sent out (out seconds) while their results come back (back seconds), each with its share
// of the tasks' bookkeeping, overlapping the workers' compute; then numpy.concatenate.
void overlapped_then_joined(OwnFloor& f, const PyTerms& p, double out, double back, double compute)
{
    f.phases.scatter_s = out + p.tasks / 2;
    f.phases.gather_s = back + p.tasks / 2;
    f.phases.compute_s = compute;
    const double concatenate = p.copy + p.out_pages;
    f.total_s = f.phases.startup_s + std::max({f.phases.scatter_s, f.phases.gather_s, f.phases.compute_s}) +
                concatenate + f.phases.shutdown_s;
    f.phases.gather_s += concatenate;
}

void py_split(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const PythonCosts& py = l.python;
    process_pool(f, p, py);
    // The parent pickles every part out (its task thread) while it unpickles the results
    // coming back (its result thread); the workers unpickle, compute and pickle meanwhile.
    const double out = p.bytes / py.pickle_send_bandwidth, back = p.bytes / py.unpickle_receive_bandwidth;
    overlapped_then_joined(f, p, out, back, numpy_compute(c, l, p.t, p.t.busy) + (out + back) / p.t.busy);
}

void py_items(OwnFloor& f, const PyTerms& p, const RunConfig& /*c*/, const SpeedLimits& l)
{
    const PythonCosts& py = l.python;
    process_pool(f, p, py);
    // Every item is a numpy.float64 pickled there and back by the parent, and a call.
    const double parent = 2 * p.t.n * py.item_pickle_s + p.tasks;
    f.phases.scatter_s = parent / 2;
    f.phases.gather_s = parent / 2;
    f.phases.compute_s = p.t.n * (2 * py.item_pickle_s + py.item_call_s) / p.t.busy;
    f.total_s = f.phases.startup_s + std::max(parent, f.phases.compute_s) + f.phases.shutdown_s;
}

void py_shm(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const MechanismCosts& m = l.mechanisms;
    process_pool(f, p, l.python);
    // The data copied into the segment and the results out of it by the parent; fresh
    // workers map the shared pages they touch (a warm pool's are mapped once). A new segment
    // is tmpfs: the first write of each of its pages allocates it (the input half by the
    // parent, the output half by the workers); a worker only maps the input's.
    const double new_page = m.touch_tmpfs_s > 0 ? m.touch_tmpfs_s : m.touch_private_s;
    const double segment_pages = p.fresh ? new_page * pages(p.bytes, m) : 0;   // the input half
    f.phases.scatter_s = p.copy + segment_pages / 2;
    f.phases.gather_s = p.copy + p.out_pages + segment_pages / 2;
    const double mapping = p.fresh ? (m.touch_shared_s + new_page) * pages(p.bytes, m) / p.t.busy : 0;
    f.phases.compute_s = std::max(numpy_compute(c, l, p.t, p.t.busy) + mapping, p.tasks);
    f.total_s = f.phases.total();
}

// joblib with memmap hands every part over 1 MB to the workers as a file it writes into its
// temporary folder (tmpfs: each page's first write allocates it, as py-shm's segment) and the
// workers map; the results come back pickled. Without memmap, or with parts that small, it moves
// what py-split moves.
void py_joblib(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const double part_bytes = p.bytes / static_cast<double>(std::max<std::size_t>(1, c.splits));
    if (!c.memmap || part_bytes <= 1024.0 * 1024.0)
        return py_split(f, p, c, l);
    const MechanismCosts& m = l.mechanisms;
    const PythonCosts& py = l.python;
    process_pool(f, p, py);
    const double new_page = m.touch_tmpfs_s > 0 ? m.touch_tmpfs_s : m.touch_private_s;
    const double written = p.copy + new_page * pages(p.bytes, m);
    const double back = p.bytes / py.unpickle_receive_bandwidth;
    const double mapping = m.touch_shared_s * pages(p.bytes, m) / p.t.busy;
    overlapped_then_joined(f, p, written, back, numpy_compute(c, l, p.t, p.t.busy) + mapping + back / p.t.busy);
}

// py-numexpr and py-numba: their own compiled loops are not measured here, so no floor.
OwnFloor compiled_loop_floor(const RunConfig&, const SpeedLimits&, int) { return {}; }


constexpr std::string_view kCompiledLoopFloorModel =
    "not modelled: its own loop's throughput is not measured here.";

// Dask's array on its threaded scheduler: W threads share the vector, as py-threads. Before the
// first chunk, from_array hashes every byte (it names the array so) and a store pays its fixed
// cost (the graph, its optimisation, the scheduler's start); each chunk's two tasks (its compute,
// its store) cost their share of building and scheduling them, in the scheduler's thread while
// the workers compute; the workers run numpy's loop on min(W, cores, chunks) threads, each
// chunk's result a fresh array (first touch) copied into the output (first touch too), the last
// chunk's copy after every compute (gather). Not modelled where Dask's costs were not measured.
void py_dask(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const PythonCosts& py = l.python;
    if (!py.dask_measured())
        return;
    const double chunks = static_cast<double>(std::max<std::size_t>(1, effective_splits(c)));
    const double busy = std::min(p.t.busy, chunks);
    f.phases.startup_s = p.fresh ? p.t.workers * l.mechanisms.thread_start_s : 0;
    f.phases.scatter_s = p.bytes / py.dask_hash_bandwidth + py.dask_store_s;
    // The results copied into the output (its first touch); the last chunk's store comes after
    // every compute.
    const double store = p.copy + p.out_pages;
    f.phases.gather_s = store / chunks;
    const double loop = numpy_compute(c, l, p.t, busy) + (p.out_pages + store - f.phases.gather_s) / busy;
    f.phases.compute_s = std::max(loop, chunks * py.dask_chunk_s);
    f.total_s = f.phases.total();
}

} // namespace

constinit const StrategyFacts kPySequential{
    .own_floor = python_floor<py_sequential>,
    .floor_model = "one core: numpy's measured loop over N items (or 16 N bytes over the bandwidth),\n"
        "plus the first touch of its fresh 8 N-byte output.",
    .lesson = "NumPy's own loop on one core: the Python baseline; its exp allocates the output as it goes."};

constinit const StrategyFacts kPyItems{
    .own_floor = python_floor<py_items>,
    .floor_model = "fresh: Pool(W) made and terminated; the parent pickles N numpy.float64 out and back with each\n"
        "task's cost, overlapping the workers' unpickling, calls and pickling over min(W, cores).",
    .lesson = "Every item is pickled to a worker and back, one Python object at a time: the per-item cost of "
        "pickling dwarfs the arithmetic, which is why the tutorial found it slower than sequential."};

constinit const StrategyFacts kPySplit{
    .own_floor = python_floor<py_split>,
    .floor_model = "fresh: Pool(W) made and terminated; the parent pickles 8 N bytes out while it unpickles 8 N back,\n"
        "at the measured rates with each task's cost, overlapping the workers' loop; then numpy.concatenate.",
    .lesson = "Whole parts are pickled through pipes, so the per-item cost is gone but every byte still "
        "travels twice: scatter and gather dominate, as in fork-split."};

constinit const StrategyFacts kPyShm{
    .own_floor = python_floor<py_shm>,
    .floor_model = "fresh: Pool(W) made and terminated, a new segment's pages (tmpfs's first write of each); the data\n"
        "copied in and out by the parent; between, numpy's loop over min(W, cores) and the workers mapping the pages.",
    .lesson = "Only names and indices are pickled; the time goes to making the segment, copying the vector in "
        "and out, and the workers' first touch of its pages."};

constinit const StrategyFacts kPyThreads{
    .own_floor = python_floor<py_threads>,
    .floor_model = "numpy's measured loop over min(W, cores) (or the bandwidth) and the output's first touch,\n"
        "plus W thread starts when the pool is fresh.",
    .lesson = "NumPy releases the GIL inside exp, so threads compute in parallel on one copy of the data: "
        "the fix the tutorial points to."};

constinit const StrategyFacts kPyNumexpr{
    .own_floor = compiled_loop_floor,
    .floor_model = kCompiledLoopFloorModel,
    .lesson = "numexpr compiles the expression and runs it in blocks on its own threads: no pickling, no "
        "processes, its own vectorised math (so the last bits may differ from numpy's)."};

constinit const StrategyFacts kPyNumba{
    .own_floor = compiled_loop_floor,
    .floor_model = kCompiledLoopFloorModel,
    .lesson = "numba compiles the loop to machine code and runs prange over threads: no interpreter in the "
        "loop, its own math library (so the last bits may differ from numpy's)."};

constinit const StrategyFacts kPyFutures{
    .own_floor = python_floor<py_split>,
    .floor_model = "py-split's model: the pool made and shut down when fresh; the parent pickles 8 N bytes out while it\n"
        "unpickles 8 N back, at the rates measured for Pool.map, overlapping the workers' loop; then numpy.concatenate.",
    .lesson = "The standard library's pool moves the same pickled parts as Pool.map, through a queue and a feeder "
        "thread; its map defaults to a chunksize of 1, one round trip per part, where Pool.map batches them."};

constinit const StrategyFacts kPyJoblib{
    .own_floor = python_floor<py_joblib>,
    .floor_model = "memmap on, parts over 1 MB: the pool when fresh; the parent writes 8 N bytes into new tmpfs files\n"
        "which the workers map, and unpickles 8 N back; off (or smaller parts): py-split's model.",
    .lesson = "joblib's own answer to the tutorial's copying problem: parts over 1 MB go to the workers as "
        "memory-mapped files instead of pickles; the results still come back pickled, and writing the files "
        "costs a copy of the vector."};

constinit const StrategyFacts kPyDask{
    .own_floor = python_floor<py_dask>,
    .floor_model = "from_array hashing 8 N bytes and a store's fixed cost (graph, scheduler), as measured; then numpy's\n"
        "loop over min(W, cores, chunks) threads, each chunk's result touched and copied out, or its chunks' tasks.",
    .lesson = "Dask runs numpy's exp on each chunk in its threaded scheduler, the GIL released as in py-threads; "
        "before the first chunk it hashes the whole vector to name it, and every chunk is two tasks of its "
        "scheduler. Its default, chunks of 128 MiB, makes 10M doubles one chunk: one worker computes, the "
        "others wait."};

// py-dask-cluster and py-dask-distributed on a Dask cluster, from what machine --dask (or
// --floors) measured of it (DaskClusterCosts): not modelled where the cluster was not measured, or
// where the figures are another cluster's (another scheduler, or a LocalCluster's for a cell on an
// existing one). Fresh: the cluster's start (a fixed part and one per worker) and its close.
namespace {

bool dask_cluster_start(OwnFloor& f, const PyTerms& p, const RunConfig& c, const DaskClusterCosts& d)
{
    if (!d.measured() || d.scheduler != c.dask_scheduler)
        return false;
    if (p.fresh) {
        f.phases.startup_s = d.start(static_cast<int>(p.t.workers));
        f.phases.shutdown_s = d.close_s;
    }
    return true;
}

// The splits tasks through the scheduler, one at a time whatever W is (its measured cost per task
// in a long batch); the workers' numpy loop on min(W, cores, splits), each chunk's result a fresh
// array (its first touch), runs meanwhile: the longer of the two. The map's round trip is half
// before the first compute (the first task's way out: scatter) and half after the last (its news
// back: gather), as the phases are cut.
void dask_cluster_compute(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const double chunks = static_cast<double>(std::max<std::size_t>(1, effective_splits(c)));
    const double busy = std::min(p.t.busy, chunks);
    const double loop = numpy_compute(c, l, p.t, busy) + p.out_pages / busy;
    f.phases.scatter_s += l.dask.round_trip_s / 2;
    f.phases.compute_s = std::max(loop, chunks * l.dask.task_s);
    f.phases.gather_s += l.dask.round_trip_s / 2;
}

// The client scatters the 8 N bytes to the workers, they compute, the client gathers 8 N bytes back
// and copies them into place (the output's first touch and a copy), one after the other.
void py_dask_cluster(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    const DaskClusterCosts& d = l.dask;
    if (!dask_cluster_start(f, p, c, d))
        return;
    f.phases.scatter_s = p.bytes / d.scatter_bandwidth;
    f.phases.gather_s = p.bytes / d.gather_bandwidth + p.copy + p.out_pages;
    dask_cluster_compute(f, p, c, l);
    f.total_s = f.phases.total();
}

// Owner computes: the chunks are on their workers before the clock starts; only the compute and
// the tasks remain (the checksums come back after it).
void py_dask_distributed(OwnFloor& f, const PyTerms& p, const RunConfig& c, const SpeedLimits& l)
{
    if (!dask_cluster_start(f, p, c, l.dask))
        return;
    dask_cluster_compute(f, p, c, l);
    f.total_s = f.phases.total();
}

} // namespace

constinit const StrategyFacts kPyDaskCluster{
    .own_floor = python_floor<py_dask_cluster>,
    .floor_model = "fresh: the cluster started (fixed + W x per worker) and closed, as machine --dask measured them; the client\n"
        "scatters 8 N bytes and gathers 8 N back at the measured rates, copied into place; between, a map's round trip\n"
        "and numpy's loop over min(W, cores, splits) workers or the splits tasks through the scheduler at its measured\n"
        "cost each, the longer.\n"
        "Not modelled until machine --dask (or --floors) measured that cluster.",
    .lesson = "A cluster costs before it computes: it starts a scheduler and W worker processes (the startup phase "
        "shows how long here), every chunk is pickled to a worker over TCP and back, and each task costs the "
        "scheduler something (Dask's docs say about a millisecond); fresh, the start dwarfs the 10M-item exp, "
        "warm it is paid once a sweep."};

constinit const StrategyFacts kPyDaskDistributed{
    .own_floor = python_floor<py_dask_distributed>,
    .floor_model = "owner computes: fresh, the cluster started (fixed + W x per worker) and closed, as machine --dask measured\n"
        "them; then a map's round trip and numpy's loop over min(W, cores, splits) workers on their own chunks, or\n"
        "the splits tasks through the scheduler at its measured cost each, the longer. Not modelled until machine --dask measured that cluster.",
    .lesson = "Owner computes: each worker makes its chunks of the vector and applies the function there, so "
        "only a checksum travels; what is left is the cluster's start and the scheduler's cost per task, and "
        "with M machines the vector can be M times what one holds."};

} // namespace chunkscope::facts

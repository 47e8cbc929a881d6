// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/ownfloor.h"

#include "forkmessages.h"

#include "chunkscope/netmodel.h"
#include "chunkscope/registry.h"

#include <algorithm>
#include <cmath>

namespace chunkscope {

namespace {

struct Terms {
    double n = 0;          // items
    double workers = 1;
    double busy = 1;       // cores the workers can use at once: min(workers, cores)
    double compute_s = 0;  // the arithmetic and the memory traffic over those cores (the machine floor)
};

Terms terms(const RunConfig& c, const SpeedLimits& l, int cores)
{
    Terms t;
    t.n = static_cast<double>(c.workload.size);
    t.workers = c.strategy == StrategyKind::Sequential ? 1 : std::max(1, c.workers);
    t.busy = std::max(1.0, std::min(t.workers, static_cast<double>(std::max(1, cores))));
    t.compute_s = floor_seconds(c, l, cores);
    return t;
}

// Pages of `bytes`, rounded up.
double pages(double bytes, const MechanismCosts& m)
{
    const double page = m.page_bytes > 0 ? static_cast<double>(m.page_bytes) : 4096.0;
    return std::max(1.0, std::ceil(bytes / page));
}

// The link measured for the run's MPI options, or null.
const MpiLink* link_for(const RunConfig& c, const SpeedLimits& l)
{
    for (const MpiLink& link : l.mpi_links)
        if (link.error.empty() && link.options.transport == c.mpi.transport &&
            link.options.hostfile == c.mpi.hostfile && link.bandwidth_bytes_per_s > 0)
            return &link;
    return nullptr;
}

// The parent's fork() of one worker (older measurements have only fork + exit: half of it).
double fork_cost(const MechanismCosts& m) { return m.fork_s > 0 ? m.fork_s : m.fork_exit_s / 2; }

// A worker's exit and reaping, what the parent waits for at the end.
double exit_cost(const MechanismCosts& m) { return std::max(0.0, m.fork_exit_s - fork_cost(m)); }

// numpy's loop over the items on `busy` cores, or the memory traffic, whichever is longer.
double numpy_compute(const RunConfig& c, const SpeedLimits& l, const Terms& t, double busy)
{
    const double arithmetic = t.n * l.python.numpy_ns_per_item(c.workload.function) * 1e-9 *
                              static_cast<double>(c.workload.intensity) / busy;
    const double memory = l.bandwidth() > 0 ? 2 * t.n * kItemBytes / l.bandwidth() : 0;
    return std::max(arithmetic, memory);
}

// The tutorial's Python, from the module's measured costs (pythoncosts.h): nothing for
// py-numexpr and py-numba, whose own loops are not measured here.
OwnFloor python_floor(const RunConfig& c, const SpeedLimits& l, const Terms& t)
{
    OwnFloor f;
    const PythonCosts& py = l.python;
    const MechanismCosts& m = l.mechanisms;
    if (!py.measured() || py.numpy_ns_per_item(c.workload.function) <= 0)
        return f;
    const bool fresh = c.pool == PoolLifetime::Fresh;
    const double bytes = t.n * kItemBytes;
    // numpy's fresh output array: numpy asks for huge pages for large arrays (madvise), which
    // the kernel gives where transparent huge pages are on.
    const double out_pages = m.touch_huge_s > 0 && bytes >= (4 << 20) ? m.touch_huge_s * bytes / (2 << 20)
                                                                      : m.touch_private_s * pages(bytes, m);
    const double copy = l.bandwidth() > 0 ? 2 * bytes / l.bandwidth() : 0;   // one vector copied
    const double tasks = static_cast<double>(task_count(c)) * py.pool_task_s;
    if (strategy_info(c.strategy).processes && fresh) {   // a process Pool: py-items, py-split, py-shm
        f.phases.startup_s = py.pool_start(static_cast<int>(t.workers));
        f.phases.shutdown_s = py.pool_close_s;
    }
    switch (c.strategy) {
    case StrategyKind::PySequential:
        f.phases.compute_s = numpy_compute(c, l, t, 1) + out_pages;
        break;
    case StrategyKind::PyThreads:
        // numpy releases the GIL: the threads share the vector, each touching its part of the output.
        f.phases.startup_s = fresh ? t.workers * m.thread_start_s : 0;
        f.phases.compute_s = numpy_compute(c, l, t, t.busy) + out_pages / t.busy;
        break;
    case StrategyKind::PySplit: {
        // The parent pickles every part out (its task thread) while it unpickles the results
        // coming back (its result thread), each with its share of the tasks' bookkeeping; the
        // workers unpickle, compute and pickle meanwhile. Then numpy.concatenate.
        const double out = bytes / py.pickle_send_bandwidth, back = bytes / py.unpickle_receive_bandwidth;
        f.phases.scatter_s = out + tasks / 2;
        f.phases.gather_s = back + tasks / 2;
        f.phases.compute_s = numpy_compute(c, l, t, t.busy) + (out + back) / t.busy;
        const double concatenate = copy + out_pages;
        f.total_s = f.phases.startup_s + std::max({f.phases.scatter_s, f.phases.gather_s, f.phases.compute_s}) +
                    concatenate + f.phases.shutdown_s;
        f.phases.gather_s += concatenate;
        return f;
    }
    case StrategyKind::PyItems: {
        // Every item is a numpy.float64 pickled there and back by the parent, and a call.
        const double parent = 2 * t.n * py.item_pickle_s + tasks;
        f.phases.scatter_s = parent / 2;
        f.phases.gather_s = parent / 2;
        f.phases.compute_s = t.n * (2 * py.item_pickle_s + py.item_call_s) / t.busy;
        f.total_s = f.phases.startup_s + std::max(parent, f.phases.compute_s) + f.phases.shutdown_s;
        return f;
    }
    case StrategyKind::PyShm: {
        // The data copied into the segment and the results out of it by the parent; fresh
        // workers map the shared pages they touch (a warm pool's are mapped once). A new segment
        // is tmpfs: the first write of each of its pages allocates it (the input half by the
        // parent, the output half by the workers); a worker only maps the input's.
        const double new_page = m.touch_tmpfs_s > 0 ? m.touch_tmpfs_s : m.touch_private_s;
        const double segment_pages = fresh ? new_page * pages(bytes, m) : 0;   // the input half
        f.phases.scatter_s = copy + segment_pages / 2;
        f.phases.gather_s = copy + out_pages + segment_pages / 2;
        const double mapping = fresh ? (m.touch_shared_s + new_page) * pages(bytes, m) / t.busy : 0;
        f.phases.compute_s = std::max(numpy_compute(c, l, t, t.busy) + mapping, tasks);
        break;
    }
    default:
        return f;
    }
    f.total_s = f.phases.total();
    return f;
}

} // namespace

OwnFloor own_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    const Terms t = terms(c, l, cores);
    if (t.compute_s <= 0)
        return f;
    const MechanismCosts& m = l.mechanisms;
    const bool fresh = c.pool == PoolLifetime::Fresh;
    switch (c.strategy) {
    case StrategyKind::Sequential:
        f.phases.compute_s = t.compute_s;
        f.total_s = t.compute_s;
        return f;
    case StrategyKind::Threads:
    case StrategyKind::Tbb:
        // Threads share the vector: the machine floor, plus starting them (tbb keeps its own).
        f.phases.startup_s = c.strategy == StrategyKind::Threads && fresh ? t.workers * m.thread_start_s : 0;
        f.phases.compute_s = t.compute_s;
        f.total_s = f.phases.startup_s + f.phases.compute_s;
        return f;
    case StrategyKind::ForkItems:
    case StrategyKind::ForkSplit: {
        if (!m.measured())
            return f;
        // The parent forks its workers one after another; every item then goes through its
        // pipes there and back, and every task costs it a message out and its reply back
        // besides their bytes. Out, it copies the items itself (at the rate it writes to two
        // readers when it deals to more than one, to one reader's otherwise), except a task's of
        // 64 KiB and more: it hands their pages over by vmsplice (at its measured rate doing so),
        // and the workers' reads are the copy, beside their arithmetic. Back, it reads them into
        // place (at the rate it reads from two writers, or from one). Each worker maps its scratch
        // (one block: it streams a task through it) while the parent deals, so that joins the
        // arithmetic. The workers exit together: the parent waits for about one exit.
        const double scratch =
            kItemBytes * static_cast<double>(std::min<std::size_t>(largest_task_items(c), detail::kStreamItems));
        const double touch = m.touch_huge_s > 0 ? m.touch_huge_s * std::max(1.0, scratch / (2 << 20))
                                                : m.touch_private_s * pages(scratch, m);
        const bool many = t.workers >= 2;
        const double pipe = many && m.pipe_fanout_bandwidth > 0 ? m.pipe_fanout_bandwidth : m.pipe_bandwidth;
        const double spliced = many && m.pipe_splice_fanout_bandwidth > 0 ? m.pipe_splice_fanout_bandwidth
                                                                          : m.pipe_splice_bandwidth;
        const bool by_splice = spliced > 0 && m.pipe_splice_handover_bandwidth > 0 &&
                               kItemBytes * static_cast<double>(largest_task_items(c)) >=
                                   static_cast<double>(detail::kSpliceBytes);
        f.phases.startup_s = fresh ? t.workers * fork_cost(m) : 0;
        const double messages = static_cast<double>(task_count(c)) * m.pipe_message_s;
        f.phases.scatter_s =
            t.n * kItemBytes / (by_splice ? m.pipe_splice_handover_bandwidth : pipe) + messages / 2;
        const double fanin = many && m.pipe_fanin_two_bandwidth > 0 ? m.pipe_fanin_two_bandwidth : m.pipe_fanin_bandwidth;
        f.phases.gather_s = t.n * kItemBytes / (fanin > 0 ? fanin : pipe) + messages / 2;
        f.phases.compute_s = t.compute_s + (fresh ? t.workers * touch / t.busy : 0) +
                             (by_splice ? t.n * kItemBytes / spliced : 0);
        f.phases.shutdown_s = fresh ? exit_cost(m) : 0;
        // Tasks are pipelined: the parent's copies and the workers' arithmetic overlap.
        f.total_s = f.phases.startup_s + std::max(f.phases.scatter_s + f.phases.gather_s, f.phases.compute_s) +
                    f.phases.shutdown_s;
        return f;
    }
    case StrategyKind::ForkShm: {
        if (!m.measured())
            return f;
        // Only messages travel; a fresh child maps every shared page it touches (in and out),
        // in bulk where the kernel can, the mapping spread over the workers.
        const double per_page = m.populate_shared_s > 0 ? m.populate_shared_s : m.touch_shared_s;
        f.phases.startup_s = fresh ? t.workers * fork_cost(m) : 0;
        const double mapping = fresh ? pages(2 * t.n * kItemBytes, m) * per_page / t.busy : 0;
        f.phases.compute_s = t.compute_s + mapping;
        f.phases.shutdown_s = fresh ? exit_cost(m) : 0;
        f.total_s = f.phases.startup_s + f.phases.compute_s + f.phases.shutdown_s;
        return f;
    }
    case StrategyKind::Mpi:
    case StrategyKind::MpiDistributed: {
        // The network model (netmodel.h) on the link measured here; a warm job only, as what a
        // fresh launch costs is fitted from a scaling's cells, not measured on its own.
        const MpiLink* link = link_for(c, l);
        if (!link || fresh)
            return f;
        ModelInput in;
        in.network = Network{link->latency_s, link->bandwidth_bytes_per_s};
        in.compute_s_per_item = t.compute_s * t.busy / t.n;   // one rank alone on a core
        in.cores = cores;
        const CellPrediction p = predict_cell(c, in);
        // mpi: rank 0's link is busy with the items going out and coming back in equal measure.
        f.phases.scatter_s = c.strategy == StrategyKind::Mpi ? p.network_s / 2 : 0;
        f.phases.gather_s = c.strategy == StrategyKind::Mpi ? p.network_s / 2 : p.network_s;
        f.phases.compute_s = p.compute_s;
        f.total_s = p.total_s;
        return f;
    }
    default:
        return python_floor(c, l, t);
    }
}

void set_floors(CellResult& r, const SpeedLimits& l, int cores)
{
    const OwnFloor own = own_floor(r.config, l, cores);
    r.floors.machine_s = floor_seconds(r.config, l, cores);
    r.floors.own_s = own.total_s;
    r.floors.own_phases = own.phases;
}

std::string_view own_floor_model(StrategyKind kind)
{
    switch (kind) {
    case StrategyKind::Sequential:
        return "one core: the larger of 16 N bytes over the memory bandwidth and N items of arithmetic.";
    case StrategyKind::Threads:
        return "the machine floor (bytes over bandwidth, arithmetic over min(W, cores)),\n"
               "plus W thread starts when the pool is fresh.";
    case StrategyKind::Tbb:
        return "the machine floor (bytes over bandwidth, arithmetic over min(W, cores));\n"
               "tbb's threads are started once per process.";
    case StrategyKind::ForkItems:
    case StrategyKind::ForkSplit:
        return "fresh: W forks, one exit at the end; then the larger of 2 N 8 bytes through the parent's\n"
               "pipes (out at its measured writing rate, or by vmsplice at its rate handing pages over for tasks\n"
               "of 64 KiB and more; back at its reading rate) with each task's message and reply, and the\n"
               "machine floor plus the workers' scratch pages and reads of handed-over pages (they overlap).";
    case StrategyKind::ForkShm:
        return "fresh: W forks, one exit at the end; the machine floor plus mapping the 2 N 8 bytes of\n"
               "shared pages in the children (pre-faulted in bulk where the kernel can), over min(W, cores).";
    case StrategyKind::Mpi:
        return "warm: the network model on the link measured here (machine --mpi): rank 0's link moves 2 N 8\n"
               "bytes one transfer at a time (alpha + n / beta each), the workers computing meanwhile.";
    case StrategyKind::MpiDistributed:
        return "warm: the largest slice's arithmetic on one core, then the timings gathered in log2 P\n"
               "steps of alpha on the link measured here (machine --mpi).";
    case StrategyKind::PySequential:
        return "one core: numpy's measured loop over N items (or 16 N bytes over the bandwidth),\n"
               "plus the first touch of its fresh 8 N-byte output.";
    case StrategyKind::PyThreads:
        return "numpy's measured loop over min(W, cores) (or the bandwidth) and the output's first touch,\n"
               "plus W thread starts when the pool is fresh.";
    case StrategyKind::PySplit:
        return "fresh: Pool(W) made and terminated; the parent pickles 8 N bytes out while it unpickles 8 N back,\n"
               "at the measured rates with each task's cost, overlapping the workers' loop; then numpy.concatenate.";
    case StrategyKind::PyItems:
        return "fresh: Pool(W) made and terminated; the parent pickles N numpy.float64 out and back with each\n"
               "task's cost, overlapping the workers' unpickling, calls and pickling over min(W, cores).";
    case StrategyKind::PyShm:
        return "fresh: Pool(W) made and terminated, a new segment's pages (tmpfs's first write of each); the data\n"
               "copied in and out by the parent; between, numpy's loop over min(W, cores) and the workers mapping the pages.";
    default:
        return "not modelled: its own loop's throughput is not measured here.";
    }
}

} // namespace chunkscope

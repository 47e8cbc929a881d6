#include "chunkscope/ownfloor.h"

#include "chunkscope/registry.h"

#include <algorithm>
#include <cmath>

namespace chunkscope {

namespace {

constexpr double kItemBytes = sizeof(double);

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
        // Every item goes through the parent's pipes, there and back; a fresh pool forks its
        // workers and each maps the scratch buffer its largest task needs.
        const double scratch = kItemBytes * static_cast<double>(largest_task_items(c));
        const double touch = m.touch_huge_s > 0 ? m.touch_huge_s * std::max(1.0, scratch / (2 << 20))
                                                : m.touch_private_s * pages(scratch, m);
        f.phases.startup_s = fresh ? t.workers * m.fork_exit_s + t.workers * touch / t.busy : 0;
        f.phases.scatter_s = t.n * kItemBytes / m.pipe_bandwidth;
        f.phases.gather_s = t.n * kItemBytes / m.pipe_bandwidth;
        f.phases.compute_s = t.compute_s;
        // Tasks are pipelined: the parent's copies and the workers' arithmetic overlap.
        f.total_s = f.phases.startup_s + std::max(f.phases.scatter_s + f.phases.gather_s, f.phases.compute_s);
        return f;
    }
    case StrategyKind::ForkShm: {
        if (!m.measured())
            return f;
        // Only messages travel; a fresh child maps every shared page it touches (in and out),
        // in bulk where the kernel can, the mapping spread over the workers.
        const double per_page = m.populate_shared_s > 0 ? m.populate_shared_s : m.touch_shared_s;
        f.phases.startup_s = fresh ? t.workers * m.fork_exit_s : 0;
        const double mapping = fresh ? pages(2 * t.n * kItemBytes, m) * per_page / t.busy : 0;
        f.phases.compute_s = t.compute_s + mapping;
        f.total_s = f.phases.startup_s + f.phases.compute_s;
        return f;
    }
    default:
        // The tutorial's Python needs its pickling costs, the mpi strategies the network's:
        // not modelled here.
        return f;
    }
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
        return "fresh: W forks + each worker's scratch pages; then the larger of 2 N 8 bytes through\n"
               "the parent's pipes at the measured pipe bandwidth and the machine floor (tasks overlap).";
    case StrategyKind::ForkShm:
        return "fresh: W forks; the machine floor plus mapping the 2 N 8 bytes of shared pages in the\n"
               "children (pre-faulted in bulk where the kernel can), spread over min(W, cores).";
    default:
        return "not modelled: needs the costs of its own mechanism (Python's pickling, the network).";
    }
}

} // namespace chunkscope

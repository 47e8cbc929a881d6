// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/plan.h"

#include "chunkscope/registry.h"

#include <algorithm>
#include <random>

namespace chunkscope {

std::vector<std::size_t> default_grid() { return {1, 2, 4, 8, 16, 32, 64, 128}; }

RunConfig resolved(const RunConfig& config)
{
    RunConfig r = config;
    r.splits = effective_splits(config);
    r.chunksize = effective_chunksize(config);
    if (!strategy_info(config.strategy).uses(Knob::Workers))
        r.workers = 1;
    return r;
}

GridPoint grid_point(const RunConfig& config) { return {effective_splits(config), effective_chunksize(config)}; }

SweepSpec sweep_plan(SweepSpec spec)
{
    const StrategyInfo& s = strategy_info(spec.base.strategy);
    if (spec.splits_list.empty())
        spec.splits_list = default_grid();
    if (spec.chunks_list.empty())
        spec.chunks_list = default_grid();
    if (!s.uses(Knob::Splits))
        spec.splits_list = {spec.base.splits};
    if (!s.uses(Knob::Chunksize))
        spec.chunks_list = {spec.base.chunksize};
    spec.base.chunksize_auto = false;
    spec.base.splits_auto = false;
    return spec;
}

std::vector<RunConfig> sweep_cells(const SweepSpec& spec)
{
    std::vector<RunConfig> cells;
    cells.reserve(spec.splits_list.size() * spec.chunks_list.size());
    for (std::size_t splits : spec.splits_list)
        for (std::size_t chunk : spec.chunks_list) {
            RunConfig c = spec.base;
            c.splits = splits;
            c.chunksize = chunk;
            c.chunksize_auto = false;
            c.splits_auto = false;
            cells.push_back(c);
        }
    return cells;
}

std::vector<RunConfig> sweep_order(const SweepSpec& spec)
{
    std::vector<RunConfig> configs = sweep_cells(spec);
    if (spec.random_order) {
        std::mt19937_64 rng(0x5eed);
        std::shuffle(configs.begin(), configs.end(), rng);
    }
    return configs;
}

std::vector<RunConfig> compare_plan(const RunConfig& base)
{
    std::vector<RunConfig> configs;
    for (const StrategyInfo& s : strategy_registry()) {
        // The tutorial's Python evaluates the function once per item; it needs its interpreter,
        // the mpi strategies need Open MPI, omp a runtime that gives its teams their threads.
        if ((s.tutorial_python && base.workload.intensity != 1) || !availability(s.kind, base.mpi).available)
            continue;
        RunConfig cfg = base;
        cfg.strategy = s.kind;
        // A strategy with no splits runs as Pool.map(f, data) does by default.
        if (s.parts_are_items)
            cfg.chunksize_auto = true;
        // splits auto: the library's own chunks where it has a rule, the splits given elsewhere.
        cfg.splits_auto = base.splits_auto && s.splits_auto != SplitsAuto::None;
        configs.push_back(cfg);
    }
    return configs;
}

std::vector<int> default_workers_list(int cores)
{
    cores = std::max(1, cores);
    const int top = std::min(2 * cores, kMaxWorkers);
    std::vector<int> workers;
    for (int w = 1; w <= top; w = w < 4 ? w + 1 : w + std::max(1, cores / 4))
        workers.push_back(w);
    if (workers.back() != top)
        workers.push_back(top);
    return workers;
}

std::vector<RunConfig> scale_plan(const RunConfig& base, const std::vector<int>& workers_list)
{
    std::vector<RunConfig> configs;
    for (int w : workers_list) {
        RunConfig cfg = base;
        cfg.workers = w;
        configs.push_back(cfg);
    }
    return configs;
}

RunConfig baseline_of(const RunConfig& config)
{
    RunConfig b;
    b.workload = config.workload;
    b.strategy = StrategyKind::Sequential;
    b.workers = 1;
    b.repeats = config.repeats;
    b.warmup = config.warmup;
    return b;
}

bool needs_baseline(const RunConfig& config) { return config.strategy != StrategyKind::Sequential; }

bool is_sequential(StrategyKind k) { return k == StrategyKind::Sequential || k == StrategyKind::PySequential; }

bool same_experiment(const RunConfig& a, const RunConfig& b)
{
    if (a.workload != b.workload || a.strategy != b.strategy)
        return false;
    // One cold run as the tutorial timed it is never mixed with warmed medians (config.h).
    if (a.as_tutorial != b.as_tutorial)
        return false;
    const StrategyInfo& s = strategy_info(a.strategy);
    if (s.uses(Knob::Workers) && a.workers != b.workers)
        return false;
    if (s.uses(Knob::Pool) && a.pool != b.pool)
        return false;
    if (s.uses_mpi_options() && a.mpi != b.mpi)
        return false;
    if (s.uses(Knob::Schedule) && a.schedule != b.schedule)
        return false;
    if (s.uses(Knob::Memmap) && a.memmap != b.memmap)
        return false;
    // Another cluster (or a LocalCluster instead of one) is another machine room.
    if (s.uses(Knob::DaskScheduler) && a.dask_scheduler != b.dask_scheduler)
        return false;
    // A cell that loses a worker in each run measures the loss too: another experiment.
    if (s.uses(Knob::DaskScheduler) && a.dask_lose_worker != b.dask_lose_worker)
        return false;
    // Dask's own chunks (full but the last) are another run than numpy.array_split's parts of the
    // same count, unless they are those parts: one chunk, or chunks all of one size.
    if (s.splits_auto == SplitsAuto::DaskChunkSize && a.splits_auto != b.splits_auto &&
        a.workload.size % dask_auto_chunk_items(a.workload.size) != 0)
        return false;
    return !s.uses(Knob::Partitioner) || a.partitioner == b.partitioner;
}

} // namespace chunkscope

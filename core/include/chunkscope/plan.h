// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What an experiment runs, decided once for every front end: the cells of a sweep, the configs
// of a comparison, the worker counts of a scaling, the baseline of a config, the grid point of
// a result and the chunksize a run really uses. The CLI, the window, the runner and the model
// all call these; none derives them again.

#include "chunkscope/config.h"

#include <compare>
#include <cstddef>
#include <vector>

namespace chunkscope {

struct SweepSpec {
    RunConfig base;
    std::vector<std::size_t> splits_list;
    std::vector<std::size_t> chunks_list;
    // Run the cells in a shuffled order (fixed seed), so that drift of the machine during a long
    // sweep spreads over the grid instead of piling up in one corner. Results come back in the
    // order they ran; each carries its splits and chunksize.
    bool random_order = false;
};

// A cell of the heatmap: the parts the run cut the vector into, and the parts per task.
struct GridPoint {
    std::size_t splits = 1;
    std::size_t chunksize = 1;
    auto operator<=>(const GridPoint&) const = default;
};

// The tutorial's grid: {1, 2, 4, ..., 128}.
std::vector<std::size_t> default_grid();

// The config as it runs: splits effective, chunksize resolved ("auto" too), one worker for a
// strategy without workers.
RunConfig resolved(const RunConfig& config);
// Where a config's result sits on the heatmap (resolved splits and chunksize).
GridPoint grid_point(const RunConfig& config);

// The sweep as it will run: lists left empty become the tutorial's grid; a strategy without
// splits (or without a chunksize) keeps one row (or one column), at base's value.
SweepSpec sweep_plan(SweepSpec spec);
// Every cell of a planned sweep, row-major (splits outer), chunksize as given (auto off).
std::vector<RunConfig> sweep_cells(const SweepSpec& spec);
// The cells of a planned sweep in the order it runs them: sweep_cells, shuffled with a fixed
// seed when spec asks for a random order (so a resumed sweep keeps the order it began with).
std::vector<RunConfig> sweep_order(const SweepSpec& spec);

// Every strategy on base's workload, sequential first, then each C++ strategy's Python twin; a
// strategy that cuts at every item (fork-items, py-items) with Python's default chunksize, as
// Pool.map(f, data) has it. The Python strategies are left out where they cannot run: at an
// intensity above 1, or without their interpreter or module.
std::vector<RunConfig> compare_plan(const RunConfig& base);

// The worker counts a scaling runs when none are given: 1, 2, 3, 4, then steps of a quarter of
// the cores, up to twice the cores (at most kMaxWorkers).
std::vector<int> default_workers_list(int cores);
// base at each worker count.
std::vector<RunConfig> scale_plan(const RunConfig& base, const std::vector<int>& workers_list);

// The sequential run of config's workload that speedups are measured against.
RunConfig baseline_of(const RunConfig& config);
// Whether a run of config needs a baseline before it: a strategy other than sequential.
bool needs_baseline(const RunConfig& config);
// Sequential or its Python twin: one core, no parallel machinery (a comparison's baseline).
bool is_sequential(StrategyKind k);
// Whether two configs are cells of one experiment: the same workload and strategy and the same
// value of every knob the strategy uses, other than splits and chunksize (and repetitions).
bool same_experiment(const RunConfig& a, const RunConfig& b);

} // namespace chunkscope

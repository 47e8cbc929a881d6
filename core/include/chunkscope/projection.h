// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every stated scaling model shares (the mpi family's network model, netmodel.h; the python
// family's Dask model, daskmodel.h): a cell's predicted time in parts, the worker counts a
// projection runs at, a projected point and a measured point with its prediction beside it, and the
// compute per item taken from a scaling's own cells. Defined in the models layer, below the
// families, so that neither family links the other.

#include "chunkscope/results.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace chunkscope {

struct CellPrediction {
    double total_s = 0;
    double launch_s = 0;     // fresh: startup and shutdown (mpirun; the Dask cluster's start and close)
    double network_s = 0;    // bytes moved: mpi: the root's link busy; mpi-distributed: the gather of timings;
                             // Dask: the client's scatter and gather
    double scheduler_s = 0;  // Dask: the scheduler's serial cost per task, all tasks (mpi: 0)
    double compute_s = 0;    // the largest compute a worker does (mpi: all compute over the workers)
    std::string bound;       // the largest part: "launch", "network", "scheduler", "compute"
};

// The largest of the prediction's parts, by name (ties: the first of launch, network, scheduler, compute).
std::string largest_part(const CellPrediction& p);

// The workers a projection runs at: 1, 2, 4, ... up to max_workers (and max_workers itself).
std::vector<int> projection_workers(int max_workers);

struct ProjectedPoint {
    int workers = 0;
    int ranks = 0;          // processes: mpi, workers + 1; mpi-distributed and Dask, the workers
    CellPrediction prediction;
    double speedup = 0;     // sequential_s / the prediction; 0 without a sequential time
};

struct MeasuredPoint {
    int workers = 0;
    double measured_s = 0;
    CellPrediction predicted;
    double ratio = 0;       // measured / predicted
};

inline constexpr int kMaxProjectedWorkers = 4096;

// The time one worker alone on a core takes per item (at intensity 1), from one finished cell:
// its tasks' own times over their items when `tasks_first` and it has task events (or when it has
// no compute phase), else its median compute phase over `phase_items`, the most items one worker
// computes. When the cell's workers outnumber `cores`, over workers / cores. source says which, in
// words. 0 when the cell holds neither.
double compute_per_item(const CellResult& cell, bool tasks_first, double phase_items, int cores, std::string& source);

// Each finished cell of cells (status Ok, a median) with predict(its config)'s time beside it.
std::vector<MeasuredPoint> measured_points(std::span<const CellResult> cells,
                                           const std::function<CellPrediction(const RunConfig&)>& predict);

// The finished cell (status Ok, with task events or a compute phase) with the fewest workers
// among cells; null when none.
const CellResult* fewest_workers_cell(std::span<const CellResult> cells);

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a Dask cluster costs a cell: a stated model that predicts py-dask-cluster's and
// py-dask-distributed's time from a Dask cluster's costs measured here (DaskClusterCosts,
// pythoncosts.h: machine --dask) and the time one worker takes per item (from the run itself).
// Both front ends use it to set a prediction beside each measured point of a scaling and to
// project it to 1 ... 1024 workers, beside the mpi twin's projection (netmodel.h).
//
// The tasks (a task is a chunk: P = splits) pass through the scheduler one after another, each
// costing task_s of its time (it is one thread); the scheduler hands each task to the worker that
// is free first, which computes the chunk's items at the run's time per item. Played out task by
// task, the run's middle is never below P * task_s nor below the largest worker's compute (about
// ceil(P / W) chunks of N / P items).
// py-dask-cluster (the vector lives with the client): before it, the client scatters the 8 N
// bytes at scatter_bandwidth; after it, gathers them at gather_bandwidth; both go through the
// client's one link, whatever W.
// py-dask-distributed (owner computes): the chunks are made where they are computed, before the
// run; only the tasks and their small answers travel.
// Fresh clusters add the cluster's start, start_s + W * start_per_worker_s, and its close, close_s,
// in every run; warm ones do not.

#include "chunkscope/config.h"
#include "chunkscope/projection.h"
#include "chunkscope/pythoncosts.h"
#include "chunkscope/results.h"

#include <span>
#include <string>
#include <vector>

namespace chunkscope {

// py-dask-cluster and py-dask-distributed.
bool is_dask_cluster(StrategyKind kind);

struct DaskModelInput {
    DaskClusterCosts costs;          // measured (costs.measured())
    double compute_s_per_item = 0;   // one worker alone on a core; the run's function, kernel, intensity 1
    int cores = 0;                   // cores the workers share; 0: a core per worker (a cluster)
    bool one_start = false;          // fresh: the start of one worker at any W (hosts start theirs in parallel)
};

// The model's time for one cell of py-dask-cluster or py-dask-distributed (any other: all zero).
// Its parts: launch (fresh: start and close), network (scatter and gather), scheduler (P * task_s),
// compute (the busiest worker's); total is launch + network + the played-out middle.
CellPrediction predict_dask_cell(const RunConfig& config, const DaskModelInput& in);

// config at each of projection_workers(max_workers), every worker on a core of its own and, fresh,
// one worker's start at any W (how the start grows with hosts is not modelled).
std::vector<ProjectedPoint> project_dask(const RunConfig& config, const DaskModelInput& in, double sequential_s,
                                         int max_workers);

// A Dask scaling with the model beside it.
struct DaskScaleModel {
    std::string error;               // why there is no model (then nothing else is set)
    StrategyKind strategy = StrategyKind::PyDaskCluster;
    double compute_s_per_item = 0;
    std::string compute_source;      // where it comes from, in words
    bool fresh = false;
    DaskClusterCosts costs;
    double sequential_s = 0;
    std::vector<MeasuredPoint> measured;
    std::vector<ProjectedPoint> projected;
};
// cells: the scaling's cells of one Dask strategy (no sequential). costs: measured here (machine
// --dask's), else error says why. Compute per item: the cell with the fewest workers, Dask's own
// task records over their items (else its median compute phase over its busiest worker's items).
// cores: this machine's logical cores.
DaskScaleModel model_dask_scaling(std::span<const CellResult> cells, double sequential_s,
                                  const DaskClusterCosts& costs, int cores, int max_workers = 1024);

// The model in one paragraph (the JSON's statement, the window's summary).
std::string dask_model_statement();

} // namespace chunkscope

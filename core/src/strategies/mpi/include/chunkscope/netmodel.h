// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the network costs the mpi strategies: a stated model that predicts a cell's time from a
// network (Hockney: a message of n bytes takes alpha + n / beta), the time one core takes per
// item, the cores the ranks share and, for fresh pools, the launch. Both front ends use it to
// set a prediction beside each measured point and to project a scaling to 1 ... 1024 ranks.
//
// mpi (rank 0 deals, as Pool.map): every task's data goes out of rank 0 and its result comes
// back into rank 0 (2 messages of 8 bytes per item, a notice of 16 bytes besides), and rank 0
// does one transfer at a time: its link is shared by every transfer. The model plays the
// dealing out: rank 0 sends a task to each worker, then takes results in the order the workers
// finish, sending the finisher its next task; workers compute while rank 0 moves others' data.
// So the time is never below 2 * N * 8 / beta + 2 * tasks * alpha (the root's link busy), nor
// below the compute spread over the workers.
// mpi-distributed (owner computes): every rank computes its slice, ceil(N / P) items, then the
// timings are gathered on rank 0 (a binomial tree: alpha * ceil(log2 P), 16 bytes per rank).
// The checksums travel after the timed run. It scales as 1 / P until alpha * log2 P dominates.
// Fresh pools pay the launch (mpirun, MPI_Init, the job's end) in every run; warm ones do not.

#include "chunkscope/config.h"
#include "chunkscope/mpi.h"
#include "chunkscope/network.h"
#include "chunkscope/projection.h"
#include "chunkscope/results.h"

#include <span>
#include <string>
#include <vector>

namespace chunkscope {

struct ModelInput {
    Network network;
    double compute_s_per_item = 0;   // one rank alone on a core; the run's function, kernel, intensity
    int cores = 0;                   // cores the computing ranks share; 0: a core per rank (a cluster)
    double launch_s = 0;             // fresh: the launch and end of a job ...
    double launch_s_per_rank = 0;    // ... and what every rank adds to it
};

// The model's time for one cell of mpi or mpi-distributed (any other strategy: all zero).
CellPrediction predict_cell(const RunConfig& config, const ModelInput& in);

// config at each of projection_workers(max_workers), every rank on a core of its own; a fresh
// job's launch is what one rank's costs (in.launch_s + in.launch_s_per_rank) at any rank count,
// as hosts start their ranks in parallel (the growth with hosts is not modelled).
std::vector<ProjectedPoint> project(const RunConfig& config, const ModelInput& in, double sequential_s,
                                    int max_workers);

// What a scaling's own cells say about the figures the model needs.
struct RunFigures {
    double compute_s_per_item = 0;  // 0: none found
    std::string compute_source;     // where it comes from, in words
    double launch_s = 0;            // fresh cells: startup + shutdown = launch_s + launch_s_per_rank * ranks
    double launch_s_per_rank = 0;
    bool fresh = false;
};
// Compute: the cell with the fewest workers; mpi: its tasks' times over their items (rank 0's
// compute phase also holds its blocking sends' waits); mpi-distributed: its median compute
// phase over the largest slice; over the ranks per core when they outnumber the cores. Launch: a least-squares line through the fresh
// cells' startup + shutdown over their ranks (one rank count: that median, flat).
RunFigures run_figures(std::span<const CellResult> cells, int cores);

// A scaling with the model beside it: each measured point predicted on the link measured here,
// and the projection on a typed network.
struct ScaleModel {
    std::string error;            // why there is no model (then nothing else is set)
    RunFigures figures;
    double sequential_s = 0;
    bool here_measured = false;
    Network here;                 // the link measured here (measure_mpi_link)
    std::string here_source;      // "measured here, shm, 2024-05-01" or why not measured
    Network typed;
    std::string typed_source = "typed";
    std::vector<MeasuredPoint> measured;
    std::vector<ProjectedPoint> projected;
};
// cells: the scaling's cells of one mpi strategy (no sequential). link: measured for the cells'
// transport, or null. cores: this machine's logical cores.
ScaleModel model_scaling(std::span<const CellResult> cells, double sequential_s, const MpiLink* link,
                         const Network& typed, int cores, int max_workers = 1024);

// The mpi twin of another scaling (a Dask cluster's: py-dask-cluster's is mpi, py-dask-distributed's
// mpi-distributed) projected beside that scaling's own model: config is the twin's (its kind, the
// other scaling's workload and splits; a task is a part), on Open MPI's link measured here, with
// the compute per item the other scaling's cells took, so that the two curves differ only in how
// the data moves and the tasks are handed out. A core per rank, a warm job: the link measures no
// launch.
struct TwinProjection {
    std::string error;            // why there is none (the link not measured); then nothing else is set
    StrategyKind strategy = StrategyKind::Mpi;
    Network link;                 // the link measured here
    std::string link_source;      // "measured here, tcp, 2024-05-01"
    double compute_s_per_item = 0;
    std::vector<ProjectedPoint> projected;
};
TwinProjection project_twin(RunConfig config, double compute_s_per_item, const MpiLink& link, double sequential_s,
                            int max_workers);

// "measured here, shm, 2024-05-01" for a link measured today.
std::string link_source(const MpiLink& link);

} // namespace chunkscope

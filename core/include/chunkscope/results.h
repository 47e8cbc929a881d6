// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plain value results. An error is data here (status + message), never an abort.

#include "chunkscope/config.h"
#include "chunkscope/generator.h"
#include "chunkscope/phases.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace chunkscope {

// One task on one worker; times in seconds from the start of the run. start_s to end_s is
// the compute; before it, receive_s for the task's input to arrive (pipes: the items through
// the pipe; shared memory: mapping the task's pages; MPI: the message), after it send_s until
// the coordinator holds the result. 0 where a strategy moves nothing or cannot tell.
struct TaskEvent {
    int worker = 0;
    std::uint32_t task = 0;
    double start_s = 0;
    double end_s = 0;
    std::uint64_t bytes = 0;   // bytes moved for this task (to and from the worker)
    std::uint64_t items = 0;
    double receive_s = 0;
    double send_s = 0;
    bool operator==(const TaskEvent&) const = default;

    double task_start_s() const { return start_s - receive_s; }
    double task_end_s() const { return end_s + send_s; }
};

// Where one MPI rank ran (the mpi strategies): the timeline's row and the trace's process.
struct RankPlace {
    int rank = 0;
    int worker = -1;          // TaskEvent::worker of its tasks; -1: rank 0 of mpi, which only deals
    std::int64_t pid = 0;
    std::string host;
    bool operator==(const RankPlace&) const = default;
};

// A Dask worker a cell lost (py-dask-cluster, py-dask-distributed): where it was.
struct LostWorker {
    std::string address;      // tcp://HOST:PORT, as the scheduler knew it
    std::string host;
    std::int64_t pid = 0;
    std::string name;         // the scheduler's name for it (a LocalCluster's: 0, 1, ...)
    bool operator==(const LostWorker&) const = default;
};

// The Dask workers a cell's runs lost, and what ran again because of them: found after every run
// on a Dask cluster, or made by RunConfig::dask_lose_worker. Not a failure: the cell finished and
// was verified; this says what the loss cost. Summed over the cell's runs, warm-up included.
struct WorkerLoss {
    std::vector<LostWorker> workers;     // every worker lost, in the order of the runs
    int runs = 0;                        // runs that lost one; 0: none lost
    bool caused = false;                 // killed by --dask-lose-worker, not lost on their own
    std::uint64_t tasks_rerun = 0;       // tasks Dask sent to a worker again
    std::uint64_t results_recomputed = 0;  // of those: finished before, their result lost with the worker
    std::uint64_t chunks_rescattered = 0;  // py-dask-cluster: scattered chunks lost (no task makes them
                                           // again), scattered again from the client's copy
    bool empty() const { return runs == 0; }
    bool operator==(const WorkerLoss&) const = default;
};
// What the loss was and cost, in one sentence (the table's line after the cell, the window's
// tooltip): "" when nothing was lost.
std::string describe(const WorkerLoss& loss);

enum class Status { Ok, Failed, Cancelled };
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view name);

struct RunSample {
    Status status = Status::Ok;
    std::string error;
    double wall_s = 0;
    Phases phases;
    std::vector<TaskEvent> events;
    bool events_truncated = false;
};

inline constexpr std::size_t kMaxEventsKept = 200'000;

// The fastest a run could be, when the machine was measured for it (speedlimit.h, ownfloor.h):
// 0 where not measured or not modelled.
struct Floors {
    double machine_s = 0;   // bytes over the bandwidth, arithmetic over the cores
    double own_s = 0;       // what the strategy's own mechanism allows
    Phases own_phases;      // each phase's own floor
};

struct CellResult {
    RunConfig config;            // as run: chunksize resolved, splits effective
    Status status = Status::Ok;
    std::string error;
    std::vector<double> samples; // wall time of each repetition, seconds
    double median_s = 0;
    double min_s = 0;
    double mean_s = 0;
    double stddev_s = 0;
    double cv = 0;
    Phases phases;               // median of each phase over the repetitions
    std::vector<TaskEvent> events; // of the last repetition
    bool events_truncated = false;
    bool verified = false;       // output bit-identical to the sequential result of the same kernel
    double max_ulp = 0;          // numexpr, numba: the largest difference from numpy's, in ulp
    Generator generator = kCurrentGenerator; // what made the input (reports without it: Legacy)
    std::vector<RankPlace> ranks;  // mpi strategies: every rank's pid and host
    int warmup_runs = 0;           // untimed runs made before the repetitions
    // The cell budget (RunConfig::cell_budget_s) cut its warm-up or its repetitions short: it
    // got warmup_runs and samples.size() timed runs, fewer than asked.
    bool budget_cut = false;
    bool warmup_settled = false;   // warm-up ended because two runs agreed (warmup.h)
    WorkerLoss worker_loss;        // Dask clusters: the workers its runs lost
    Floors floors;                 // set when the machine was measured for the report
};

// Whether a cell's samples measure a spread (stddev_s, cv): two timed runs at least. One sample
// has none: reports leave cv and stddev out, tables read "n/a", no unstable mark is drawn.
inline constexpr std::size_t kMinSamplesForSpread = 2;
inline bool has_spread(const CellResult& r) { return r.samples.size() >= kMinSamplesForSpread; }

} // namespace chunkscope

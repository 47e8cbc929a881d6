// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the tutorial's Python mechanisms cost on this machine, measured by the module itself
// (its costs request): numpy's loop per item, pickling arrays into a pipe and out of one, making and
// terminating a Pool, one task of Pool.map, py-items' per-item pickling and call, and what Dask's
// threaded scheduler costs a store, a chunk and a byte hashed. The
// Python strategies' own floors (ownfloor.h) are built from them.

#include "chunkscope/config.h"
#include "chunkscope/observer.h"

#include <array>
#include <string>

namespace chunkscope {

struct PythonCosts {
    std::string error;                     // why nothing was measured; empty when measured
    std::string interpreter;               // the Python that measured them
    int workers = 0;                       // the pool size the per-task cost was measured with
    std::array<double, 5> numpy_ns = {};   // numpy.f(x, out=y) per item, one core, in cache; by Function
    double pickle_send_bandwidth = 0;      // bytes per second: float64 arrays pickled and written to a pipe
    double unpickle_receive_bandwidth = 0; // bytes per second: read from a pipe and unpickled
    double pool_start_s = 0;               // Pool(W) made, the fixed part ...
    double pool_start_per_worker_s = 0;    // ... and each worker's fork and first task
    double pool_close_s = 0;               // Pool.terminate() and the join
    double pool_task_s = 0;                // one task of Pool.map on a warm pool, the parent's side
    double item_pickle_s = 0;              // one numpy.float64 in a list: pickled and unpickled
    double item_call_s = 0;                // numpy.exp on one numpy.float64
    // Dask's threaded scheduler on a ThreadPool(workers), as py-dask runs it; 0 without Dask.
    double dask_store_s = 0;               // one dask.array.store of one chunk: graph, optimisation, scheduler
    double dask_chunk_s = 0;               // each chunk more: its two tasks (compute, store) less numpy's call
    double dask_hash_bandwidth = 0;        // bytes per second: from_array hashing the data to name the array
    double measured_in_s = 0;

    bool measured() const
    {
        return error.empty() && pickle_send_bandwidth > 0 && unpickle_receive_bandwidth > 0 && pool_task_s > 0;
    }
    double numpy_ns_per_item(Function f) const;
    double pool_start(int workers) const { return pool_start_s + workers * pool_start_per_worker_s; }
    bool dask_measured() const { return dask_chunk_s > 0 && dask_hash_bandwidth > 0; }
};

// What a Dask cluster costs here (machine --dask): measured by the module on a LocalCluster of
// `workers` one-thread worker processes it starts (as py-dask-cluster and py-dask-distributed
// run), or on the first `workers` workers of an existing scheduler's cluster. The two Dask
// clusters' own floors and their scaling projection are built from them.
struct DaskClusterCosts {
    std::string error;               // why nothing was measured; empty when measured
    std::string scheduler;           // empty: a LocalCluster the module started; else tcp://HOST:PORT
    int workers = 0;                 // the workers the figures were measured with
    double start_s = 0;              // LocalCluster and Client made, the fixed part ... (0: an existing cluster)
    double start_per_worker_s = 0;   // ... and each worker process more
    double close_s = 0;              // Client and LocalCluster closed, the workers ended
    double task_s = 0;               // one task through the scheduler on a warm cluster: submitted, run, done
    double round_trip_s = 0;         // a map of tasks waited for, besides its tasks: the pipeline filled and drained
    double scatter_bandwidth = 0;    // bytes per second: float64 arrays client.scatter-ed to a worker
    double gather_bandwidth = 0;     // bytes per second: a worker's float64 arrays gathered into the client
    double measured_in_s = 0;

    bool measured() const { return error.empty() && task_s > 0 && scatter_bandwidth > 0 && gather_bandwidth > 0; }
    double start(int w) const { return start_s + w * start_per_worker_s; }
};

// Starts the interpreter the Python strategies use (python.h) and asks its module; about a
// second with the interpreter's start. error says why when it cannot (no numpy, cancelled).
PythonCosts measure_python_costs(int workers, const CancelToken* cancel = nullptr);

// Asks the module to measure a Dask cluster of `workers` workers (scheduler empty: a LocalCluster
// it starts and closes; else tcp://HOST:PORT of an existing one); a few seconds. error says why
// when it cannot (no dask.distributed, no answer, cancelled).
DaskClusterCosts measure_dask_costs(int workers, const std::string& scheduler = {},
                                    const CancelToken* cancel = nullptr);

} // namespace chunkscope

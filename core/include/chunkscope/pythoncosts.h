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

// Starts the interpreter the Python strategies use (python.h) and asks its module; about a
// second with the interpreter's start. error says why when it cannot (no numpy, cancelled).
PythonCosts measure_python_costs(int workers, const CancelToken* cancel = nullptr);

} // namespace chunkscope

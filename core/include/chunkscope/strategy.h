// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One way of applying the kernel to the vector with several workers.

#include "chunkscope/buffer.h"
#include "chunkscope/config.h"
#include "chunkscope/results.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>
#include <memory>
#include <string_view>

namespace chunkscope {

struct Job {
    const double* in = nullptr;
    double* out = nullptr;
    std::size_t size = 0;
    Function function = Function::Exp;
    Kernel kernel = Kernel::Simd;
    int intensity = 1;
    int workers = 1;
    std::size_t splits = 1;      // effective parts
    std::size_t chunksize = 1;   // effective parts per task
    Partitioner partitioner = Partitioner::Simple;
    Schedule schedule = Schedule::Dynamic;
    const std::atomic<bool>* cancel = nullptr;
};

// [begin, end) items of part p when size items are cut into parts balanced parts
// (as numpy.array_split: the first size % parts parts hold one more item).
std::size_t part_begin(std::size_t size, std::size_t parts, std::size_t p) noexcept;

class Strategy {
public:
    virtual ~Strategy() = default;
    virtual StrategyKind kind() const = 0;
    // Warm pools: create the workers now (outside the timed region) and keep them.
    virtual void start_pool(int /*workers*/) {}
    virtual void stop_pool() {}
    virtual bool pool_running() const { return false; }
    // One timed run; never throws: failure and cancellation come back in the sample.
    virtual RunSample run(const Job& job) = 0;

    // A strategy that makes its own data and checks its own output (the registry's `external`:
    // the tutorial's Python) runs a whole cell: warm-up and repetitions. Each timed sample comes
    // back; a failure or a cancellation ends the list, with its status and message. progress
    // gets the fraction of the cell's runs done.
    struct CellRuns {
        std::vector<RunSample> samples;
        Status status = Status::Ok;
        std::string error;
        double max_ulp = 0;   // the largest difference from the reference, in units in the last place
        std::vector<RankPlace> ranks;   // mpi strategies: where each rank ran
        std::vector<double> warmup_walls;   // wall time of each warm-up run, seconds
        WorkerLoss worker_loss;   // Dask clusters: the workers the runs lost
    };
    virtual CellRuns run_cell(const RunConfig& config, const std::function<void(double)>& progress,
                              const std::atomic<bool>* cancel);
};

// The registry's factory for the kind (registry.cpp).
std::unique_ptr<Strategy> make_strategy(StrategyKind kind);

} // namespace chunkscope

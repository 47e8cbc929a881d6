#pragma once
// Owns the data, warm-up, repetitions, verification and sweeps (after google/benchmark's runner).

#include "chunkscope/buffer.h"
#include "chunkscope/config.h"
#include "chunkscope/observer.h"
#include "chunkscope/results.h"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace chunkscope {

class Strategy;

struct SweepSpec {
    RunConfig base;
    std::vector<std::size_t> splits_list;
    std::vector<std::size_t> chunks_list;
    // Run the cells in a shuffled order (fixed seed), so that drift of the machine during a long
    // sweep spreads over the grid instead of piling up in one corner. Results come back in the
    // order they ran; each carries its splits and chunksize.
    bool random_order = false;
};

// The tutorial's grid: {1, 2, 4, ..., 128}.
std::vector<std::size_t> default_grid();

// The configs compare runs: every strategy on base's workload, sequential first; fork-items,
// which has no splits, with Python's default chunksize as Pool.map(f, data) has it.
std::vector<RunConfig> compare_plan(const RunConfig& base);

class Runner {
public:
    Runner();
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Runs one cell: warm-up, repetitions, verification. Never throws for a run that fails:
    // the result carries the status and message. Invalid configs come back as Failed.
    CellResult run(const RunConfig& config, Observer* observer = nullptr,
                   const CancelToken* cancel = nullptr);
    // Every (splits, chunksize) cell, in row-major order (splits outer), each reported
    // to the observer the moment it finishes. Stops early when cancelled.
    std::vector<CellResult> sweep(const SweepSpec& spec, Observer* observer = nullptr,
                                  const CancelToken* cancel = nullptr);
    // Every strategy at one (splits, chunksize); sequential first: the configs of compare_plan.
    std::vector<CellResult> compare(const RunConfig& base, Observer* observer = nullptr,
                                    const CancelToken* cancel = nullptr);

    // The same cell at each worker count, for the scaling view (sequential is not included).
    std::vector<CellResult> scale(const RunConfig& base, const std::vector<int>& workers_list,
                                  Observer* observer = nullptr, const CancelToken* cancel = nullptr);

    // Stops warm pools and frees the data.
    void release();

private:
    struct Data {
        std::size_t size = 0;
        std::uint64_t seed = 0;
        Buffer input;
        Buffer output;
        unsigned generation = 0; // changes whenever the buffers are replaced
    };
    struct WarmPool {
        int workers = 0;
        unsigned generation = 0;
    };
    Data& data_for(const Workload& w, Memory memory);
    const double* reference_for(const Workload& w, const CancelToken* cancel); // null if cancelled
    Strategy& strategy_for(StrategyKind kind);
    void prepare_pool(Strategy& s, const RunConfig& config, const Data& data);
    CellResult run_cell(const RunConfig& config, Observer* observer, const CancelToken* cancel,
                        std::size_t index);
    std::vector<CellResult> run_list(const std::vector<RunConfig>& configs, Observer* observer,
                                     const CancelToken* cancel);

    Data private_;
    Data shared_;
    Workload reference_workload_;
    Buffer reference_;
    unsigned generation_ = 0;
    std::map<StrategyKind, std::unique_ptr<Strategy>> strategies_;
    std::map<StrategyKind, WarmPool> warm_;
};

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Owns the data, warm-up, repetitions, verification and sweeps (after google/benchmark's runner).

#include "chunkscope/buffer.h"
#include "chunkscope/config.h"
#include "chunkscope/generator.h"
#include "chunkscope/memory.h"
#include "chunkscope/observer.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"
#include "chunkscope/verify.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace chunkscope {

class Strategy;

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
    // Every cell of sweep_plan(spec), in row-major order (splits outer) unless spec asks for a
    // shuffled one, each reported to the observer the moment it finishes. Stops early when
    // cancelled.
    std::vector<CellResult> sweep(const SweepSpec& spec, Observer* observer = nullptr,
                                  const CancelToken* cancel = nullptr);
    // These cells, in this order, as a sweep runs them (a resumed sweep's missing cells).
    std::vector<CellResult> run_cells(const std::vector<RunConfig>& configs, Observer* observer = nullptr,
                                      const CancelToken* cancel = nullptr);
    // Every strategy at one (splits, chunksize); sequential first: the configs of compare_plan.
    std::vector<CellResult> compare(const RunConfig& base, Observer* observer = nullptr,
                                    const CancelToken* cancel = nullptr);

    // The same cell at each worker count (scale_plan), for the scaling view (sequential is not
    // included).
    std::vector<CellResult> scale(const RunConfig& base, const std::vector<int>& workers_list,
                                  Observer* observer = nullptr, const CancelToken* cancel = nullptr);

    // What a run of this process can use: this machine's memory (memory_budget), with the input
    // and output the runners hold counted as free, since a runner frees or reuses them before
    // it makes new ones. Validation of runs (theirs and the window's) uses it.
    static MemoryBudget budget();

    // Stops warm pools and frees the data. The runner holds one input and one output at a time
    // (private or shared, as the strategy needs), and no reference copy: only the hashes of
    // the sequential result of the last workload checked (8 bytes per 4096 items at most).
    void release();

private:
    struct Data {
        std::size_t size = 0;
        std::uint64_t seed = 0;
        InputRange range;
        Buffer input;
        Buffer output;
        unsigned generation = 0; // changes whenever the buffers are replaced
        bool marked = false;     // every output item holds kUnwritten (verify.h)
    };
    struct WarmPool {
        int workers = 0;
        unsigned generation = 0;
    };
    Data& data_for(const Workload& w, BufferMemory memory);
    void free_data(BufferMemory memory);
    void account(); // updates what budget() counts for this runner
    Strategy& strategy_for(StrategyKind kind);
    void prepare_pool(Strategy& s, const RunConfig& config, const Data& data);
    CellResult run_cell(const RunConfig& config, Observer* observer, const CancelToken* cancel,
                        std::size_t index);
    std::vector<CellResult> run_list(const std::vector<RunConfig>& configs, Observer* observer,
                                     const CancelToken* cancel);

    // The hashes of the sequential result the last runs were checked against, made by the first
    // check of their workload.
    const OutputReference* reference_for(const Workload& w, const CancelToken* cancel);

    Data private_;
    Data shared_;
    std::optional<OutputReference> reference_;
    unsigned generation_ = 0;
    std::size_t held_private_ = 0; // bytes of private_ and shared_ counted in budget()
    std::size_t held_shared_ = 0;
    std::map<StrategyKind, std::unique_ptr<Strategy>> strategies_;
    std::map<StrategyKind, WarmPool> warm_;
};

} // namespace chunkscope

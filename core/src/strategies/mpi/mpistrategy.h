// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"
#include "mpilauncher.h"

#include <cstdint>
#include <optional>

namespace chunkscope::detail {

// mpi and mpi-distributed: a cell is run by chunkscope-mpi under mpirun, which makes its data,
// runs the warm-up and the repetitions and checks its output on its ranks. fresh: one mpirun
// per run, inside the timed region (startup is the launch up to every rank past MPI_Init,
// shutdown from the quit until mpirun has ended); warm: one mpirun kept across cells, its
// rank 0 sent each cell over its standard input. Every sample's output checksum is compared
// with the engine's own for the same workload.
class MpiStrategy final : public Strategy {
public:
    explicit MpiStrategy(StrategyKind kind) : kind_(kind) {}
    StrategyKind kind() const override { return kind_; }
    void stop_pool() override { launcher_.stop(); }
    bool pool_running() const override { return launcher_.running(); }
    RunSample run(const Job& job) override;
    CellRuns run_cell(const RunConfig& config, const std::function<void(double)>& progress,
                      const std::atomic<bool>* cancel) override;

private:
    struct Launch {
        int ranks = 0;
        MpiOptions options;
        bool operator==(const Launch&) const = default;
    };
    bool launch(const RunConfig& config, const std::atomic<bool>* cancel);
    // The runs of request id as rank 0 reports them, checked; false (out says why) on failure.
    bool collect(int id, int repeats, bool budget, std::uint64_t expected, CellRuns& out,
                 const std::function<void(RunSample&&, bool warmup)>& take, const std::atomic<bool>* cancel);
    std::optional<std::uint64_t> expected_checksum(const Workload& w, const std::atomic<bool>* cancel);

    StrategyKind kind_;
    MpiLauncher launcher_;
    Launch launched_;
    std::optional<std::pair<Workload, std::uint64_t>> checksum_;
    int next_id_ = 1;
};

} // namespace chunkscope::detail

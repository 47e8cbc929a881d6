// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"
#include "forkpool.h"

namespace chunkscope::detail {

// The three process-based strategies, on one pool of forked workers:
// fork-items and fork-split send the items of each task through a pipe and get the results
// back the same way; fork-shm sends only task descriptors, input and output being shared.
class ForkStrategy final : public Strategy {
public:
    explicit ForkStrategy(StrategyKind kind)
        : kind_(kind)
    {
    }
    StrategyKind kind() const override { return kind_; }
    void start_pool(int workers) override;
    void stop_pool() override { pool_.stop(); }
    bool pool_running() const override { return pool_.running(); }
    RunSample run(const Job& job) override;

private:
    StrategyKind kind_;
    ForkPool pool_; // the warm pool, when there is one
};

} // namespace chunkscope::detail

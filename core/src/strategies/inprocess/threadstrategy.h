// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

#include <memory>

namespace chunkscope::detail {

// Like multiprocessing.pool.ThreadPool.map: W threads pull tasks (chunksize parts each)
// from a shared queue and write their results in place; nothing is copied.
class ThreadStrategy final : public Strategy {
public:
    ThreadStrategy();
    ~ThreadStrategy() override;
    StrategyKind kind() const override { return StrategyKind::Threads; }
    void start_pool(int workers) override;
    void stop_pool() override;
    bool pool_running() const override { return pool_ != nullptr; }
    RunSample run(const Job& job) override;

private:
    class Pool;
    std::unique_ptr<Pool> pool_;
};

} // namespace chunkscope::detail

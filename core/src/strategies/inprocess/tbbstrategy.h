// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

#include <memory>

namespace chunkscope::detail {

// oneTBB parallel_for over the parts, grainsize = chunksize parts, inside a task_arena of
// W threads (the calling thread is one of them).
class TbbStrategy final : public Strategy {
public:
    TbbStrategy();
    ~TbbStrategy() override;
    StrategyKind kind() const override { return StrategyKind::Tbb; }
    void start_pool(int workers) override;
    void stop_pool() override;
    bool pool_running() const override;
    RunSample run(const Job& job) override;

private:
    struct Warm;
    std::unique_ptr<Warm> warm_;
};

} // namespace chunkscope::detail

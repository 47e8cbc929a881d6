// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

#include <cstddef>
#include <memory>

namespace chunkscope::detail {

// oneTBB caps its worker threads at the core count minus one unless told otherwise; an arena
// of W threads needs room for W - 1 workers besides the calling thread: the limit a
// tbb::global_control must allow while it runs (tbb and std-par).
std::size_t allowed_parallelism(int workers);

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

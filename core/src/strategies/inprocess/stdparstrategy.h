// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

namespace chunkscope::detail {

// std::transform(std::execution::par_unseq, in, in + n, out, f): no splits, no chunksize, the
// library decides how to cut the range (libstdc++ hands it to oneTBB's parallel_for with its
// auto_partitioner), in a task_arena of W threads. f is applied to 64-item blocks of the vector
// through the kernel, so every item gets the bits it gets alone (kernels.h) wherever the library
// cuts; the last n mod 64 items go through the kernel directly.
class StdParStrategy final : public Strategy {
public:
    StrategyKind kind() const override { return StrategyKind::StdPar; }
    RunSample run(const Job& job) override;
};

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

namespace chunkscope::detail {

// `#pragma omp parallel for num_threads(W) schedule(kind, chunksize)` over the parts, the way a
// C or C++ programmer writes it (the schedule knob: static, dynamic, guided, or OpenMP's default).
// The runtime keeps its team between parallel regions: that is the warm pool. A fresh pool is
// released before each run (omp_pause_resource_all), so the team starts inside the timed region,
// where the runtime can (kOmpReleasesThreads); otherwise the pool knob does not apply.
class OmpStrategy final : public Strategy {
public:
    OmpStrategy() = default;
    ~OmpStrategy() override;
    StrategyKind kind() const override { return StrategyKind::Omp; }
    void start_pool(int workers) override;
    void stop_pool() override;
    bool pool_running() const override { return warm_workers_ > 0; }
    RunSample run(const Job& job) override;

private:
    int warm_workers_ = 0;
};

} // namespace chunkscope::detail

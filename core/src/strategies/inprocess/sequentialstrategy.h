// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"

namespace chunkscope::detail {

// One thread, the whole vector at once: the baseline every speedup is measured against.
class SequentialStrategy final : public Strategy {
public:
    StrategyKind kind() const override { return StrategyKind::Sequential; }
    RunSample run(const Job& job) override;
};

} // namespace chunkscope::detail

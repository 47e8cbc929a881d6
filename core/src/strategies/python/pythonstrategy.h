// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chunkscope/strategy.h"
#include "pythonserver.h"

namespace chunkscope::detail {

// The tutorial's own Python: a cell is one request to an interpreter running
// core/python/chunkscope_tutorial.py, kept for the next cells (one interpreter per sweep, not
// per cell). The interpreter makes its data, runs the warm-up and the repetitions and checks
// its output against numpy's own; the samples come back with their phases and task events.
class PythonStrategy final : public Strategy {
public:
    explicit PythonStrategy(StrategyKind kind) : kind_(kind) {}
    StrategyKind kind() const override { return kind_; }
    void stop_pool() override { server_.stop(); }
    RunSample run(const Job& job) override;
    CellRuns run_cell(const RunConfig& config, const std::function<void(double)>& progress,
                      const std::atomic<bool>* cancel) override;

private:
    // One request to the interpreter kept for the next cells (started when there is none).
    CellRuns run_request(const RunConfig& config, const std::function<void(double)>& progress,
                         const std::atomic<bool>* cancel);

    StrategyKind kind_;
    PythonServer server_;
    int next_id_ = 1;
};

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The parent's side of ForkPool::map(): one poll() loop over the workers' pipes that scatters
// tasks (and, over pipes, their items) and gathers results straight into place, timing each.

#include "forkpool.h"

#include <cstddef>
#include <string>
#include <vector>

namespace chunkscope::detail {

// One map() call on a started pool; run() once.
class ForkMap {
public:
    ForkMap(ForkPool& pool, const Job& job, ForkDataPath transport, double t0, std::vector<TaskEvent>& events);
    ForkMap(const ForkMap&) = delete;
    ForkMap& operator=(const ForkMap&) = delete;

    // See ForkPool::map().
    MapResult run();

private:
    struct Channel; // one worker's traffic as seen by the parent

    // Gives the worker the next task if it has room for one.
    bool assign(Channel& c);
    // Each returns false when the map failed: then out_ holds the error and every worker is
    // killed and reaped.
    bool scatter(std::size_t w, Channel& c);
    bool gather(std::size_t w, Channel& c);
    void fail(Status st, std::string msg);

    ForkPool& pool_;
    const Job& job_;
    const ForkDataPath transport_;
    const double t0_;
    std::vector<TaskEvent>& events_;
    const bool piped_;
    const std::size_t total_; // tasks
    const std::size_t depth_; // most tasks queued on one worker
    std::size_t next_ = 0, done_ = 0, recorded_ = 0;
    bool splice_ = true; // large tasks' items go out by vmsplice (scatter), until it is refused
    MapResult out_;
};

} // namespace chunkscope::detail

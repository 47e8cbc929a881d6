// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Progress and cancellation, without the core knowing who listens (the CLI's progress line,
// the window's signals). Calls come from the thread that runs the engine.

#include "chunkscope/results.h"

#include <atomic>
#include <cstddef>

namespace chunkscope {

class Observer {
public:
    virtual ~Observer() = default;
    virtual void on_sweep_start(std::size_t /*cells*/) {}
    virtual void on_cell_start(const RunConfig& /*config*/, std::size_t /*index*/, std::size_t /*cells*/) {}
    // Every repetition (warm-up included) of the current cell; fraction of the cell done.
    virtual void on_run_done(std::size_t /*index*/, double /*cell_fraction*/) {}
    // eta_s: estimated seconds left in the sweep (from the cells done so far).
    virtual void on_cell_done(const CellResult& /*result*/, std::size_t /*index*/, std::size_t /*cells*/,
                              double /*eta_s*/) {}
    virtual void on_sweep_done(std::size_t /*cells_done*/, bool /*cancelled*/) {}
};

// Cooperative cancellation: set from any thread (or a signal handler); runs stop within a
// fraction of a second, reaping every child and removing every shared-memory segment.
class CancelToken {
public:
    void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
    void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }
    const std::atomic<bool>* flag() const noexcept { return &flag_; }

private:
    std::atomic<bool> flag_{false};
    static_assert(std::atomic<bool>::is_always_lock_free);
};

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a job's parts are grouped into tasks, shared by every parallel strategy.

#include "chunkscope/strategy.h"

#include <nlohmann/json_fwd.hpp>

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace chunkscope::detail {

struct TaskRange {
    std::size_t begin = 0;   // first item
    std::size_t end = 0;     // one past the last item
    std::size_t size() const { return end - begin; }
};

inline std::size_t task_total(const Job& j)
{
    return j.chunksize == 0 ? 0 : (j.splits + j.chunksize - 1) / j.chunksize;
}

// Task t holds parts [t * chunksize, (t + 1) * chunksize), which are contiguous items.
inline TaskRange task_range(const Job& j, std::size_t t)
{
    const std::size_t first_part = t * j.chunksize;
    const std::size_t last_part = std::min(first_part + j.chunksize, j.splits);
    return {part_begin(j.size, j.splits, first_part), part_begin(j.size, j.splits, last_part)};
}

inline bool cancelled(const Job& j)
{
    return j.cancel && j.cancel->load(std::memory_order_relaxed);
}

// A team of threads sharing one run's tasks (threads, omp), recorded as it runs: when each thread
// started and found no task left, and each task's event. Allocated before the clock starts;
// start() marks the beginning of the timed run.
struct TeamRecord {
    explicit TeamRecord(const Job& j);
    void start();
    // Task t ran on thread w from ts to te (seconds of the clock).
    void task_ran(int w, std::size_t t, double ts, double te, std::size_t items)
    {
        if (t < events.size())
            events[t] = {w, static_cast<std::uint32_t>(t), ts - t0, te - t0, 0, items};
    }
    // The run's sample, ended at t_end. Startup lasts until every thread runs when the team was
    // started inside the run (on a busy machine a new thread may wait for a core); compute until
    // the last thread finds no task left; shutdown is the team's join.
    RunSample sample(bool team_started, double t_end);

    const Job& job;
    std::size_t total;
    double t0 = 0;
    std::vector<TaskEvent> events;
    std::vector<double> began;   // when each thread started running
    std::vector<double> finish;  // when each thread found no task left
};

// A sample that a worker sent over its protocol (the tutorial's Python module, MPI's rank 0):
//   {"wall_s", "phases": {"startup_s", ...}, "events": [event, ...], "events_truncated"}
// Its task events come in one of two layouts, both kept on the wire:
//   [worker, task, start_s, end_s, items] + [receive_s, send_s]         the Python module
//   [worker, task, start_s, end_s, items, bytes] + [receive_s, send_s]  the MPI ranks
// the last two optional in each (seconds before and after the compute, >= 0).
enum class EventBytes {
    Stated,          // the MPI ranks' layout: each event says the bytes its task moved
    TwiceTheItems,   // the Python layout, processes: every item pickled there and back
    None,            // the Python layout, threads: nothing moves
};

// A reply that is JSON but not what the protocol says (what is wrong, what is allowed).
struct BadReply : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One task event, checked (layout, field count, receive_s and send_s >= 0); throws BadReply
// or nlohmann's exceptions on a malformed one.
TaskEvent task_event_of(const nlohmann::json& e, EventBytes bytes);
// A whole sample, each event read by task_event_of; throws as it does.
RunSample sample_of(const nlohmann::json& j, EventBytes bytes);

} // namespace chunkscope::detail

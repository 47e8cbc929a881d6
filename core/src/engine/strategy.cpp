// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/strategy.h"

#include "clock.h"
#include "tasks.h"

#include <nlohmann/json.hpp>

#include <string>

namespace chunkscope {

std::size_t part_begin(std::size_t size, std::size_t parts, std::size_t p) noexcept
{
    if (parts == 0)
        return 0;
    const std::size_t base = size / parts;
    const std::size_t extra = size % parts;
    return p * base + (p < extra ? p : extra);
}

Strategy::CellRuns Strategy::run_cell(const RunConfig&, const std::function<void(double)>&, const std::atomic<bool>*)
{
    CellRuns runs;
    runs.status = Status::Failed;
    runs.error = "this strategy runs on the engine's data, one run at a time";
    return runs;
}

} // namespace chunkscope

namespace chunkscope::detail {

TaskEvent task_event_of(const nlohmann::json& e, EventBytes bytes)
{
    const bool stated = bytes == EventBytes::Stated;
    const std::size_t fields = stated ? 6 : 5;
    if (!e.is_array() || (e.size() != fields && e.size() != fields + 2))
        throw BadReply("a task event is " + e.dump() + " (" +
                       (e.is_array() ? std::to_string(e.size()) + " fields" : std::string("not an array")) +
                       "); allowed: " +
                       (stated ? "[worker, task, start_s, end_s, items, bytes] or [worker, task, start_s, end_s, "
                                 "items, bytes, receive_s, send_s]"
                               : "[worker, task, start_s, end_s, items] or [worker, task, start_s, end_s, items, "
                                 "receive_s, send_s]"));
    TaskEvent t;
    t.worker = e.at(0).get<int>();
    t.task = e.at(1).get<std::uint32_t>();
    t.start_s = e.at(2).get<double>();
    t.end_s = e.at(3).get<double>();
    t.items = e.at(4).get<std::uint64_t>();
    if (e.size() == fields + 2) {
        t.receive_s = e.at(fields).get<double>();
        t.send_s = e.at(fields + 1).get<double>();
        if (!(t.receive_s >= 0) || !(t.send_s >= 0))
            throw BadReply("a task event is " + e.dump() + ": its receive_s and send_s must be >= 0 (seconds "
                           "before and after the compute)");
    }
    switch (bytes) {
    case EventBytes::Stated: t.bytes = e.at(5).get<std::uint64_t>(); break;
    case EventBytes::TwiceTheItems: t.bytes = 2 * t.items * sizeof(double); break;
    case EventBytes::None: t.bytes = 0; break;
    }
    return t;
}

RunSample sample_of(const nlohmann::json& j, EventBytes bytes)
{
    RunSample s;
    s.wall_s = j.at("wall_s").get<double>();
    const nlohmann::json& phases = j.at("phases");
    for (Phase p : kAllPhases)
        s.phases[p] = phases.at(std::string(to_string(p))).get<double>();
    for (const nlohmann::json& e : j.at("events"))
        s.events.push_back(task_event_of(e, bytes));
    s.events_truncated = j.value("events_truncated", false);
    return s;
}

TeamRecord::TeamRecord(const Job& j)
    : job(j)
    , total(task_total(j))
    , events(std::min(total, kMaxEventsKept))
    , began(static_cast<std::size_t>(std::max(1, j.workers)))
    , finish(static_cast<std::size_t>(std::max(1, j.workers)))
{
}

void TeamRecord::start()
{
    t0 = now_s();
    std::fill(began.begin(), began.end(), t0);
    std::fill(finish.begin(), finish.end(), t0);
}

RunSample TeamRecord::sample(bool team_started, double t_end)
{
    RunSample s;
    const double last_finish = *std::max_element(finish.begin(), finish.end());
    const double t_started =
        team_started ? std::min(last_finish, *std::max_element(began.begin(), began.end())) : t0;
    const double compute_end = std::max(t_started, last_finish);
    s.wall_s = t_end - t0;
    s.phases.startup_s = t_started - t0;
    s.phases.compute_s = compute_end - t_started;
    s.phases.shutdown_s = t_end - compute_end;
    s.events = std::move(events);
    s.events_truncated = total > kMaxEventsKept;
    if (cancelled(job)) {
        s.status = Status::Cancelled;
        s.error = "cancelled";
    }
    return s;
}

} // namespace chunkscope::detail

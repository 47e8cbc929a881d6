// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/trace.h"

#include "chunkscope/registry.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <set>
#include <string>

namespace chunkscope {

namespace {

using Json = nlohmann::ordered_json;   // keys in the order written, as the other reports

Json meta(const char* what, int pid, int tid, const std::string& name)
{
    return Json{{"name", what}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", Json{{"name", name}}}};
}

Json span(const std::string& name, const char* cat, int pid, int tid, double start_s, double dur_s, Json args)
{
    return Json{{"name", name},         {"cat", cat},           {"ph", "X"},   {"pid", pid}, {"tid", tid},
                {"ts", start_s * 1e6}, {"dur", dur_s * 1e6}, {"args", std::move(args)}};
}

} // namespace

void write_trace(std::ostream& os, const CellResult& r, const MachineInfo& machine)
{
    const RunConfig& c = r.config;
    const bool processes = strategy_info(c.strategy).processes;
    constexpr int kCoordinator = 0; // the parent process, or the process the threads live in
    Json events = Json::array();
    // The mpi strategies and the Dask clusters: one process per rank or Dask worker, named with its
    // pid and host.
    const auto rank_name = [&](int worker) -> std::string {
        for (const RankPlace& p : r.ranks)
            if (p.worker == worker)
                return std::string(place_noun(c.strategy)) + " " + std::to_string(p.rank) + " (pid " +
                       std::to_string(p.pid) + " on " + p.host + ")";
        return {};
    };
    const std::string dealer = rank_name(-1);
    events.push_back(meta("process_name", kCoordinator, 0,
                          !dealer.empty() ? "coordinator: " + dealer
                          : processes     ? "coordinator (parent process)"
                                          : std::string(to_string(c.strategy))));
    events.push_back(meta("thread_name", kCoordinator, 0, "coordinator"));

    std::set<int> workers;
    for (const TaskEvent& e : r.events)
        workers.insert(e.worker);
    for (int w : workers) {
        const std::string rank = rank_name(w);
        const std::string name =
            !rank.empty() ? rank : (processes ? "worker process " : "worker thread ") + std::to_string(w);
        if (processes) {
            events.push_back(meta("process_name", w + 1, 0, name));
            events.push_back(meta("thread_name", w + 1, 0, name));
        } else {
            events.push_back(meta("thread_name", kCoordinator, w + 1, name));
        }
    }

    // The last repetition's wall time bounds its events; phases are medians over repetitions.
    const double wall = r.samples.empty() ? r.median_s : r.samples.back();
    const double startup = r.phases[Phase::Startup];
    const double shutdown = r.phases[Phase::Shutdown];
    if (startup > 0)
        events.push_back(span(std::string(to_string(Phase::Startup)), "phase", kCoordinator, 0, 0.0, startup,
                              Json::object()));
    if (shutdown > 0 && wall > shutdown)
        events.push_back(span(std::string(to_string(Phase::Shutdown)), "phase", kCoordinator, 0, wall - shutdown,
                              shutdown, Json::object()));
    for (const TaskEvent& e : r.events) {
        const int pid = processes ? e.worker + 1 : kCoordinator;
        const int tid = processes ? 0 : e.worker + 1;
        const Json args{{"task", e.task}, {"items", e.items}, {"bytes", e.bytes}};
        const std::string name = "task " + std::to_string(e.task);
        if (e.receive_s <= 0 && e.send_s <= 0) {
            events.push_back(span(name, "compute", pid, tid, e.start_s, e.end_s - e.start_s, args));
            continue;
        }
        // The task, with its receive, compute and send nested under it (a viewer nests slices
        // of one thread by time).
        events.push_back(span(name, "task", pid, tid, e.task_start_s(), e.task_end_s() - e.task_start_s(), args));
        if (e.receive_s > 0)
            events.push_back(span("receive", "receive", pid, tid, e.task_start_s(), e.receive_s, Json{{"task", e.task}}));
        events.push_back(span("compute", "compute", pid, tid, e.start_s, e.end_s - e.start_s, Json{{"task", e.task}}));
        if (e.send_s > 0)
            events.push_back(span("send", "send", pid, tid, e.end_s, e.send_s, Json{{"task", e.task}}));
    }

    const Json doc{{"traceEvents", std::move(events)},
                   {"displayTimeUnit", "ms"},
                   {"otherData",
                    Json{{"strategy", to_string(c.strategy)},
                         {"function", to_string(c.workload.function)},
                         {"kernel", to_string(c.workload.kernel)},
                         {"size", c.workload.size},
                         {"workers", c.workers},
                         {"splits", c.splits},
                         {"chunksize", c.chunksize},
                         {"wall_s", wall},
                         {"events_truncated", r.events_truncated},
                         {"cpu_model", machine.cpu_model},
                         {"logical_cores", machine.logical_cores}}}};
    os << doc.dump() << '\n';
}

} // namespace chunkscope

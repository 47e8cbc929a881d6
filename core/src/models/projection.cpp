// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/projection.h"

#include <algorithm>
#include <string>

namespace chunkscope {

std::string largest_part(const CellPrediction& p)
{
    const std::pair<double, const char*> parts[] = {
        {p.launch_s, "launch"}, {p.network_s, "network"}, {p.scheduler_s, "scheduler"}, {p.compute_s, "compute"}};
    const auto* top = std::max_element(std::begin(parts), std::end(parts),
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
    return top->second;
}

std::vector<int> projection_workers(int max_workers)
{
    std::vector<int> w;
    for (int p = 1; p <= max_workers; p *= 2)
        w.push_back(p);
    if (w.empty() || w.back() != max_workers)
        w.push_back(std::max(1, max_workers));
    return w;
}

double compute_per_item(const CellResult& cell, bool tasks_first, double phase_items, int cores, std::string& source)
{
    const RunConfig& c = cell.config;
    const int w = c.workers;
    double task_busy = 0, task_items = 0;
    for (const TaskEvent& e : cell.events) {
        task_busy += std::max(0.0, e.end_s - e.start_s);
        task_items += static_cast<double>(e.items);
    }
    const double phase = cell.phases.compute_s;
    const bool tasks = task_busy > 0 && task_items > 0 && (tasks_first || phase <= 0);
    double busy = task_busy, items = task_items;
    std::string from = "the tasks of the " + std::to_string(w) + "-worker cell (its last run), over their items";
    if (!tasks) {
        busy = phase;
        items = phase_items;
        from = "the median compute phase of the " + std::to_string(w) + "-worker cell, over its largest slice";
    }
    const double share = cores > 0 ? std::max(1.0, static_cast<double>(w) / cores) : 1.0;
    if (items <= 0 || busy <= 0)
        return 0;
    source = from;
    return busy / items / share / std::max(1, c.workload.intensity);
}

std::vector<MeasuredPoint> measured_points(std::span<const CellResult> cells,
                                           const std::function<CellPrediction(const RunConfig&)>& predict)
{
    std::vector<MeasuredPoint> out;
    for (const CellResult& r : cells) {
        if (r.status != Status::Ok || r.median_s <= 0)
            continue;
        MeasuredPoint p;
        p.workers = r.config.workers;
        p.measured_s = r.median_s;
        p.predicted = predict(r.config);
        p.ratio = p.predicted.total_s > 0 ? r.median_s / p.predicted.total_s : 0;
        out.push_back(std::move(p));
    }
    return out;
}

const CellResult* fewest_workers_cell(std::span<const CellResult> cells)
{
    const CellResult* fewest = nullptr;
    for (const CellResult& r : cells)
        if (r.status == Status::Ok && (!r.events.empty() || r.phases.compute_s > 0) &&
            (!fewest || r.config.workers < fewest->config.workers))
            fewest = &r;
    return fewest;
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#include "projection.h"

#include "chunkscope/format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace chunkscope::cli {

namespace {

constexpr const char* kStatement =
    "Hockney: a message of n bytes takes latency_s + n / bandwidth_bytes_per_s. mpi: rank 0 sends every task "
    "(8 bytes per item) and receives every result, one transfer at a time, while workers compute; "
    "mpi-distributed: each rank computes ceil(N / P) items, then the timings are gathered in ceil(log2 P) "
    "steps. Fresh pools add the launch, launch_s + launch_s_per_rank * ranks.";

nlohmann::json network_json(const Network& n, const std::string& source)
{
    return {{"latency_s", n.latency_s}, {"bandwidth_bytes_per_s", n.bandwidth_bytes_per_s}, {"source", source}};
}

nlohmann::json prediction_json(const CellPrediction& p, bool scheduler = false)
{
    nlohmann::json j{{"predicted_s", p.total_s}, {"launch_s", p.launch_s}, {"network_s", p.network_s},
                     {"compute_s", p.compute_s}, {"bound", p.bound}};
    if (scheduler)
        j["scheduler_s"] = p.scheduler_s;
    return j;
}

// "Network model: compute 2.9 ns per item, from ..."; or, without a model, why: returns false then.
bool write_heading(std::ostream& os, const char* name, const std::string& error, double per_item,
                   const std::string& source)
{
    if (!error.empty()) {
        os << '\n' << name << ": none: " << error << '\n';
        return false;
    }
    char line[240];
    std::snprintf(line, sizeof line, "\n%s: compute %.3g ns per item, from %s", name, per_item * 1e9, source.c_str());
    os << line << '\n';
    return true;
}

std::string speedup_text(double speedup)
{
    char text[32] = "-";
    if (speedup > 0)
        std::snprintf(text, sizeof text, "%.3gx", speedup);
    return text;
}

std::string dumped(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// A report with `key` added.
std::string with_key(const std::string& report, const char* key, const std::string& value)
{
    auto doc = nlohmann::json::parse(report, nullptr, false);
    if (doc.is_discarded())
        return report;
    doc[key] = nlohmann::json::parse(value);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

// A point's prediction with the point's own fields beside it.
nlohmann::json with_fields(nlohmann::json prediction, const nlohmann::json& fields)
{
    prediction.update(fields);
    return prediction;
}

} // namespace

void write_projection(std::ostream& os, const ScaleModel& m)
{
    const RunFigures& f = m.figures;
    if (!write_heading(os, "Network model", m.error, f.compute_s_per_item, f.compute_source))
        return;
    char line[200];
    if (f.fresh)
        os << "  launch (fresh): " << format_seconds(f.launch_s) << " + " << format_seconds(f.launch_s_per_rank)
           << " per rank, from the cells' startup and shutdown\n";
    if (m.here_measured)
        os << "  link measured here: " << describe(m.here) << " (" << m.here_source << "); measured / model is in "
           << "the table above\n";
    else
        os << "  link here: " << m.here_source << '\n';
    os << "Projection on " << describe(m.typed) << " (" << m.typed_source << "), a core per rank"
       << (f.fresh ? ", one rank's launch per job" : "") << ":\n"
       << "  workers  ranks      model   speedup  bound\n";
    for (const ProjectedPoint& p : m.projected) {
        std::snprintf(line, sizeof line, "  %7d  %5d  %9s  %8s  %s\n", p.workers, p.ranks,
                      format_seconds(p.prediction.total_s).c_str(), speedup_text(p.speedup).c_str(),
                      p.prediction.bound.c_str());
        os << line;
    }
}

std::string projection_json(const ScaleModel& m)
{
    nlohmann::json j;
    if (!m.error.empty()) {
        j["error"] = m.error;
        return dumped(j);
    }
    j["model"] = kStatement;
    j["compute_s_per_item"] = m.figures.compute_s_per_item;
    j["compute_source"] = m.figures.compute_source;
    j["fresh"] = m.figures.fresh;
    j["launch_s"] = m.figures.launch_s;
    j["launch_s_per_rank"] = m.figures.launch_s_per_rank;
    j["sequential_s"] = m.sequential_s;
    j["measured_network"] = m.here_measured ? network_json(m.here, m.here_source)
                                            : nlohmann::json{{"source", m.here_source}};
    j["typed_network"] = network_json(m.typed, m.typed_source);
    auto measured = nlohmann::json::array();
    for (const MeasuredPoint& p : m.measured)
        measured.push_back(with_fields(prediction_json(p.predicted), {{"workers", p.workers},
                                                                      {"measured_s", p.measured_s},
                                                                      {"measured_over_predicted", p.ratio}}));
    j["measured"] = measured;
    auto projected = nlohmann::json::array();
    for (const ProjectedPoint& p : m.projected)
        projected.push_back(with_fields(prediction_json(p.prediction),
                                        {{"workers", p.workers}, {"ranks", p.ranks}, {"speedup", p.speedup}}));
    j["projected"] = projected;
    return dumped(j);
}

std::string with_projection(const std::string& report, const ScaleModel& m)
{
    return with_key(report, "network_model", projection_json(m));
}

void write_dask_projection(std::ostream& os, const DaskScaleModel& m, const std::optional<TwinProjection>& twin)
{
    if (!write_heading(os, "Dask model", m.error, m.compute_s_per_item, m.compute_source))
        return;
    const DaskClusterCosts& k = m.costs;
    char line[240];
    os << "  the cluster's costs measured here (" << k.workers << " workers"
       << (k.scheduler.empty() ? ", a LocalCluster" : ", " + k.scheduler) << "): task " << format_seconds(k.task_s)
       << ", scatter " << format_bytes(k.scatter_bandwidth) << "/s, gather " << format_bytes(k.gather_bandwidth)
       << "/s, start " << format_seconds(k.start_s) << " + " << format_seconds(k.start_per_worker_s)
       << " per worker, close " << format_seconds(k.close_s) << "; measured / model is in the table above\n";
    const std::string twin_name = twin ? std::string(to_string(twin->strategy)) : std::string("the mpi twin");
    if (twin && twin->error.empty())
        os << "  " << twin_name << " (twin): the network model on Open MPI's link " << describe(twin->link) << " ("
           << twin->link_source << "), the same compute per item, warm\n";
    else
        os << "  " << twin_name << " (twin): no projection: " << (twin ? twin->error : std::string("not asked")) << '\n';
    const bool beside = twin && twin->error.empty() && twin->projected.size() == m.projected.size();
    os << "Projection, a core per worker" << (m.fresh ? ", one worker's start per cluster" : "") << ":\n"
       << "  workers       dask   speedup  bound    ";
    // The twin's time column: as wide as its name, and at least a time's 9 characters.
    const int twin_width = std::max(9, static_cast<int>(twin_name.size()));
    if (beside)
        os << "  " << std::string(twin_width - twin_name.size(), ' ') << twin_name << "   speedup  bound";
    os << '\n';
    for (std::size_t i = 0; i < m.projected.size(); ++i) {
        const ProjectedPoint& p = m.projected[i];
        std::snprintf(line, sizeof line, "  %7d  %9s  %8s  %-9s", p.workers, format_seconds(p.prediction.total_s).c_str(),
                      speedup_text(p.speedup).c_str(), p.prediction.bound.c_str());
        os << line;
        if (beside) {
            const ProjectedPoint& t = twin->projected[i];
            std::snprintf(line, sizeof line, "  %*s  %8s  %s", twin_width,
                          format_seconds(t.prediction.total_s).c_str(), speedup_text(t.speedup).c_str(),
                          t.prediction.bound.c_str());
            os << line;
        }
        os << '\n';
    }
}

std::string dask_projection_json(const DaskScaleModel& m, const std::optional<TwinProjection>& twin)
{
    nlohmann::json j;
    if (!m.error.empty()) {
        j["error"] = m.error;
        return dumped(j);
    }
    const DaskClusterCosts& k = m.costs;
    j["model"] = dask_model_statement();
    j["strategy"] = to_string(m.strategy);
    j["compute_s_per_item"] = m.compute_s_per_item;
    j["compute_source"] = m.compute_source;
    j["fresh"] = m.fresh;
    j["sequential_s"] = m.sequential_s;
    j["costs"] = {{"source", "measured here"},
                  {"scheduler", k.scheduler.empty() ? nlohmann::json(nullptr) : nlohmann::json(k.scheduler)},
                  {"workers", k.workers},
                  {"start_s", k.start_s},
                  {"start_per_worker_s", k.start_per_worker_s},
                  {"close_s", k.close_s},
                  {"task_s", k.task_s},
                  {"scatter_bandwidth_bytes_per_s", k.scatter_bandwidth},
                  {"gather_bandwidth_bytes_per_s", k.gather_bandwidth}};
    auto measured = nlohmann::json::array();
    for (const MeasuredPoint& p : m.measured)
        measured.push_back(with_fields(prediction_json(p.predicted, true), {{"workers", p.workers},
                                                                            {"measured_s", p.measured_s},
                                                                            {"measured_over_predicted", p.ratio}}));
    j["measured"] = measured;
    auto projected = nlohmann::json::array();
    for (const ProjectedPoint& p : m.projected)
        projected.push_back(with_fields(prediction_json(p.prediction, true),
                                        {{"workers", p.workers}, {"speedup", p.speedup}}));
    j["projected"] = projected;
    nlohmann::json t;
    if (!twin) {
        t["error"] = "not asked";
    } else if (!twin->error.empty()) {
        t["strategy"] = to_string(twin->strategy);
        t["error"] = twin->error;
    } else {
        t["strategy"] = to_string(twin->strategy);
        t["model"] = kStatement;
        t["measured_network"] = network_json(twin->link, twin->link_source);
        t["compute_s_per_item"] = twin->compute_s_per_item;
        t["pool"] = "warm";
        auto points = nlohmann::json::array();
        for (const ProjectedPoint& p : twin->projected)
            points.push_back(with_fields(prediction_json(p.prediction),
                                         {{"workers", p.workers}, {"ranks", p.ranks}, {"speedup", p.speedup}}));
        t["projected"] = points;
    }
    j["twin"] = t;
    return dumped(j);
}

std::string with_dask_projection(const std::string& report, const DaskScaleModel& m,
                                 const std::optional<TwinProjection>& twin)
{
    return with_key(report, "dask_model", dask_projection_json(m, twin));
}

} // namespace chunkscope::cli

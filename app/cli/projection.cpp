// SPDX-License-Identifier: GPL-3.0-or-later
#include "projection.h"

#include "chunkscope/format.h"

#include <nlohmann/json.hpp>

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

nlohmann::json prediction_json(const CellPrediction& p)
{
    return {{"predicted_s", p.total_s}, {"launch_s", p.launch_s}, {"network_s", p.network_s},
            {"compute_s", p.compute_s}, {"bound", p.bound}};
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
    if (!m.error.empty()) {
        os << "\nNetwork model: none: " << m.error << '\n';
        return;
    }
    const RunFigures& f = m.figures;
    char line[200];
    std::snprintf(line, sizeof line, "\nNetwork model: compute %.3g ns per item, from %s", f.compute_s_per_item * 1e9,
                  f.compute_source.c_str());
    os << line << '\n';
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
        char speedup[32] = "-";
        if (p.speedup > 0)
            std::snprintf(speedup, sizeof speedup, "%.3gx", p.speedup);
        std::snprintf(line, sizeof line, "  %7d  %5d  %9s  %8s  %s\n", p.workers, p.ranks,
                      format_seconds(p.prediction.total_s).c_str(), speedup, p.prediction.bound.c_str());
        os << line;
    }
}

std::string projection_json(const ScaleModel& m)
{
    nlohmann::json j;
    if (!m.error.empty()) {
        j["error"] = m.error;
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string with_projection(const std::string& report, const ScaleModel& m)
{
    auto doc = nlohmann::json::parse(report, nullptr, false);
    if (doc.is_discarded())
        return report;
    doc["network_model"] = nlohmann::json::parse(projection_json(m));
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

} // namespace chunkscope::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/classresults.h"

#include "chunkscope/format.h"
#include "chunkscope/inputfile.h"
#include "chunkscope/plan.h"

#include "reportjson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <set>

namespace chunkscope {

namespace {

using Json = nlohmann::ordered_json;

// What makes a report's experiment, each part as the text a difference shows.
struct Experiment {
    std::string strategy, function, kernel, intensity, size, grid;
};

template <class T>
std::string joined(const std::set<T>& values, const char* sep = ", ")
{
    std::string text;
    for (const T& v : values) {
        if (!text.empty())
            text += sep;
        if constexpr (std::is_same_v<T, std::string>)
            text += v;
        else
            text += format_size(v);
    }
    return text.empty() ? "none" : text;
}

Experiment experiment_of(std::span<const CellResult> cells)
{
    // A sequential baseline beside other strategies is not part of the experiment.
    const bool only_sequential =
        std::all_of(cells.begin(), cells.end(), [](const CellResult& c) { return is_sequential(c.config.strategy); });
    std::set<std::string> strategies, functions, kernels, intensities, sizes;
    std::set<std::size_t> splits, chunks;
    for (const CellResult& c : cells) {
        if (is_sequential(c.config.strategy) && !only_sequential)
            continue;
        const GridPoint p = grid_point(c.config);
        strategies.insert(std::string(to_string(c.config.strategy)));
        functions.insert(std::string(to_string(c.config.workload.function)));
        kernels.insert(std::string(to_string(c.config.workload.kernel)));
        intensities.insert(std::to_string(c.config.workload.intensity));
        sizes.insert(format_size(c.config.workload.size));
        splits.insert(p.splits);
        chunks.insert(p.chunksize);
    }
    return {joined(strategies), joined(functions), joined(kernels), joined(intensities), joined(sizes),
            "splits " + joined(splits) + " x chunksize " + joined(chunks)};
}

} // namespace

std::vector<ExperimentDifference> experiment_differences(std::span<const CellResult> report,
                                                         std::span<const CellResult> cls)
{
    const Experiment a = experiment_of(report);
    const Experiment b = experiment_of(cls);
    std::vector<ExperimentDifference> d;
    const auto differ = [&](const char* field, const std::string& x, const std::string& y) {
        if (x != y)
            d.push_back({field, x, y});
    };
    differ("strategy", a.strategy, b.strategy);
    differ("function", a.function, b.function);
    differ("kernel", a.kernel, b.kernel);
    differ("intensity", a.intensity, b.intensity);
    differ("size", a.size, b.size);
    differ("grid", a.grid, b.grid);
    return d;
}

std::string describe_experiment(std::span<const CellResult> cells)
{
    const Experiment e = experiment_of(cells);
    std::string text = e.strategy + ", " + e.function + " (" + e.kernel + ")";
    if (e.intensity != "1")
        text += " x" + e.intensity;
    return text + ", " + e.size + " items, " + e.grid;
}

std::string describe(std::span<const ExperimentDifference> differences)
{
    std::string text;
    for (const ExperimentDifference& d : differences)
        text += (text.empty() ? "" : "; ") + d.field + ": " + d.report + ", not " + d.cls;
    return text;
}

ClassResults group_class(std::vector<ClassReport> reports)
{
    ClassResults out;
    out.reports = std::move(reports);
    // Groups of reports of one experiment, each named by its first report.
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < out.reports.size(); ++i) {
        const Report& r = out.reports[i].report;
        if (!r.error.empty()) {
            out.unreadable.push_back(i);
            continue;
        }
        if (r.results.empty())
            continue;
        const auto same = std::find_if(groups.begin(), groups.end(), [&](const std::vector<std::size_t>& g) {
            return experiment_differences(r.results, out.reports[g.front()].report.results).empty();
        });
        if (same == groups.end())
            groups.push_back({i});
        else
            same->push_back(i);
    }
    const auto biggest = std::max_element(groups.begin(), groups.end(), [](const auto& x, const auto& y) {
        return x.size() < y.size();   // max_element keeps the first of equals
    });
    const std::vector<std::size_t> cls = biggest == groups.end() ? std::vector<std::size_t>{} : *biggest;
    for (std::size_t i = 0; i < out.reports.size(); ++i) {
        const Report& r = out.reports[i].report;
        if (!r.error.empty())
            continue;
        if (r.results.empty()) {
            out.others.push_back({i, {}, "the report holds no results"});
            continue;
        }
        if (std::find(cls.begin(), cls.end(), i) == cls.end()) {
            auto d = experiment_differences(r.results, out.reports[cls.front()].report.results);
            std::string reason = describe(d);
            out.others.push_back({i, std::move(d), std::move(reason)});
            continue;
        }
        ClassMachine m;
        m.report = i;
        const auto& cells = r.results;
        const bool only_sequential = std::all_of(cells.begin(), cells.end(), [](const CellResult& c) {
            return is_sequential(c.config.strategy);
        });
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const CellResult& c = cells[k];
            if (c.status != Status::Ok || c.median_s <= 0 || (is_sequential(c.config.strategy) && !only_sequential))
                continue;
            if (!m.best || c.median_s < cells[*m.best].median_s)
                m.best = k;
        }
        if (m.best) {
            const CellResult& best = cells[*m.best];
            const RunConfig baseline = baseline_of(best.config);
            for (const CellResult& c : cells)
                if (c.status == Status::Ok && c.median_s > 0 && same_experiment(c.config, baseline)) {
                    m.baseline_s = c.median_s;
                    m.speedup = c.median_s / best.median_s;
                    break;
                }
            if (best.floors.machine_s > 0)
                m.floor_s = best.floors.machine_s;
        }
        out.machines.push_back(m);
    }
    return out;
}

ClassResults read_class(const std::vector<std::string>& paths)
{
    // A folder stands for its .json files, by name.
    std::vector<std::string> files;
    std::vector<ClassReport> reports;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {
            files.push_back(path);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec))
            if (entry.path().extension() == ".json" && entry.is_regular_file(ec))
                found.push_back(entry.path().string());
        std::sort(found.begin(), found.end());
        if (found.empty())
            found.push_back(path);   // read as a file: "it is a folder, not a file"
        files.insert(files.end(), found.begin(), found.end());
    }
    for (const std::string& path : files) {
        ClassReport r{path, {}};
        std::ifstream in;
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            r.report.error = "the folder holds no .json report";
        else if (const std::string problem = open_input_file(path, in); !problem.empty())
            r.report.error = "cannot open it: " + problem;
        else if (r.report = read_json(in); !r.report.error.empty())
            r.report.error = "not a Chunkscope report: " + r.report.error;
        reports.push_back(std::move(r));
    }
    return group_class(std::move(reports));
}

const CellResult* best_cell(const ClassResults& c, const ClassMachine& m)
{
    return m.best ? &c.reports[m.report].report.results[*m.best] : nullptr;
}

std::string governor_text(const MachineInfo& m) { return m.governor.empty() ? "not reported" : m.governor; }

namespace {

std::string cell_text(const CellResult& c)
{
    const GridPoint p = grid_point(c.config);
    return std::string(to_string(c.config.strategy)) + " " + format_size(p.splits) + " x " + format_size(p.chunksize) +
           ", " + std::to_string(c.config.workers) + " w";
}

std::string speedup_text(const std::optional<double>& s)
{
    if (!s)
        return "no baseline";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2fx", *s);
    return buf;
}

void write_class_json(std::ostream& os, const ClassResults& c)
{
    Json machines = Json::array();
    for (const ClassMachine& m : c.machines) {
        const ClassReport& r = c.reports[m.report];
        const MachineInfo& mi = r.report.machine;
        Json j{{"name", r.name},
               {"cpu_model", mi.cpu_model},
               {"logical_cores", mi.logical_cores},
               {"governor", mi.governor.empty() ? Json() : Json(mi.governor)},
               {"boost", mi.boost.empty() ? Json() : Json(mi.boost)},
               {"load_average", mi.load_average >= 0 ? Json(mi.load_average) : Json()}};
        if (const CellResult* b = best_cell(c, m)) {
            const GridPoint p = grid_point(b->config);
            j["best"] = {{"strategy", std::string(to_string(b->config.strategy))}, {"splits", p.splits},
                         {"chunksize", p.chunksize}, {"workers", b->config.workers}, {"median_s", b->median_s}};
        } else {
            j["best"] = Json();
        }
        j["baseline_s"] = m.baseline_s ? Json(*m.baseline_s) : Json();
        j["speedup"] = m.speedup ? Json(*m.speedup) : Json();
        j["floor_s"] = m.floor_s ? Json(*m.floor_s) : Json();
        machines.push_back(std::move(j));
    }
    Json others = Json::array();
    for (const ClassResults::Other& o : c.others) {
        Json d = Json::array();
        for (const ExperimentDifference& x : o.differences)
            d.push_back({{"field", x.field}, {"report", x.report}, {"class", x.cls}});
        others.push_back({{"name", c.reports[o.report].name}, {"reason", o.reason}, {"differences", std::move(d)}});
    }
    Json unreadable = Json::array();
    for (const std::size_t i : c.unreadable)
        unreadable.push_back({{"name", c.reports[i].name}, {"error", c.reports[i].report.error}});
    Json out{{"machines", std::move(machines)}, {"other_experiment", std::move(others)},
             {"unreadable", std::move(unreadable)}};
    os << out.dump(2) << '\n';
}

} // namespace

void write_class(std::ostream& os, Format f, const ClassResults& c)
{
    if (f == Format::Json) {
        write_class_json(os, c);
        return;
    }
    if (f == Format::Csv) {
        os << "name,cpu_model,logical_cores,governor,strategy,splits,chunksize,workers,median_s,speedup,floor_s,"
              "experiment\n";
        for (const ClassMachine& m : c.machines) {
            const ClassReport& r = c.reports[m.report];
            const MachineInfo& mi = r.report.machine;
            os << detail::csv_field(r.name) << ',' << detail::csv_field(mi.cpu_model) << ',' << mi.logical_cores << ','
               << detail::csv_field(governor_text(mi)) << ',';
            if (const CellResult* b = best_cell(c, m)) {
                const GridPoint p = grid_point(b->config);
                os << to_string(b->config.strategy) << ',' << p.splits << ',' << p.chunksize << ','
                   << b->config.workers << ',' << b->median_s;
            } else {
                os << ",,,,";
            }
            os << ',' << (m.speedup ? std::to_string(*m.speedup) : "") << ','
               << (m.floor_s ? std::to_string(*m.floor_s) : "") << ",class\n";
        }
        for (const ClassResults::Other& o : c.others)
            os << detail::csv_field(c.reports[o.report].name) << ",,,,,,,,,,," << detail::csv_field("another experiment: " + o.reason)
               << '\n';
        for (const std::size_t i : c.unreadable)
            os << detail::csv_field(c.reports[i].name) << ",,,,,,,,,,," << detail::csv_field("unreadable: " + c.reports[i].report.error)
               << '\n';
        return;
    }
    // The table: columns as wide as their longest entry, so that nothing is cut.
    std::vector<std::vector<std::string>> rows{
        {"machine", "CPU", "cores", "governor", "best cell", "time", "speedup", "floor"}};
    for (const ClassMachine& m : c.machines) {
        const ClassReport& r = c.reports[m.report];
        const MachineInfo& mi = r.report.machine;
        const CellResult* b = best_cell(c, m);
        rows.push_back({r.name, mi.cpu_model.empty() ? "not reported" : mi.cpu_model,
                        mi.logical_cores > 0 ? std::to_string(mi.logical_cores) : "?", governor_text(mi),
                        b ? cell_text(*b) : "no cell ran", b ? format_seconds(b->median_s) : "-",
                        b ? speedup_text(m.speedup) : "-", m.floor_s ? format_seconds(*m.floor_s) : "not measured"});
    }
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size(); ++k)
            width[k] = std::max(width[k], row[k].size());
    if (!c.machines.empty()) {
        os << "Same experiment (" << c.machines.size() << (c.machines.size() == 1 ? " report" : " reports")
           << "): " << describe_experiment(c.reports[c.machines.front().report].report.results) << '\n';
        for (const auto& row : rows) {
            std::string line;
            for (std::size_t k = 0; k < row.size(); ++k) {
                std::string cell = row[k];
                // Numbers right-aligned, words left.
                const bool right = k == 2 || k >= 5;
                const std::string pad(width[k] - cell.size(), ' ');
                line += (k ? "  " : "") + (right ? pad + cell : cell + (k + 1 < row.size() ? pad : ""));
            }
            os << line << '\n';
        }
    } else {
        os << "No report with results to compare.\n";
    }
    if (!c.others.empty()) {
        os << "\nAnother experiment (not compared):\n";
        for (const ClassResults::Other& o : c.others)
            os << "  " << c.reports[o.report].name << ": " << o.reason << '\n';
    }
    if (!c.unreadable.empty()) {
        os << "\nCould not be read:\n";
        for (const std::size_t i : c.unreadable)
            os << "  " << c.reports[i].name << ": " << c.reports[i].report.error << '\n';
    }
}

} // namespace chunkscope

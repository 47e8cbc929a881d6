// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/reporters.h"

#include "chunkscope/format.h"
#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"
#include "daskjson.h"
#include "jsonfields.h"
#include "mpijson.h"
#include "reportjson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>
#include <stdexcept>

namespace chunkscope {

namespace detail {

using Json = nlohmann::ordered_json;

Json machine_json(const MachineInfo& m)
{
    return Json{{"cpu_model", m.cpu_model},           {"logical_cores", m.logical_cores},
                {"memory_total_bytes", m.memory_total_bytes}, {"memory_available_bytes", m.memory_available_bytes},
                {"os", m.os},                         {"compiler", m.compiler},
                {"build_flags", m.build_flags},       {"tbb_version", m.tbb_version},
                {"libc_version", m.libc_version},     {"chunkscope_version", m.chunkscope_version},
                // The machine's state when the run started: null where Linux does not say.
                {"governor", m.governor.empty() ? Json(nullptr) : Json(m.governor)},
                {"boost", m.boost.empty() ? Json(nullptr) : Json(m.boost)},
                {"load_average", m.load_average < 0 ? Json(nullptr) : Json(m.load_average)}};
}

// A report's notes: why its timings may be noisy (the machine's state when it started).
Json notes_json(const MachineInfo& m)
{
    Json notes = Json::array();
    for (const std::string& w : machine_state_warnings(m))
        notes.push_back("noisy: " + w);
    return notes;
}

Json cell_json(const CellResult& r)
{
    const RunConfig& c = r.config;
    Json phases = Json::object();
    for (Phase p : kAllPhases)
        phases[std::string(to_string(p)) + "_s"] = r.phases[p];
    Json cell{{"strategy", to_string(c.strategy)},  {"function", to_string(c.workload.function)},
                {"kernel", to_string(c.workload.kernel)}, {"intensity", c.workload.intensity},
                {"size", c.workload.size},            {"workers", c.workers},
                {"splits", c.splits},                 {"splits_auto", c.splits_auto},
                {"chunksize", c.chunksize},
                {"partitioner", to_string(c.partitioner)}, {"schedule", to_string(c.schedule)},
                {"memmap", c.memmap},                 {"pool", to_string(c.pool)},
                {"repeats", c.repeats},
                {"warmup", c.warmup == kWarmupSettle ? Json("settle") : Json(c.warmup)},
                {"cell_budget_s", c.cell_budget_s},   {"budget_cut", r.budget_cut},
                {"warmup_runs", r.warmup_runs},       {"warmup_settled", r.warmup_settled},
                {"median_s", r.median_s},             {"min_s", r.min_s},
                {"mean_s", r.mean_s},                 {"stddev_s", r.stddev_s},
                {"cv", r.cv},                         {"samples", r.samples},
                {"phases", std::move(phases)},
                {"tasks", task_count(c)},             {"verified", r.verified},
                {"status", to_string(r.status)},      {"error", r.error.empty() ? Json(nullptr) : Json(r.error)}};
    // One sample has no spread: no stddev and no cv (has_spread).
    if (!has_spread(r)) {
        cell.erase("stddev_s");
        cell.erase("cv");
    }
    // Only the tutorial's Python has it: numexpr's and numba's math may differ from numpy's in
    // the last bits, and how much is reported, never hidden.
    if (strategy_info(c.strategy).external)
        cell["max_ulp"] = r.max_ulp;
    // What made the input; absent in reports written before counter-v1 (the legacy generator).
    // Timed as the tutorial, numpy.random.rand made it inside the timed region.
    if (r.generator != Generator::Legacy && !c.as_tutorial)
        cell["generator"] = to_string(r.generator);
    if (c.as_tutorial) {
        cell["timing"] = "as-tutorial";
        cell["data"] = "numpy.random.rand(n), made inside the timed region";
    }
    // The floors, when the machine was measured for this report (--floors).
    if (r.floors.machine_s > 0)
        cell["floor_s"] = r.floors.machine_s;
    if (r.floors.own_s > 0) {
        Json own = Json::object();
        for (Phase p : kAllPhases)
            own[std::string(to_string(p)) + "_s"] = r.floors.own_phases[p];
        cell["own_floor_s"] = r.floors.own_s;
        cell["own_floor_phases"] = std::move(own);
    }
    if (is_mpi(c.strategy))
        cell["mpi"] = mpi_cell_json(r);
    else if (strategy_info(c.strategy).uses(Knob::DaskScheduler))
        cell["dask"] = dask_cell_json(r);   // the scheduler, the workers, those lost (daskjson.h)
    return cell;
}

MachineInfo read_machine(const Json& j)
{
    const Fields f(j, "machine");
    MachineInfo m;
    m.cpu_model = f.text("cpu_model");
    m.logical_cores = f.integer("logical_cores");
    m.memory_total_bytes = f.count("memory_total_bytes");
    m.memory_available_bytes = f.count("memory_available_bytes");
    m.os = f.text("os");
    m.compiler = f.text("compiler");
    m.build_flags = f.text("build_flags");
    m.tbb_version = f.text("tbb_version");
    m.libc_version = f.text("libc_version");
    m.chunkscope_version = f.text("chunkscope_version");
    // Absent in reports written before the machine's state was recorded.
    const auto text_or_null = [&](std::string_view key) {
        return !f.has(key) || f.at(key).is_null() ? std::string() : f.text(key);
    };
    m.governor = text_or_null("governor");
    m.boost = text_or_null("boost");
    m.load_average = !f.has("load_average") || f.at("load_average").is_null() ? -1.0 : f.number("load_average");
    return m;
}

void read_config(const Fields& f, RunConfig& c)
{
    c.strategy = f.name("strategy", parse_strategy, "strategy");
    c.workload.function = f.name("function", parse_function, "function");
    c.workload.kernel = f.name("kernel", parse_kernel, "kernel");
    c.workload.intensity = f.integer("intensity");
    c.workload.size = f.count("size");
    c.workers = f.integer("workers");
    c.splits = f.count("splits");
    // Absent before splits auto (the library's own chunks): a number of splits.
    if (f.has("splits_auto"))
        c.splits_auto = f.boolean("splits_auto");
    c.chunksize = f.count("chunksize");
    c.partitioner = f.name("partitioner", parse_partitioner, "partitioner");
    // Absent in reports and journals written before the omp strategy: the default.
    if (f.has("schedule"))
        c.schedule = f.name("schedule", parse_schedule, "schedule");
    // Absent before py-joblib: joblib's default.
    if (f.has("memmap"))
        c.memmap = f.boolean("memmap");
    c.pool = f.name("pool", parse_pool, "pool lifetime");
    c.repeats = f.integer("repeats");
    c.warmup = f.at("warmup") == Json("settle") ? kWarmupSettle : f.integer("warmup");
    // Absent in reports and journals written before the cell budget: none.
    c.cell_budget_s = f.has("cell_budget_s") ? f.number("cell_budget_s") : 0.0;
    if (const std::string problem = cell_budget_problem(c.cell_budget_s); !problem.empty())
        Fields::fail(f.path("cell_budget_s"), problem);
}

CellResult read_cell(const Json& j, const std::string& path)
{
    const Fields f(j, path);
    CellResult r;
    RunConfig& c = r.config;
    read_config(f, c);
    // "as-tutorial": one cold run as the tutorial timed it; absent: the lab's way.
    if (j.contains("timing"))
        c.as_tutorial = f.name(
            "timing", [](std::string_view t) { return t == "as-tutorial" ? std::optional<bool>(true) : std::nullopt; },
            "timing (allowed: as-tutorial)");
    // Absent in reports written before the warm-up rule: the count it asked for was made.
    r.warmup_runs = j.contains("warmup_runs") ? f.integer("warmup_runs") : std::max(c.warmup, 0);
    r.warmup_settled = j.contains("warmup_settled") && f.boolean("warmup_settled");
    r.median_s = f.number("median_s");
    r.min_s = f.number("min_s");
    r.mean_s = f.number("mean_s");
    // Absent where one sample measured no spread.
    r.stddev_s = j.contains("stddev_s") ? f.number("stddev_s") : 0.0;
    r.cv = j.contains("cv") ? f.number("cv") : 0.0;
    r.budget_cut = j.contains("budget_cut") && f.boolean("budget_cut");
    const Json& samples = f.typed("samples", f.at("samples").is_array(), "an array of numbers");
    for (std::size_t i = 0; i < samples.size(); ++i)
        r.samples.push_back(Fields::to_double(samples[i], f.path("samples") + "[" + std::to_string(i) + "]"));
    const Fields p(f.at("phases"), f.path("phases"));
    for (Phase phase : kAllPhases)
        r.phases[phase] = p.number(std::string(to_string(phase)) + "_s");
    (void)f.count("tasks");   // derived from the config; checked, not stored
    r.verified = f.boolean("verified");
    if (j.contains("max_ulp"))
        r.max_ulp = f.number("max_ulp");
    if (j.contains("floor_s"))
        r.floors.machine_s = f.number("floor_s");
    if (j.contains("own_floor_s")) {
        r.floors.own_s = f.number("own_floor_s");
        const Fields own(f.at("own_floor_phases"), f.path("own_floor_phases"));
        for (Phase phase : kAllPhases)
            r.floors.own_phases[phase] = own.number(std::string(to_string(phase)) + "_s");
    }
    r.generator = j.contains("generator") ? f.name("generator", parse_generator, "generator (legacy, counter-v1)")
                                          : Generator::Legacy;
    r.status = f.name("status", parse_status, "status (ok, failed, cancelled)");
    const Json& error = f.typed("error", f.at("error").is_null() || f.at("error").is_string(), "a string or null");
    r.error = error.is_null() ? std::string() : error.get<std::string>();
    try {
        read_mpi_cell(j, r);
        read_dask_cell(j, r);
    } catch (const std::runtime_error& e) {
        Fields::fail(path, e.what());
    }
    return r;
}

std::string csv_field(std::string_view s)
{
    if (s.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(s);
    std::string q = "\"";
    for (const char c : s) {
        q += c;
        if (c == '"')
            q += '"';
    }
    return q + "\"";
}

} // namespace detail

namespace {

using detail::csv_field;
using detail::Fields;
using detail::Json;
using detail::ReadError;
using detail::plain_message;
using detail::cell_json;
using detail::machine_json;
using detail::read_cell;
using detail::read_machine;

// --- Text formats. ---

std::string number_text(double v)
{
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

// "analyses": {"compare": [rows], "scale": [rows]}, each row an index into "results".
ReportAnalyses read_analyses(const Json& j, std::size_t rows)
{
    const Fields f(j, "analyses");
    const auto read = [&](const char* name) {
        std::vector<std::size_t> out;
        if (!j.contains(name))
            return out;
        const Json& list = f.typed(name, f.at(name).is_array(), "an array of row numbers");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string where = f.path(name) + "[" + std::to_string(i) + "]";
            if (!list[i].is_number_unsigned() || list[i].get<std::size_t>() >= rows)
                Fields::fail(where, "expected the number of a row of \"results\" (0 to " +
                                        std::to_string(rows == 0 ? 0 : rows - 1) + ")");
            out.push_back(list[i].get<std::size_t>());
        }
        return out;
    };
    ReportAnalyses a;
    a.compare = read("compare");
    a.scale = read("scale");
    return a;
}

} // namespace

std::optional<Format> parse_format(std::string_view name)
{
    if (name == "table")
        return Format::Table;
    if (name == "csv")
        return Format::Csv;
    if (name == "json")
        return Format::Json;
    return std::nullopt;
}

void write_json(std::ostream& os, const MachineInfo& m, std::span<const CellResult> results,
                const ReportAnalyses& analyses)
{
    Json cells = Json::array();
    for (const CellResult& r : results)
        cells.push_back(cell_json(r));
    Json doc{{"machine", machine_json(m)}, {"results", std::move(cells)}};
    if (!analyses.empty()) {
        Json a = Json::object();
        if (!analyses.compare.empty())
            a["compare"] = analyses.compare;
        if (!analyses.scale.empty())
            a["scale"] = analyses.scale;
        doc["analyses"] = std::move(a);
    }
    if (Json notes = detail::notes_json(m); !notes.empty())
        doc["notes"] = std::move(notes);
    // Invalid UTF-8 (say, in an error message) is replaced rather than thrown about.
    os << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

Report read_json(std::istream& is)
{
    Report report;
    try {
        Json doc;
        try {
            doc = Json::parse(is);
        } catch (const Json::exception& e) {
            report.error = "not JSON (" + plain_message(e) + ")";
            return report;
        }
        if (!doc.is_object() || !doc.contains("results") || !doc.at("results").is_array())
            throw ReadError(std::string("not a Chunkscope report: expected an object with a \"results\" array and "
                                        "a \"machine\" object, found ") +
                            (doc.is_object() ? "an object without a \"results\" array" : doc.type_name()));
        if (!doc.contains("machine"))
            throw ReadError("not a Chunkscope report: no \"machine\" object");
        report.machine = read_machine(doc.at("machine"));
        const Json& cells = doc.at("results");
        for (std::size_t i = 0; i < cells.size(); ++i)
            report.results.push_back(read_cell(cells[i], "results[" + std::to_string(i) + "]"));
        if (doc.contains("analyses"))
            report.analyses = read_analyses(doc.at("analyses"), report.results.size());
    } catch (const std::exception& e) {
        report = Report{};
        report.error = plain_message(e);
    }
    return report;
}

void write_csv(std::ostream& os, std::span<const CellResult> results)
{
    os << "strategy,function,kernel,intensity,size,workers,splits,chunksize,partitioner,pool,repeats,warmup,"
          "warmup_runs,median_s,min_s,mean_s,stddev_s,cv,samples";
    for (Phase p : kAllPhases)
        os << ',' << to_string(p) << "_s";
    os << ",floor_s,own_floor_s,tasks,verified,status,error,cell_budget_s,budget_cut,schedule,memmap,splits_auto,dask_scheduler"
          ",dask_lose_worker,dask_workers_lost,dask_tasks_rerun\n";
    for (const CellResult& r : results) {
        const RunConfig& c = r.config;
        const bool dask = strategy_info(c.strategy).uses(Knob::DaskScheduler);
        std::string samples;
        for (std::size_t i = 0; i < r.samples.size(); ++i)
            samples.append(i == 0 ? "" : ";").append(number_text(r.samples[i]));
        os << to_string(c.strategy) << ',' << to_string(c.workload.function) << ',' << to_string(c.workload.kernel)
           << ',' << c.workload.intensity << ',' << c.workload.size << ',' << c.workers << ',' << c.splits << ','
           << c.chunksize << ',' << to_string(c.partitioner) << ',' << to_string(c.pool) << ',' << c.repeats << ','
           << warmup_text(c.warmup) << ',' << r.warmup_runs;
        for (const double v : {r.median_s, r.min_s, r.mean_s})
            os << ',' << number_text(v);
        // Empty where one sample measured no spread (has_spread).
        for (const double v : {r.stddev_s, r.cv})
            os << ',' << (has_spread(r) ? number_text(v) : std::string());
        os << ',' << samples;
        for (Phase p : kAllPhases)
            os << ',' << number_text(r.phases[p]);
        // Empty where the machine was not measured for the report, or the strategy not modelled.
        for (const double floor : {r.floors.machine_s, r.floors.own_s})
            os << ',' << (floor > 0 ? number_text(floor) : std::string());
        os << ',' << task_count(c) << ',' << (r.verified ? "true" : "false") << ',' << to_string(r.status) << ','
           << csv_field(r.error) << ',' << number_text(c.cell_budget_s) << ',' << (r.budget_cut ? "true" : "false")
           << ',' << to_string(c.schedule) << ',' << memmap_text(c.memmap) << ','
           << (c.splits_auto ? "true" : "false") << ','
           << (dask ? csv_field(c.dask_scheduler) : std::string()) << ',';
        // Empty for a strategy not on a Dask cluster.
        if (dask)
            os << (c.dask_lose_worker ? "true" : "false") << ',' << r.worker_loss.workers.size() << ','
               << r.worker_loss.tasks_rerun;
        else
            os << ",,";
        os << '\n';
    }
}

std::string runs_text(const CellResult& r)
{
    std::string text = std::to_string(r.warmup_runs) + " + " + std::to_string(r.samples.size());
    if (r.budget_cut)
        text += " of " + std::to_string(r.config.repeats) + ", cut";
    return text;
}

void write_table(std::ostream& os, const MachineInfo& m, std::span<const CellResult> results)
{
    os << "Machine: " << m.cpu_model << ", " << m.logical_cores << " logical cores, " << m.compiler << '\n';
    if (results.empty()) {
        os << "No results.\n";
        return;
    }
    const Workload& w = results.front().config.workload;
    const int workers = results.front().config.workers;
    const bool same = std::all_of(results.begin(), results.end(), [&](const CellResult& r) {
        return r.config.workload == w && r.config.workers == workers;
    });
    if (same)
        os << "Workload: " << to_string(w.function) << " (" << to_string(w.kernel) << "), intensity "
           << w.intensity << ", " << format_size(w.size) << " items, " << workers << " workers\n";
    // A figure timed the tutorial's way is never read as a warmed median.
    if (std::any_of(results.begin(), results.end(), [](const CellResult& r) { return r.config.as_tutorial; }))
        os << "Timed as the tutorial timed it (rows marked \"as tutorial\"): one cold run in a fresh interpreter "
              "and pool, numpy.random.rand(n) inside the timed region; not a warmed median\n";

    std::vector<std::string> header{"strategy", "splits", "chunk", "tasks", "median", "min", "cv"};
    for (Phase p : kAllPhases)
        header.emplace_back(to_string(p));
    header.emplace_back("verified");
    // When the cell budget cut a cell: how many runs each cell got.
    const bool cut = std::any_of(results.begin(), results.end(), [](const CellResult& r) { return r.budget_cut; });
    if (cut)
        header.emplace_back("runs");
    // Measured for this report (--floors): the machine floor and how far from its own floor.
    const bool floors = std::any_of(results.begin(), results.end(), [](const CellResult& r) {
        return r.floors.machine_s > 0 || r.floors.own_s > 0;
    });
    if (floors) {
        header.emplace_back("floor");
        header.emplace_back("x own floor");
    }
    std::vector<std::vector<std::string>> rows{header};
    for (const CellResult& r : results) {
        const RunConfig& c = r.config;
        std::vector<std::string> row{std::string(to_string(c.strategy)) + (c.as_tutorial ? " (as tutorial)" : ""),
                                     format_size(effective_splits(c)) + (c.splits_auto ? " (auto)" : ""),
                                     format_size(effective_chunksize(c)), format_size(task_count(c))};
        if (r.status != Status::Ok) {
            std::string message = r.error;
            std::replace_if(message.begin(), message.end(), [](char ch) { return ch == '\n' || ch == '\r'; }, ' ');
            row.push_back(std::string(to_string(r.status)) + (message.empty() ? "" : ": " + message));
        } else {
            char cv[32] = "n/a";   // one sample has no spread
            if (has_spread(r))
                std::snprintf(cv, sizeof cv, "%.1f%%", r.cv * 100);
            for (const double v : {r.median_s, r.min_s})
                row.push_back(format_seconds(v));
            row.push_back(cv);
            for (Phase p : kAllPhases)
                row.push_back(format_seconds(r.phases[p]));
            row.push_back(!r.verified ? "no"
                          : r.max_ulp > 0 ? "yes, " + number_text(r.max_ulp) + " ulp"
                                          : "yes");
            if (cut)
                row.push_back(runs_text(r));
            if (floors) {
                char ratio[32];
                std::snprintf(ratio, sizeof ratio, "%.2fx", r.floors.own_s > 0 ? r.median_s / r.floors.own_s : 0.0);
                row.push_back(r.floors.machine_s > 0 ? format_seconds(r.floors.machine_s) : "-");
                row.push_back(r.floors.own_s > 0 ? ratio : "not modelled");
            }
        }
        rows.push_back(std::move(row));
        // A Dask worker lost: a line of its own under the cell (not a failure: verified as usual).
        if (!r.worker_loss.empty())
            rows.push_back({"  " + describe(r.worker_loss)});
    }
    // A failed row's message runs past the columns it replaces, a line under a cell runs alone:
    // neither widens the columns.
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size() && row.size() > 1 && (row.size() == header.size() || i < 4); ++i)
            width[i] = std::max(width[i], row[i].size());
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool last_free = row.size() != header.size() && i + 1 == row.size();
            const std::string pad(last_free ? 0 : width[i] - row[i].size(), ' ');
            line += (i == 0 ? "" : "  ") + (i == 0 || last_free ? row[i] + pad : pad + row[i]);
        }
        line.erase(line.find_last_not_of(' ') + 1);
        os << line << '\n';
    }
    if (cut)
        os << "runs: warm-up + timed runs a cell got; \"cut\" where its budget of " << number_text(results.front().config.cell_budget_s)
           << " s gave it fewer than asked\n";
    os << "Machine state: " << describe_machine_state(m) << '\n';
    for (const std::string& w : machine_state_warnings(m))
        os << "Note: a noisy run: " << w << '\n';
}

void write_report(std::ostream& os, Format f, const MachineInfo& m, std::span<const CellResult> results)
{
    switch (f) {
    case Format::Table:
        write_table(os, m, results);
        return;
    case Format::Csv:
        write_csv(os, results);
        return;
    case Format::Json:
        write_json(os, m, results);
        return;
    }
}

} // namespace chunkscope

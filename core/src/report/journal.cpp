// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/journal.h"

#include "chunkscope/config.h"
#include "chunkscope/registry.h"
#include "jsonfields.h"
#include "reportjson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <istream>
#include <iterator>
#include <map>

namespace chunkscope {

namespace {

using Json = nlohmann::ordered_json;
using detail::Fields;
using detail::ReadError;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json sweep_json(const SweepSpec& spec)
{
    const RunConfig& c = spec.base;
    const MpiOptions& m = c.mpi;
    return Json{{"strategy", to_string(c.strategy)},
                {"function", to_string(c.workload.function)},
                {"kernel", to_string(c.workload.kernel)},
                {"intensity", c.workload.intensity},
                {"size", c.workload.size},
                {"seed", c.workload.seed},
                {"workers", c.workers},
                {"splits", c.splits},
                {"splits_auto", c.splits_auto},
                {"chunksize", c.chunksize},
                {"partitioner", to_string(c.partitioner)},
                {"schedule", to_string(c.schedule)},
                {"memmap", c.memmap},
                {"pool", to_string(c.pool)},
                {"repeats", c.repeats},
                {"warmup", c.warmup == kWarmupSettle ? Json("settle") : Json(c.warmup)},
                {"cell_budget_s", c.cell_budget_s},
                {"mpi", Json{{"transport", to_string(m.transport)}, {"hostfile", m.hostfile},
                             {"mpirun", m.mpirun}, {"args", m.args}}},
                {"splits_list", spec.splits_list},
                {"chunks_list", spec.chunks_list},
                {"random_order", spec.random_order}};
}

// The sweep with its timing (config.h): absent for the lab's way, as in reports; and for the
// strategies on a Dask cluster its scheduler (null: a LocalCluster), as a report's "dask" says it.
Json timed_sweep_json(const SweepSpec& spec)
{
    Json j = sweep_json(spec);
    if (spec.base.as_tutorial)
        j["timing"] = "as-tutorial";
    if (strategy_info(spec.base.strategy).uses(Knob::DaskScheduler)) {
        j["dask_scheduler"] = spec.base.dask_scheduler.empty() ? Json(nullptr) : Json(spec.base.dask_scheduler);
        j["dask_lose_worker"] = spec.base.dask_lose_worker;
    }
    return j;
}

std::vector<std::size_t> read_list(const Fields& f, const Json& j, std::string_view key)
{
    const Json& list = f.typed(key, j.at(key).is_array() && !j.at(key).empty(), "a non-empty array of counts");
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_number_unsigned() || list[i].get<std::size_t>() == 0)
            Fields::fail(f.path(key) + "[" + std::to_string(i) + "]", "expected a count of at least 1, found " + dump(list[i]));
        out.push_back(list[i].get<std::size_t>());
    }
    return out;
}

SweepSpec read_sweep(const Json& j)
{
    const Fields f(j, "sweep");
    SweepSpec spec;
    RunConfig& c = spec.base;
    read_config(f, c);
    c.workload.seed = f.count("seed");
    const Fields m(f.at("mpi"), f.path("mpi"));
    c.mpi.transport = m.name("transport", parse_transport, "MPI transport");
    c.mpi.hostfile = m.text("hostfile");
    c.mpi.mpirun = m.text("mpirun");
    c.mpi.args = m.text("args");
    spec.splits_list = read_list(f, j, "splits_list");
    spec.chunks_list = read_list(f, j, "chunks_list");
    spec.random_order = f.boolean("random_order");
    if (j.contains("timing"))
        c.as_tutorial = f.name(
            "timing", [](std::string_view t) { return t == "as-tutorial" ? std::optional<bool>(true) : std::nullopt; },
            "timing (allowed: as-tutorial)");
    if (j.contains("dask_scheduler") && !j.at("dask_scheduler").is_null())
        c.dask_scheduler = f.text("dask_scheduler");
    // Absent before --dask-lose-worker: none killed.
    if (j.contains("dask_lose_worker"))
        c.dask_lose_worker = f.boolean("dask_lose_worker");
    return spec;
}

JournalHeader read_header(const Json& j)
{
    if (!j.is_object() || !j.contains("chunkscope_journal"))
        throw ReadError("not a Chunkscope journal: line 1 is not its header (an object with \"chunkscope_journal\")");
    const Fields f(j, "header");
    const int version = f.integer("chunkscope_journal");
    if (version != kJournalVersion)
        throw ReadError("a journal of version " + std::to_string(version) + "; this Chunkscope reads version " +
                        std::to_string(kJournalVersion));
    JournalHeader h;
    h.spec = read_sweep(f.at("sweep"));
    h.machine = detail::read_machine(f.at("machine"));
    h.generator = f.name("generator", parse_generator, "generator (legacy, counter-v1)");
    const std::size_t cells = f.count("cells");
    if (cells != sweep_cells(h.spec).size())
        Fields::fail("header.cells", std::to_string(cells) + " cells, but the sweep's lists make " +
                                         std::to_string(sweep_cells(h.spec).size()));
    return h;
}

// Parses one line; a syntax error says where in the line it is.
Json parse_line(const std::string& text, std::size_t line)
{
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::string what = detail::plain_message(e);
        if (const auto at = what.find("column "); at != std::string::npos)
            if (const auto colon = what.find(": ", at); colon != std::string::npos)
                what = what.substr(colon + 2);
        throw ReadError("line " + std::to_string(line) + ", column " + std::to_string(e.byte) + ": " + what);
    }
}

std::string cell_name(const CellResult& c)
{
    const GridPoint p = grid_point(c.config);
    return "the cell at splits " + std::to_string(p.splits) + ", chunksize " + std::to_string(p.chunksize);
}

// Every cell is one the header's sweep runs (or its baseline), and only once.
void check_cells(const Journal& j, const std::vector<std::size_t>& lines)
{
    const SweepSpec& spec = j.header.spec;
    std::map<GridPoint, std::size_t> planned;
    for (const RunConfig& c : sweep_cells(spec))
        planned.emplace(grid_point(c), 0);
    std::size_t baseline_line = 0;
    for (std::size_t i = 0; i < j.cells.size(); ++i) {
        const CellResult& cell = j.cells[i];
        const std::string where = "line " + std::to_string(lines[i]) + ": ";
        if (is_journal_baseline(spec, cell)) {
            if (baseline_line != 0)
                throw ReadError(where + "a second baseline; the first is on line " + std::to_string(baseline_line));
            baseline_line = lines[i];
            continue;
        }
        const auto it = planned.find(grid_point(cell.config));
        const bool ours = same_experiment(cell.config, spec.base) && cell.config.repeats == spec.base.repeats &&
                          cell.config.warmup == spec.base.warmup;
        if (!ours || it == planned.end())
            throw ReadError(where + cell_name(cell) + " (" + std::string(to_string(cell.config.strategy)) +
                            ") is not a cell of the sweep in the header");
        if (it->second != 0)
            throw ReadError(where + cell_name(cell) + " is already on line " + std::to_string(it->second));
        it->second = lines[i];
    }
}

template <typename T>
void differ(std::vector<JournalDifference>& out, const char* field, const T& a, const T& b)
{
    if (!(a == b))
        out.push_back({field, dump(Json(a)), dump(Json(b))});
}

} // namespace

JournalHeader journal_header(const SweepSpec& spec, const MachineInfo& machine)
{
    return JournalHeader{sweep_plan(spec), machine, kCurrentGenerator};
}

std::string journal_header_line(const JournalHeader& h)
{
    const Json j{{"chunkscope_journal", kJournalVersion},
                 {"sweep", timed_sweep_json(h.spec)},
                 {"cells", sweep_cells(h.spec).size()},
                 {"machine", detail::machine_json(h.machine)},
                 {"generator", to_string(h.generator)}};
    return dump(j) + '\n';
}

std::string journal_cell_line(const CellResult& cell) { return dump(detail::cell_json(cell)) + '\n'; }

Journal read_journal(std::istream& is)
{
    Journal journal;
    const std::string text{std::istreambuf_iterator<char>(is), std::istreambuf_iterator<char>()};
    if (text.empty()) {
        journal.error = "empty: not a Chunkscope journal";
        return journal;
    }
    std::vector<std::size_t> lines;
    try {
        std::size_t begin = 0;
        for (std::size_t line = 1; begin < text.size(); ++line) {
            const std::size_t newline = text.find('\n', begin);
            const bool whole = newline != std::string::npos;
            const std::string content = text.substr(begin, whole ? newline - begin : std::string::npos);
            const std::size_t next = whole ? newline + 1 : text.size();
            if (content.empty()) {
                if (line == 1)
                    throw ReadError("not a Chunkscope journal: line 1 is empty, where the journal's header belongs");
                begin = next;
                journal.valid_bytes = next;
                continue;
            }
            try {
                const Json j = parse_line(content, line);
                if (line == 1)
                    journal.header = read_header(j);
                else
                    journal.cells.push_back(detail::read_cell(j, "line " + std::to_string(line) + ": cell"));
                lines.push_back(line);
            } catch (const std::exception& e) {
                // Only a last line without its newline is what a crash while appending leaves.
                if (line == 1 && std::string_view(e.what()).rfind("not a", 0) != 0 &&
                    std::string_view(e.what()).rfind("a journal of", 0) != 0)
                    throw ReadError(std::string("not a Chunkscope journal: ") + e.what());
                if (whole)
                    throw;
                journal.notes.push_back("the last line (line " + std::to_string(line) +
                                        ") was cut short, as a crash while writing it leaves it: dropped, so "
                                        "its cell runs again");
                break;
            }
            begin = next;
            journal.valid_bytes = next;
        }
        if (lines.empty())
            throw ReadError("not a Chunkscope journal: its first line, the header, is cut short");
        check_cells(journal, {lines.begin() + 1, lines.end()});
    } catch (const std::exception& e) {
        const Journal empty;
        journal = empty;
        journal.error = detail::plain_message(e);
    }
    return journal;
}

std::vector<JournalDifference> sweep_differences(const SweepSpec& a, const SweepSpec& b)
{
    std::vector<JournalDifference> d;
    const RunConfig& x = a.base;
    const RunConfig& y = b.base;
    const auto name = [](auto v) { return std::string(to_string(v)); };
    differ(d, "strategy", name(x.strategy), name(y.strategy));
    differ(d, "function", name(x.workload.function), name(y.workload.function));
    differ(d, "kernel", name(x.workload.kernel), name(y.workload.kernel));
    differ(d, "intensity", x.workload.intensity, y.workload.intensity);
    differ(d, "size", x.workload.size, y.workload.size);
    differ(d, "seed", x.workload.seed, y.workload.seed);
    differ(d, "workers", x.workers, y.workers);
    differ(d, "partitioner", name(x.partitioner), name(y.partitioner));
    differ(d, "schedule", name(x.schedule), name(y.schedule));
    differ(d, "memmap", std::string(memmap_text(x.memmap)), std::string(memmap_text(y.memmap)));
    // "" is a LocalCluster; another strategy ignores them (as same_experiment does).
    if (strategy_info(x.strategy).uses(Knob::DaskScheduler) && strategy_info(y.strategy).uses(Knob::DaskScheduler)) {
        differ(d, "dask-scheduler", x.dask_scheduler.empty() ? std::string("a LocalCluster") : x.dask_scheduler,
               y.dask_scheduler.empty() ? std::string("a LocalCluster") : y.dask_scheduler);
        differ(d, "dask-lose-worker", std::string(x.dask_lose_worker ? "on" : "off"),
               std::string(y.dask_lose_worker ? "on" : "off"));
    }
    differ(d, "pool", name(x.pool), name(y.pool));
    differ(d, "repeats", x.repeats, y.repeats);
    differ(d, "warmup", warmup_text(x.warmup), warmup_text(y.warmup));
    differ(d, "cell-budget", x.cell_budget_s, y.cell_budget_s);
    differ(d, "mpi-transport", name(x.mpi.transport), name(y.mpi.transport));
    differ(d, "hostfile", x.mpi.hostfile, y.mpi.hostfile);
    differ(d, "mpirun", x.mpi.mpirun, y.mpi.mpirun);
    differ(d, "mpi-args", x.mpi.args, y.mpi.args);
    differ(d, "splits-list", a.splits_list, b.splits_list);
    differ(d, "chunks-list", a.chunks_list, b.chunks_list);
    differ(d, "random-order", a.random_order, b.random_order);
    return d;
}

std::vector<JournalDifference> machine_differences(const JournalHeader& a, const JournalHeader& b)
{
    std::vector<JournalDifference> d;
    differ(d, "cpu-model", a.machine.cpu_model, b.machine.cpu_model);
    differ(d, "logical-cores", a.machine.logical_cores, b.machine.logical_cores);
    differ(d, "generator", std::string(to_string(a.generator)), std::string(to_string(b.generator)));
    return d;
}

std::string describe(std::span<const JournalDifference> differences, const std::string& here)
{
    std::string text;
    for (const JournalDifference& d : differences)
        text += (text.empty() ? "" : "; ") + d.field + ": the journal has " + d.recorded + ", " + here + " " + d.current;
    return text;
}

bool is_journal_baseline(const SweepSpec& spec, const CellResult& cell)
{
    const RunConfig baseline = baseline_of(spec.base);
    return spec.base.strategy != StrategyKind::Sequential && cell.config.strategy == baseline.strategy &&
           cell.config.workload == baseline.workload;
}

std::vector<RunConfig> missing_cells(const Journal& journal)
{
    std::vector<GridPoint> done;
    for (const CellResult& c : journal.cells)
        if (!is_journal_baseline(journal.header.spec, c))
            done.push_back(grid_point(c.config));
    std::vector<RunConfig> missing;
    for (const RunConfig& c : sweep_order(journal.header.spec))
        if (std::find(done.begin(), done.end(), grid_point(c)) == done.end())
            missing.push_back(c);
    return missing;
}

} // namespace chunkscope

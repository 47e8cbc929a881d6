// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli: runs the engine from a terminal or a script (see --help).
//
// Exit codes: 0 done; 1 a run failed (a worker died: which and how is said on stderr; the report
// of what finished is still written); 2 bad usage or input, refused before anything runs, with
// one line on stderr; 130 cancelled by SIGINT or SIGTERM, after the engine has reaped every
// child and removed every shared-memory segment, and after writing what finished.

#include "commandline.h"
#include "images.h"
#include "journaloptions.h"
#include "progressline.h"
#include "projection.h"
#include "tables.h"

#include "chunkscope/atomicfile.h"
#include "chunkscope/inputfile.h"
#include "chunkscope/machine.h"
#include "chunkscope/observer.h"
#include "chunkscope/classresults.h"
#include "chunkscope/daskmodel.h"
#include "chunkscope/diff.h"
#include "chunkscope/format.h"
#include "chunkscope/mpi.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/plan.h"
#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"
#include "chunkscope/speedlimit.h"
#include "chunkscope/statistics.h"
#include "chunkscope/trace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <signal.h>
#include <unistd.h>

namespace {

using namespace chunkscope;
using namespace chunkscope::cli;

constexpr int kExitDone = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCancelled = 130;

// Set by SIGINT and SIGTERM; the engine polls it and stops within a fraction of a second.
// A lock-free atomic store is async-signal-safe.
CancelToken g_cancel;

void on_stop_signal(int /*signal*/) { g_cancel.cancel(); }

void install_signal_handlers()
{
    struct sigaction stop {};
    stop.sa_handler = on_stop_signal;
    sigemptyset(&stop.sa_mask);
    stop.sa_flags = SA_RESTART;
    sigaction(SIGINT, &stop, nullptr);
    sigaction(SIGTERM, &stop, nullptr);
    // A worker that dies closes its pipes: writing to one must fail with EPIPE, so that the run
    // reports which worker died and how, instead of SIGPIPE killing the CLI. A closed standard
    // output then shows as a write error.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
}

void error_line(const std::string& what) { std::cerr << "chunkscope-cli: error: " << what << '\n'; }


std::vector<CellResult> run_command(const CommandLine& cl, Observer& progress, JournalWriter* journal)
{
    // A journalled sweep writes each cell as it finishes, then tells the progress line.
    if (journal)
        journal->set_inner(&progress);
    Observer& observer = journal ? static_cast<Observer&>(*journal) : progress;
    Runner runner;
    std::vector<CellResult> results;
    switch (cl.command) {
    case Command::Run:
        results.push_back(runner.run(cl.base, &observer, &g_cancel));
        break;
    case Command::Sweep:
        if (cl.resume) {
            // The whole sweep: the journal's cells, then the ones it was missing.
            results = cl.resume->cells;
            for (CellResult& r : runner.run_cells(missing_cells(*cl.resume), &observer, &g_cancel))
                results.push_back(std::move(r));
        } else {
            results = runner.sweep(cl.sweep_spec(), &observer, &g_cancel);
        }
        break;
    case Command::Compare:
        results = runner.compare(cl.base, &observer, &g_cancel);
        break;
    case Command::Scale:
        results = runner.scale(cl.base, cl.workers_list, &observer, &g_cancel);
        break;
    case Command::Machine:
    case Command::Diff:
        break;
    }
    runner.release();
    return results;
}



// Opens --out before anything runs (written whole at the end, atomically); says why and
// returns false when it cannot.
bool open_out(const std::string& path, AtomicFile& file)
{
    if (path.empty())
        return true;
    if (!file.open(path))
        error_line("--out: " + file.error());
    return file.is_open();
}

// diff with three reports or more, or a folder of them: a class's machines side by side (classresults.h); an
// unreadable report is listed with its error (exit 1 then, after the table).
int run_class(const CommandLine& cl)
{
    std::vector<std::string> paths{cl.diff_a};
    if (!cl.diff_b.empty())
        paths.push_back(cl.diff_b);
    paths.insert(paths.end(), cl.diff_more.begin(), cl.diff_more.end());
    AtomicFile file;
    if (!open_out(cl.out_path, file))
        return kExitUsage;
    std::ostream& os = cl.out_path.empty() ? std::cout : file.stream();
    const ClassResults c = read_class(paths);
    for (const std::size_t i : c.unreadable)
        error_line("diff: \"" + c.reports[i].name + "\": " + c.reports[i].report.error);
    write_class(os, cl.format, c);
    os.flush();
    if (!os || (file.is_open() && !file.commit())) {
        error_line("could not write the comparison");
        return kExitFailed;
    }
    return c.unreadable.empty() ? kExitDone : kExitFailed;
}

// diff: the two reports read (a bad one: exit 2, naming it), compared cell by cell.
int run_diff(const CommandLine& cl)
{
    std::error_code ec;
    if (!cl.diff_more.empty() || cl.diff_b.empty() || std::filesystem::is_directory(cl.diff_a, ec) ||
        std::filesystem::is_directory(cl.diff_b, ec))
        return run_class(cl);
    Report reports[2];
    for (int i = 0; i < 2; ++i) {
        const std::string& path = i == 0 ? cl.diff_a : cl.diff_b;
        std::ifstream in;
        if (const std::string problem = open_input_file(path, in); !problem.empty()) {
            error_line("diff: cannot open \"" + path + "\": " + problem);
            return kExitUsage;
        }
        reports[i] = read_json(in);
        if (!reports[i].error.empty()) {
            error_line("diff: \"" + path + "\" is not a Chunkscope report: " + reports[i].error);
            return kExitUsage;
        }
    }
    AtomicFile file;
    if (!open_out(cl.out_path, file))
        return kExitUsage;
    std::ostream& os = cl.out_path.empty() ? std::cout : file.stream();
    const ResultsDiff diff = diff_results(reports[0].results, reports[1].results);
    if (diff.generators)
        std::cerr << "chunkscope-cli: " << generator_warning(*diff.generators, cl.diff_a, cl.diff_b) << '\n';
    write_diff(os, cl.format, diff, cl.diff_a, cl.diff_b);
    os.flush();
    if (!os || (file.is_open() && !file.commit())) {
        error_line("could not write the comparison");
        return kExitFailed;
    }
    return kExitDone;
}

// The STREAM arrays' bytes: as --stream-array says, or STREAM's rule.
std::size_t stream_array(const CommandLine& cl)
{
    return cl.stream_array_bytes > 0 ? cl.stream_array_bytes : stream_array_bytes();
}

int run_machine(const CommandLine& cl)
{
    AtomicFile file;
    if (!open_out(cl.out_path, file))
        return kExitUsage;
    SpeedLimits limits = measure_speed_limits(stream_array(cl), &g_cancel);
    if (g_cancel.cancelled())
        return kExitCancelled;
    // The tutorial's Python mechanisms, where an interpreter with numpy is found (else the why).
    limits.python = measure_python_costs(logical_cores(), &g_cancel);
    if (g_cancel.cancelled())
        return kExitCancelled;
    std::optional<MpiLink> link;
    if (cl.machine_mpi) {
        link = measure_mpi_link(cl.base.mpi, &g_cancel);
        if (g_cancel.cancelled())
            return kExitCancelled;
        if (!link->error.empty())
            error_line("machine --mpi: " + link->error);
        else
            limits.mpi_links.push_back(*link);   // the mpi strategies' own floors
    }
    if (cl.machine_dask) {
        // A Dask cluster's start, task and transfers: the two Dask clusters' own floors.
        const int workers = cl.machine_dask_workers > 0 ? cl.machine_dask_workers : logical_cores();
        limits.dask = measure_dask_costs(workers, cl.base.dask_scheduler, &g_cancel);
        if (g_cancel.cancelled())
            return kExitCancelled;
        if (!limits.dask.measured())
            error_line("machine --dask: " + limits.dask.error);
    }
    std::ostream& os = cl.out_path.empty() ? std::cout : file.stream();
    write_machine(os, cl.format, machine_info(), limits, link ? &*link : nullptr);
    os.flush();
    if (!os || (file.is_open() && !file.commit())) {
        error_line("could not write the report");
        return kExitFailed;
    }
    const bool dask_failed = cl.machine_dask && !limits.dask.measured();
    return (link && !link->error.empty()) || dask_failed ? kExitFailed : kExitDone;
}

// The extra files a command asked for: the run's trace, the images (images.h). Returns false
// (having said why) when one cannot be written.
bool write_extras(const CommandLine& cl, std::span<const CellResult> finished, const ChartInputs& in, int argc,
                  char** argv)
{
    bool ok = true;
    if (!cl.trace_path.empty() && !finished.empty()) {
        std::ostringstream trace;
        write_trace(trace, finished.front(), in.machine);
        if (const std::string error = write_file_atomically(cl.trace_path, trace.str()); !error.empty()) {
            error_line("--trace: " + error);
            ok = false;
        }
    }
    return write_images(cl, finished, in, &g_cancel, argc, argv) && ok;
}

// scale --project of an mpi strategy: the link of the transport the cells ran on, measured once
// for the command, and the network model beside the cells.
ScaleModel model_mpi(const CommandLine& cl, std::span<const CellResult> finished, double seq_s)
{
    const MpiLink link = measure_mpi_link(cl.base.mpi, &g_cancel);
    if (!link.error.empty() && !g_cancel.cancelled())
        std::cerr << "chunkscope-cli: note: the link could not be measured, so no prediction beside the "
                     "measured points: " << link.error << '\n';
    return model_scaling(finished, seq_s, &link, cl.network, logical_cores(), cl.project_workers);
}

// scale --project of a Dask cluster: its costs measured (as machine --dask, on the cells' scheduler
// or a LocalCluster of as many workers as the most the cells had; those --floors measured, when it
// did), the Dask model beside the cells, and the mpi twin's projection on Open MPI's TCP link
// measured here (Dask's own transfers go over TCP), when Open MPI is here.
std::pair<DaskScaleModel, std::optional<TwinProjection>> model_dask(const CommandLine& cl,
                                                                    std::span<const CellResult> finished, double seq_s,
                                                                    const std::optional<SpeedLimits>& limits)
{
    int workers = 1;
    for (const CellResult& r : finished)
        workers = std::max(workers, r.config.workers);
    const DaskClusterCosts costs = limits && limits->dask.measured() && limits->dask.workers == workers
                                       ? limits->dask
                                       : measure_dask_costs(workers, cl.base.dask_scheduler, &g_cancel);
    if (!costs.measured() && !g_cancel.cancelled())
        std::cerr << "chunkscope-cli: note: the Dask cluster's costs could not be measured, so no Dask model: "
                  << costs.error << '\n';
    DaskScaleModel m = model_dask_scaling(finished, seq_s, costs, logical_cores(), cl.project_workers);
    const auto twin_kind = twin_of(cl.base.strategy);
    if (!m.error.empty() || !twin_kind || g_cancel.cancelled())
        return {std::move(m), std::nullopt};
    RunConfig config = finished.front().config;
    config.strategy = *twin_kind;
    TwinProjection twin;
    twin.strategy = *twin_kind;
    if (const Availability a = mpi_availability(); !a.available) {
        twin.error = a.reason;
    } else {
        MpiOptions tcp = cl.base.mpi;
        tcp.transport = MpiTransport::Tcp;
        const MpiLink link = measure_mpi_link(tcp, &g_cancel);
        twin = project_twin(config, m.compute_s_per_item, link, seq_s, cl.project_workers);
    }
    if (!twin.error.empty() && !g_cancel.cancelled())
        std::cerr << "chunkscope-cli: note: no projection of the twin, " << to_string(*twin_kind) << ": " << twin.error
                  << '\n';
    return {std::move(m), std::move(twin)};
}

} // namespace

int main(int argc, char** argv)
{
    install_signal_handlers();

    ParseOutcome parsed = parse_command_line(argc, argv);
    if (!parsed.command_line) {
        if (!parsed.error.empty())
            error_line(parsed.error);
        return parsed.exit_code;
    }
    const CommandLine& cl = *parsed.command_line;
    if (cl.command == Command::Machine)
        return run_machine(cl);
    if (cl.command == Command::Diff)
        return run_diff(cl);

    if (!cl.python.empty())
        set_python_interpreter(cl.python);
    // Refuse bad input before anything runs: every cell that would run must be valid.
    const std::vector<RunConfig> cells = cl.planned_cells();
    for (const RunConfig& cell : cells) {
        if (const auto problem = validate(cell)) {
            error_line(*problem);
            return kExitUsage;
        }
    }
    AtomicFile file;
    if (!open_out(cl.out_path, file))
        return kExitUsage;
    std::string journal_error;
    const std::unique_ptr<JournalWriter> journal = open_journal(cl, &journal_error);
    if (!journal_error.empty()) {
        error_line(journal_error);
        return kExitUsage;
    }
    for (const std::string& note : cl.notes)
        std::cerr << "chunkscope-cli: " << note << '\n';

    const bool terminal = isatty(STDERR_FILENO) == 1;
    // The mpi strategies' warnings (more ranks than cores) always; their notes (mpirun runs as
    // root) on a terminal, as the JSON records them too.
    std::vector<std::string> said;
    for (const RunConfig& cell : cells)
        for (const std::string& n : mpi_notes(cell))
            if ((terminal || n.rfind("warning", 0) == 0) && std::find(said.begin(), said.end(), n) == said.end()) {
                said.push_back(n);
                std::cerr << "chunkscope-cli: " << n << '\n';
            }
    // The machine and its state (governor, boost, load) when the runs start, for the report, the
    // trace and the charts' footers.
    const MachineInfo at_start = machine_info();
    const std::vector<std::string> warnings_at_start = measurement_warnings();
    const std::time_t started = std::time(nullptr);
    if (terminal)
        for (const std::string& w : warnings_at_start)
            std::cerr << "chunkscope-cli: warning: " << w << '\n';
    ProgressLine progress(terminal);
    std::vector<CellResult> results;
    std::string engine_error;
    if (!g_cancel.cancelled()) {
        try {
            results = run_command(cl, progress, journal.get());
        } catch (const std::exception& e) {
            engine_error = e.what();
        }
    }
    progress.finish();

    // Write what finished; a cell cut short by cancellation has nothing to report.
    std::vector<CellResult> finished;
    std::copy_if(results.begin(), results.end(), std::back_inserter(finished),
                 [](const CellResult& r) { return r.status != Status::Cancelled; });
    std::ostream& os = cl.out_path.empty() ? std::cout : file.stream();
    // The machine, measured once after the runs when the report or the heatmap needs its floors.
    std::optional<SpeedLimits> limits;
    const bool colour_floor = cl.colour_by == HeatmapColour::Floor || cl.colour_by == HeatmapColour::OwnFloor;
    const bool images = wants_images(cl);
    if ((cl.floors || (colour_floor && images)) && !finished.empty() &&
        !g_cancel.cancelled()) {
        limits = measure_speed_limits(stream_array(cl), &g_cancel);
        const bool mpi = std::any_of(finished.begin(), finished.end(),
                                     [](const CellResult& r) { return is_mpi(r.config.strategy); });
        if (cl.floors && mpi && !g_cancel.cancelled()) {
            // The link the mpi cells' own floors are built on, measured on their transport.
            MpiLink link = measure_mpi_link(cl.base.mpi, &g_cancel);
            if (link.error.empty())
                limits->mpi_links.push_back(std::move(link));
            else if (!g_cancel.cancelled())
                std::cerr << "chunkscope-cli: note: the MPI link could not be measured, so the mpi cells have no "
                             "own floor: " << link.error << '\n';
        }
        int python_workers = 0;
        for (const CellResult& r : finished)
            if (strategy_info(r.config.strategy).tutorial_python)
                python_workers = std::max(python_workers, r.config.workers);
        if (cl.floors && python_workers > 0 && !g_cancel.cancelled()) {
            // What pickling and the Pool cost, the py cells' own floors.
            limits->python = measure_python_costs(python_workers, &g_cancel);
            if (!limits->python.measured() && !g_cancel.cancelled())
                std::cerr << "chunkscope-cli: note: the Python mechanisms could not be measured, so the py cells "
                             "have no own floor: " << limits->python.error << '\n';
        }
        int dask_workers = 0;
        for (const CellResult& r : finished)
            if (strategy_info(r.config.strategy).uses(Knob::DaskScheduler))
                dask_workers = std::max(dask_workers, r.config.workers);
        if (cl.floors && dask_workers > 0 && !g_cancel.cancelled()) {
            // What the cluster's start, a task and the transfers cost: the Dask cluster cells' own floors,
            // on their scheduler (a LocalCluster when none) with the most workers they ran on.
            limits->dask = measure_dask_costs(dask_workers, cl.base.dask_scheduler, &g_cancel);
            if (!limits->dask.measured() && !g_cancel.cancelled())
                std::cerr << "chunkscope-cli: note: the Dask cluster could not be measured, so its cells have no "
                             "own floor: " << limits->dask.error << '\n';
        }
        if (cl.floors)
            for (CellResult& r : finished)
                set_floors(r, *limits, logical_cores());
    }
    const bool modelled = cl.command == Command::Scale && cl.project_workers > 0 && cl.format != Format::Csv;
    std::optional<CellResult> sequential;
    if (cl.command == Command::Scale && (cl.format == Format::Table || modelled || images) && !finished.empty() &&
        !g_cancel.cancelled()) {
        // The baseline the speedups are taken against, measured the same way.
        Runner runner;
        sequential = runner.run(baseline_of(cl.base), nullptr, &g_cancel);
    }
    std::optional<ScaleModel> model;
    std::optional<DaskScaleModel> dask_model;
    std::optional<TwinProjection> twin;
    if (modelled && !finished.empty() && !g_cancel.cancelled()) {
        const double seq_s = sequential && sequential->status == Status::Ok ? sequential->median_s : 0.0;
        if (is_dask_cluster(cl.base.strategy))
            std::tie(dask_model, twin) = model_dask(cl, finished, seq_s, limits);
        else
            model = model_mpi(cl, finished, seq_s);
    }
    if (model && cl.format == Format::Json) {
        std::ostringstream report;
        write_report(report, cl.format, at_start, finished);
        os << with_projection(report.str(), *model);
    } else if (dask_model && cl.format == Format::Json) {
        std::ostringstream report;
        write_report(report, cl.format, at_start, finished);
        os << with_dask_projection(report.str(), *dask_model, twin);
    } else {
        write_report(os, cl.format, at_start, finished);
    }
    if (cl.command == Command::Compare && cl.format == Format::Table)
        write_speedups(os, finished);
    if (cl.command == Command::Scale && cl.format == Format::Table && sequential && sequential->status == Status::Ok) {
        ModelBeside beside;
        if (model && model->error.empty() && model->here_measured)
            beside = {model->measured, "the network model on the link measured here, " + describe(model->here)};
        else if (dask_model && dask_model->error.empty())
            beside = {dask_model->measured, "the Dask model on the cluster's costs measured here"};
        write_scaling(os, finished, *sequential, beside);
    }
    if (model && cl.format == Format::Table)
        write_projection(os, *model);
    if (dask_model && cl.format == Format::Table)
        write_dask_projection(os, *dask_model, twin);
    os.flush();
    bool write_failed = !os;
    const bool extras_failed = !write_extras(
        cl, finished, {limits, sequential, model, dask_model, twin, at_start, warnings_at_start, started}, argc, argv);
    if (file.is_open() && !write_failed && !file.commit()) {
        error_line("--out: " + file.error());
        write_failed = true;
    }

    int code = extras_failed ? kExitFailed : kExitDone;
    if (write_failed) {
        error_line(std::string("could not write the report to ") +
                   (cl.out_path.empty() ? "standard output" : "\"" + cl.out_path + "\""));
        code = kExitFailed;
    }
    if (g_cancel.cancelled()) {
        std::cerr << "chunkscope-cli: cancelled; " << finished.size() << " of " << cells.size()
                  << (cells.size() == 1 ? " cell" : " cells") << " finished and reported\n";
        return kExitCancelled;
    }
    if (journal && !journal->error().empty()) {
        error_line("--journal: " + journal->error() + " (the cells since are not in it)");
        code = kExitFailed;
    }
    if (!engine_error.empty()) {
        error_line("the run failed: " + engine_error);
        code = kExitFailed;
    }
    for (const CellResult& r : finished) {
        if (r.status == Status::Failed) {
            error_line(ProgressLine::label(r.config) + ": " + r.error);
            code = kExitFailed;
        } else if (!r.verified) {
            error_line(ProgressLine::label(r.config) + ": the output differs from the sequential result");
            code = kExitFailed;
        }
    }
    return code;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "journaloptions.h"
#include "modeloptions.h"
#include "mpioptions.h"
#include "options.h"

#include "chunkscope/atomicfile.h"
#include "chunkscope/mpi.h"
#include "chunkscope/python.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string_view>

#ifndef CHUNKSCOPE_CLI_VERSION
#define CHUNKSCOPE_CLI_VERSION "0.1.0"
#endif

namespace chunkscope::cli {

namespace {

constexpr std::string_view kProgram = "chunkscope-cli";
constexpr std::size_t kWidth = 78;

// The first argument that is not an option: what the user meant as the subcommand.
std::string first_word(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.empty() || arg.front() != '-')
            return std::string(arg);
    }
    return {};
}

std::string one_line(std::string text)
{
    std::replace(text.begin(), text.end(), '\n', ' ');
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// CLI11's message, in this program's words where it has a common one.
std::string parse_error_text(const CLI::ParseError& e, int argc, char** argv)
{
    const std::string text = one_line(e.what());
    const std::string_view t = text;
    // "--size: 1 required TEXT missing", "--size: At Most 1 required but received 2"
    const std::size_t colon = t.find(": ");
    if (starts_with(t, "-") && colon != std::string_view::npos) {
        const std::string option(t.substr(0, colon));
        const std::string_view what = t.substr(colon + 2);
        if (starts_with(what, "1 required ") && ends_with(what, " missing"))
            return option + " needs a value";
        if (starts_with(what, "At Most 1 required but received "))
            return option + " is given more than once";
    }
    for (std::string_view prefix : {"The following argument was not expected: ",
                                    "The following arguments were not expected: "}) {
        if (!starts_with(t, prefix))
            continue;
        // CLI11 lists them last first: put them back in the order they were typed.
        std::vector<std::string> words;
        std::istringstream list{std::string(t.substr(prefix.size()))};
        for (std::string w; list >> w;)
            words.push_back(w);
        const auto position = [&](const std::string& w) {
            return std::find_if(argv + 1, argv + argc, [&](const char* a) { return w == a; }) - argv;
        };
        std::stable_sort(words.begin(), words.end(),
                         [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
        std::string joined;
        for (const std::string& w : words) {
            if (!joined.empty())
                joined += ' ';
            joined += w;
        }
        return (words.size() > 1 ? "unknown options or unexpected arguments: "
                                 : "unknown option or unexpected argument: ") + joined;
    }
    return text;
}


// What is wrong with a subcommand's --out (given without a name, or a place that cannot be
// written), or nothing; `what` is what the file would hold.
std::optional<std::string> out_problem(const CLI::App& sub, const std::string& out, const char* what)
{
    if (sub.count("--out") > 0 && out.empty())
        return std::string("--out: no file name given; name the file to write ") + what + " to";
    if (!out.empty())
        if (const auto problem = output_path_problem(out))
            return "--out: " + *problem;
    return std::nullopt;
}
} // namespace

SweepSpec CommandLine::sweep_spec() const
{
    return sweep_plan(SweepSpec{base, splits_list, chunks_list, random_order});
}

std::vector<RunConfig> CommandLine::planned_cells() const
{
    switch (command) {
    case Command::Run:
        return {base};
    case Command::Sweep:
        return sweep_cells(sweep_spec());
    case Command::Scale:
        return scale_plan(base, workers_list);
    case Command::Compare:
        return compare_plan(base);
    case Command::Machine:
    case Command::Diff:
        break;
    }
    return {};
}

ParseOutcome parse_command_line(int argc, char** argv)
{
    CLI::App app(wrap("Chunkscope: applies a math function to every item of a big vector with one of "
                      "several strategies (sequential, forked processes with pipes or shared memory, "
                      "threads, oneTBB) and measures where the time goes, re-running the experiments of "
                      "a Python multiprocessing tutorial.", kWidth),
                 std::string(kProgram));
    app.set_version_flag("--version", std::string(kProgram) + " " + CHUNKSCOPE_CLI_VERSION,
                         "Print the version and exit");
    app.get_formatter()->column_width(kHelpColumn);

    CLI::App* run = app.add_subcommand("run", wrap("Run one cell: one strategy at one (splits, chunksize)", kHelpWidth));
    CLI::App* sweep = app.add_subcommand("sweep", wrap("Run one strategy over a grid of splits x chunksize "
                                                       "(the tutorial's 64 cells by default)", kHelpWidth));
    CLI::App* compare = app.add_subcommand("compare", wrap("Run every strategy at one (splits, chunksize), "
                                                           "with the speedup over sequential", kHelpWidth));
    CLI::App* scale = app.add_subcommand("scale", wrap("Run one strategy at each worker count, with the "
                                                       "speedup over sequential and an Amdahl fit", kHelpWidth));
    CLI::App* machine = app.add_subcommand("machine", wrap("Measure what the machine allows: memory bandwidth and "
                                                           "each function's single-core throughput", kHelpWidth));
    Options run_options(Command::Run);
    Options sweep_options(Command::Sweep);
    Options compare_options(Command::Compare);
    Options scale_options(Command::Scale);
    run_options.add_to(*run);
    sweep_options.add_to(*sweep);
    compare_options.add_to(*compare);
    scale_options.add_to(*scale);
    ModelCliOptions scale_model;
    scale_model.add_to(*scale);
    JournalCliOptions sweep_journal;
    sweep_journal.add_to(*sweep);
    CLI::App* diff = app.add_subcommand("diff", wrap("Put two reports (the JSON of sweep, run, compare or a saved "
                                                     "session) side by side, cell by cell", kHelpWidth));
    std::string diff_format = "table", diff_out, diff_a, diff_b;
    diff->add_option("A", diff_a, wrap("The first report (JSON)", kHelpWidth))->required();
    diff->add_option("B", diff_b, wrap("The second report (JSON); not needed when A is a folder of reports", kHelpWidth));
    std::vector<std::string> diff_more;
    diff->add_option("MORE", diff_more,
                     wrap("More reports: with three or more, or a folder of them, a class's machines side by side "
                          "(one line per report: its CPU, cores, governor, best cell, its time, speedup and floor; a "
                          "report of another experiment is listed with the reason)", kHelpWidth));
    diff->add_option("--format", diff_format, wrap("table, csv or json. Default table.", kHelpWidth))
        ->option_text("table|csv|json");
    diff->add_option("-o,--out", diff_out, wrap("Write the comparison to FILE instead of standard output.", kHelpWidth))
        ->option_text("FILE");
    diff->footer(wrap("Cells match on the workload, the workers and (splits, chunksize), and on the strategy unless "
                      "each report holds one strategy only (a sweep of fork-split against one of py-split). For "
                      "each: both medians, A / B, and the two-sided Mann-Whitney U p-value of their samples when both "
                      "have at least 5; p < 0.05 is called a difference. Cells in one report only are listed too. "
                      "With three reports or more, or a folder: reports of the same strategies, workload and grid "
                      "(workers and machine may differ) side by side, one line per machine; the others listed with "
                      "what differs, and an unreadable file with its error (exit 1).",
                      kWidth));
    std::string machine_format = "table", machine_out;
    machine->add_option("--format", machine_format, wrap("Report format: table or json. Default table.", kHelpWidth))
        ->option_text("table|json");
    machine->add_option("-o,--out", machine_out, wrap("Write the report to FILE instead of standard output.", kHelpWidth))
        ->option_text("FILE");
    bool machine_mpi = false;
    machine->add_flag("--mpi", machine_mpi,
                      wrap("Also measure Open MPI's latency (alpha) and bandwidth (beta) between two ranks with a "
                           "ping-pong of 8 B to 64 MiB messages, on the transport chosen.", kHelpWidth));
    MpiCliOptions machine_mpi_options;
    machine_mpi_options.add_to(*machine);
    bool machine_dask = false;
    machine->add_flag("--dask", machine_dask,
                      wrap("Also measure what a Dask cluster costs here (py-dask-cluster and py-dask-distributed's own "
                           "floors): a LocalCluster's start at 1 worker and at W (a fixed part and one per worker) "
                           "and its close, one task's cost through the scheduler on the warm cluster, and the "
                           "bandwidth of client.scatter and client.gather of 32 MiB float64 arrays. A few seconds.",
                           kHelpWidth));
    std::string machine_dask_scheduler;
    machine->add_option("--dask-scheduler", machine_dask_scheduler,
                        wrap("With --dask: measure an existing Dask cluster's first W workers instead of a "
                             "LocalCluster (its start and close are then 0: not ours). Checked before anything "
                             "runs: an address that does not answer within 3 s ends the command.",
                             kHelpWidth))
        ->option_text("tcp://HOST:PORT");
    int machine_dask_workers = 0;
    machine->add_option("--dask-workers", machine_dask_workers,
                        wrap("With --dask: the workers W measured with (1 to " + std::to_string(kMaxWorkers) +
                                 "). Default: the logical cores here.",
                             kHelpWidth))
        ->option_text("N");
    std::string machine_stream_array;
    machine->add_option("--stream-array", machine_stream_array, kStreamArrayHelp)->option_text("BYTES");
    machine->footer(wrap("Copy, scale and triad run as STREAM runs them (an OpenMP loop on every core over "
                         "arrays of four times the last-level cache, at least 128 MiB; best of at least ten; "
                         "bytes read + written per second, the write-allocate read not counted); each function "
                         "and kernel runs on one core on data in the cache. A run's floor is the larger of its "
                         "bytes over the better of copy and scale and its arithmetic over the cores. Takes a "
                         "few seconds.", kWidth));

    const std::string exits = "Exit codes: 0 done; 1 a run failed (the report of what finished is still "
                              "written); 2 bad usage or input, refused before anything runs; 130 cancelled "
                              "by SIGINT or SIGTERM.";
    app.footer(wrap(exits, kWidth));
    run->footer("Example: chunkscope-cli run --strategy fork-split --splits 64 --chunksize 1\n\n" +
                wrap(exits, kWidth));
    sweep->footer(wrap("fork-items cuts the vector at every item, so splits does not apply: its sweep runs "
                       "one row, one cell per chunksize of --chunks-list. A sequential sweep runs one cell. "
                       "The table shows one line per cell; every cell is checked against the sequential "
                       "result.", kWidth) +
                  "\n\nExample: chunkscope-cli sweep --strategy fork-split --splits-list 1,8,64 "
                  "--chunks-list 1,4\n\n" +
                  wrap(exits, kWidth));
    compare->footer(wrap("Every strategy runs with the same options, sequential first; the table adds each "
                         "strategy's speedup, sequential median / strategy median.", kWidth) +
                    "\n\n" + wrap(exits, kWidth));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
            return {std::nullopt, app.exit(e), {}};   // --help, --version
        const auto parsed = app.get_subcommands();
        if (parsed.empty()) {
            const std::string word = first_word(argc, argv);
            if (!word.empty())
                return {std::nullopt, 2,
                        "unknown subcommand \"" + word + "\"; allowed: run, sweep, compare, scale, machine, diff (see " +
                            std::string(kProgram) + " --help)"};
            return {std::nullopt, 2, parse_error_text(e, argc, argv) + "; see " + std::string(kProgram) + " --help"};
        }
        const std::string name = parsed.front()->get_name();
        return {std::nullopt, 2,
                name + ": " + parse_error_text(e, argc, argv) + "; see " + std::string(kProgram) + " " + name +
                    " --help for the options"};
    }

    const auto parsed = app.get_subcommands();
    if (parsed.empty())
        return {std::nullopt, 2,
                "no subcommand given; usage: " + std::string(kProgram) +
                    " run|sweep|compare|scale|machine|diff [options] (see " + std::string(kProgram) + " --help)"};
    CLI::App* sub = parsed.front();
    if (sub == diff) {
        CommandLine cl;
        cl.command = Command::Diff;
        const auto format = parse_format(diff_format);
        if (!format)
            return {std::nullopt, 2, "--format: unknown format \"" + diff_format + "\"; allowed: table, csv, json"};
        cl.format = *format;
        if (const auto problem = out_problem(*diff, diff_out, "the comparison"))
            return {std::nullopt, 2, *problem};
        cl.out_path = diff_out;
        cl.diff_a = diff_a;
        cl.diff_b = diff_b;
        cl.diff_more = diff_more;
        std::error_code ec;
        if (diff_b.empty() && !std::filesystem::is_directory(diff_a, ec))
            return {std::nullopt, 2,
                    "diff: name two reports (compared cell by cell), or three or more, or a folder of them (a "
                    "class's machines side by side)"};
        return {std::move(cl), 0, {}};
    }
    if (sub == machine) {
        CommandLine cl;
        cl.command = Command::Machine;
        const auto format = parse_format(machine_format);
        if (!format || *format == Format::Csv)
            return {std::nullopt, 2, "--format: unknown format \"" + machine_format + "\"; allowed: table, json"};
        cl.format = *format;
        if (const auto problem = out_problem(*machine, machine_out, "the report"))
            return {std::nullopt, 2, *problem};
        cl.out_path = machine_out;
        cl.machine_mpi = machine_mpi;
        if (std::string e = parse_stream_array(machine_stream_array, cl.stream_array_bytes); !e.empty())
            return {std::nullopt, 2, e};
        if (std::string e = machine_mpi_options.apply(*machine, cl.base.mpi); !e.empty())
            return {std::nullopt, 2, e};
        if ((machine->count("--dask-scheduler") > 0 || machine->count("--dask-workers") > 0) && !machine_dask)
            return {std::nullopt, 2, "--dask-scheduler and --dask-workers say how to measure a Dask cluster: add --dask"};
        if (machine->count("--dask-workers") > 0 && (machine_dask_workers < 1 || machine_dask_workers > kMaxWorkers))
            return {std::nullopt, 2, "--dask-workers: got " + std::to_string(machine_dask_workers) + "; allowed: 1 to " +
                                         std::to_string(kMaxWorkers)};
        cl.machine_dask = machine_dask;
        cl.machine_dask_workers = machine_dask_workers;
        if (machine->count("--dask-scheduler") > 0) {
            if (const auto problem = dask_scheduler_problem(machine_dask_scheduler))
                return {std::nullopt, 2, "--dask-scheduler: " + *problem};
            cl.base.dask_scheduler = machine_dask_scheduler;
        }
        if (machine_mpi) {
            if (const Availability a = mpi_availability(cl.base.mpi); !a.available)
                return {std::nullopt, 2, "--mpi: Open MPI cannot run here: " + a.reason + " (install with: " +
                                             a.install + ")"};
        }
        return {std::move(cl), 0, {}};
    }
    const Options& options = sub == run     ? run_options
                             : sub == sweep ? sweep_options
                             : sub == scale ? scale_options
                                            : compare_options;
    CommandLine cl;
    if (std::string error = options.apply(*sub, cl); !error.empty())
        return {std::nullopt, 2, error};
    if (sub == scale)
        if (std::string error = scale_model.apply(*sub, cl); !error.empty())
            return {std::nullopt, 2, error};
    if (sub == sweep)
        if (std::string error = sweep_journal.apply(*sub, cl); !error.empty())
            return {std::nullopt, 2, error};
    return {std::move(cl), 0, {}};
}

} // namespace chunkscope::cli

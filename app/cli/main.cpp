// chunkscope-cli: runs the engine from a terminal or a script (see --help).
//
// Exit codes: 0 done; 1 a run failed (a worker died: which and how is said on stderr; the report
// of what finished is still written); 2 bad usage or input, refused before anything runs, with
// one line on stderr; 130 cancelled by SIGINT or SIGTERM, after the engine has reaped every
// child and removed every shared-memory segment, and after writing what finished.

#include "commandline.h"
#include "progressline.h"

#include "chunkscope/machine.h"
#include "chunkscope/observer.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <span>
#include <string>
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

// Three significant digits in a unit that suits: "884 us", "13.2 ms", "1.54 s".
std::string seconds(double s)
{
    const char* unit = "s";
    if (s < 1e-3) {
        s *= 1e6;
        unit = "us";
    } else if (s < 1) {
        s *= 1e3;
        unit = "ms";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g %s", s, unit);
    return buf;
}

// compare, table format: how many times faster than sequential each strategy ran.
void write_speedups(std::ostream& os, std::span<const CellResult> results)
{
    const auto seq = std::find_if(results.begin(), results.end(), [](const CellResult& r) {
        return r.config.strategy == StrategyKind::Sequential && r.status == Status::Ok && r.median_s > 0;
    });
    os << "\nSpeedup over sequential (sequential median / strategy median):\n";
    for (const CellResult& r : results) {
        std::string name(to_string(r.config.strategy));
        name.resize(std::max<std::size_t>(name.size(), 12), ' ');
        os << "  " << name << "  ";
        if (r.status != Status::Ok) {
            os << "failed\n";
            continue;
        }
        char speedup[32] = "n/a";
        if (seq != results.end() && r.median_s > 0)
            std::snprintf(speedup, sizeof speedup, "%.2fx", seq->median_s / r.median_s);
        std::string median = seconds(r.median_s);
        median.insert(0, median.size() < 9 ? 9 - median.size() : 0, ' ');
        os << median << "  " << speedup << '\n';
    }
}

std::vector<CellResult> run_command(const CommandLine& cl, Observer& observer)
{
    Runner runner;
    std::vector<CellResult> results;
    switch (cl.command) {
    case Command::Run:
        results.push_back(runner.run(cl.base, &observer, &g_cancel));
        break;
    case Command::Sweep:
        results = runner.sweep(cl.sweep_spec(), &observer, &g_cancel);
        break;
    case Command::Compare:
        results = runner.compare(cl.base, &observer, &g_cancel);
        break;
    }
    runner.release();
    return results;
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

    // Refuse bad input before anything runs: every cell that would run must be valid.
    const std::vector<RunConfig> cells = cl.planned_cells();
    for (const RunConfig& cell : cells) {
        if (const auto problem = validate(cell)) {
            error_line(*problem);
            return kExitUsage;
        }
    }
    std::ofstream file;
    if (!cl.out_path.empty()) {
        file.open(cl.out_path, std::ios::out | std::ios::trunc);
        if (!file) {
            error_line("--out: cannot open \"" + cl.out_path + "\" for writing: " + std::strerror(errno));
            return kExitUsage;
        }
    }
    for (const std::string& note : cl.notes)
        std::cerr << "chunkscope-cli: " << note << '\n';

    ProgressLine progress(isatty(STDERR_FILENO) == 1);
    std::vector<CellResult> results;
    std::string engine_error;
    if (!g_cancel.cancelled()) {
        try {
            results = run_command(cl, progress);
        } catch (const std::exception& e) {
            engine_error = e.what();
        }
    }
    progress.finish();

    // Write what finished; a cell cut short by cancellation has nothing to report.
    std::vector<CellResult> finished;
    std::copy_if(results.begin(), results.end(), std::back_inserter(finished),
                 [](const CellResult& r) { return r.status != Status::Cancelled; });
    std::ostream& os = cl.out_path.empty() ? std::cout : file;
    write_report(os, cl.format, machine_info(), finished);
    if (cl.command == Command::Compare && cl.format == Format::Table)
        write_speedups(os, finished);
    // Other renderings of `finished` (the window's issue: the sweep's heatmap as PNG or SVG) go here.
    os.flush();
    bool write_failed = !os;
    if (file.is_open()) {
        file.close();
        write_failed = write_failed || file.fail();
    }

    int code = kExitDone;
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

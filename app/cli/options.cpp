// SPDX-License-Identifier: GPL-3.0-or-later
#include "options.h"

#include "chunkscope/atomicfile.h"
#include "chunkscope/inputfile.h"
#include "chunkscope/machine.h"
#include "chunkscope/memory.h"
#include "chunkscope/mpi.h"
#include "chunkscope/parse.h"
#include "chunkscope/plan.h"
#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/reporters.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>

#include <unistd.h>

namespace chunkscope::cli {

namespace {

constexpr int kMaxRepeats = 1'000'000;
constexpr std::array<std::string_view, 3> kFormatNames{"table", "csv", "json"};

// "a, b, c": the names of every value, for messages that say what is allowed.
template <typename Range>
std::string join(const Range& values)
{
    std::string text;
    for (const auto& value : values) {
        if (!text.empty())
            text += ", ";
        if constexpr (std::is_convertible_v<decltype(value), std::string_view>)
            text += value;
        else
            text += to_string(value);
    }
    return text;
}

std::string strategy_help()
{
    std::string text = "How the work is spread over the cores (required):";
    for (const StrategyInfo& s : strategy_registry())
        text += "\n  " + wrap(std::string(s.name) + ": " + std::string(s.description), kHelpWidth - 2, "    ");
    return text;
}

} // namespace

std::string help(std::string_view text) { return wrap(text, kHelpWidth); }

const std::string kStreamArrayHelp =
    help("Bytes in each of the three arrays STREAM measures the bandwidth over (1MiB to 4GiB; K, M, G or Ki, Mi, "
         "Gi). Default: four times the last-level cache per thread, 128 MiB to 1 GiB. Smaller is quicker, but an "
         "array that fits in the caches measures them, not the memory: the report says the size used.");

std::string parse_stream_array(const std::string& text, std::size_t& bytes)
{
    bytes = 0;
    if (text.empty())
        return {};
    constexpr std::size_t kLeast = std::size_t{1} << 20, kMost = std::size_t{4} << 30;
    const auto size = parse_size(text, "--stream-array");
    if (!size)
        return size.error;
    if (size.value < kLeast || size.value > kMost)
        return "--stream-array: " + text + " is " + std::to_string(size.value) +
               " bytes; allowed: 1MiB (1048576) to 4GiB (4294967296)";
    bytes = size.value;
    return {};
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent)
{
    std::string out;
    std::size_t line = 0;
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        const std::string_view word = text.substr(0, space);
        text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
        if (word.empty())
            continue;
        if (line > 0 && line + 1 + word.size() > width) {
            out += '\n';
            out += indent;
            line = indent.size();
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out += word;
        line += word.size();
    }
    return out;
}

Options::Options(Command command)
    : command_(command)
{
}

void Options::add_to(CLI::App& sub)
{
    const Command command = command_;
    if (command != Command::Compare)
        sub.add_option("-s,--strategy", strategy_, strategy_help())->option_text("S");
    sub.add_option("-f,--function", function_,
                   help("Math function applied to every item: " + join(all_functions()) +
                        ". Changes the arithmetic per item, not the data moved. Default exp."))
        ->option_text("F");
    sub.add_option("-n,--size", size_,
                   help("Items in the vector (8 bytes each): 10000000, 10M, 1e7, 2K, 1G (K, M, G, T are "
                        "powers of 1000; Ki, Mi, Gi of 1024). More items, more data to move and compute. "
                        "A size whose buffers would leave less free than " + std::string(kMemoryHeadroomRule) +
                        " (for the rest of the machine) is refused, with the largest that fits. Default 10M."))
        ->option_text("N");
    if (command == Command::Scale)
        sub.add_option("--workers-list", workers_list_,
                       help("Worker counts to run, comma-separated, each 1 to 256. Default, as the window's "
                            "Scaling tab: 1, 2, 3, 4, then steps of a quarter of the logical cores up to twice "
                            "the logical cores."))
            ->option_text("1,2,4");
    else
        sub.add_option("-w,--workers", workers_,
                   help("Worker processes or threads, 1 to 256 (mpi: the worker ranks, rank 0 dealing besides; "
                        "mpi-distributed: the ranks). Default: the logical cores this process may use (" +
                        std::to_string(logical_cores()) + " here)."))
        ->option_text("W");
    if (command != Command::Sweep) {
        sub.add_option("-p,--splits", splits_,
                       help("Parts the vector is cut into (numpy.split); each task carries chunksize parts. "
                            "Not used by sequential and fork-items (fork-items cuts at every item). 'auto' is "
                            "the library's own chunks, for a strategy that has a rule (py-dask: Dask's "
                            "chunks=\"auto\", chunks of 128 MiB). Default 64."))
            ->option_text("P|auto");
        sub.add_option("-c,--chunksize", chunksize_,
                       help("Parts per task (fork-items: items per task), as Pool.map's chunksize: bigger "
                            "tasks, fewer messages. 'auto' is Python's rule, ceil(parts / (4 x workers)). "
                            "Default 1."))
            ->option_text("C|auto");
    }
    sub.add_option("-k,--kernel", kernel_,
                   help("How the function is computed: scalar (libm, one item at a time) or simd "
                        "(vectorised with libmvec). Default simd."))
        ->option_text("scalar|simd");
    sub.add_option("--intensity", intensity_,
                   help("Function evaluations per item, 1 to " + std::to_string(kMaxIntensity) +
                        ": more arithmetic for the same memory traffic, moving a run from memory-bound "
                        "towards compute-bound. Default 1."))
        ->option_text("K");
    sub.add_option("-r,--repeats", repeats_,
                   help("Timed repetitions per cell; the median, min, mean, stddev and cv are taken over "
                        "them. Default 3."))
        ->option_text("R");
    sub.add_option("--cell-budget", cell_budget_,
                   help("Seconds each cell may take for its warm-up and repetitions, after hyperfine's run "
                        "counts: a slow cell gets fewer of both, at least one timed run, and the report says "
                        "how many it got (budget_cut; the table's runs column). 0: no budget, every cell gets "
                        "--warmup and --repeats. default: the window's, " +
                        std::to_string(static_cast<int>(kDefaultCellBudgetS)) + " s. Default 0."))
        ->option_text("SECONDS|default");
    sub.add_option("--warmup", warmup_,
                   help("Untimed runs before the repetitions of each cell: K runs, or settle: " +
                        describe_settle_rule() + ". Default settle."))
        ->option_text("K|settle");
    sub.add_option("--pool", pool_,
                   help("Worker lifetime. fresh: the pool is created and torn down inside every timed run, "
                        "as the tutorial does; warm: created once, reused across repetitions and cells. "
                        "Default fresh."))
        ->option_text("fresh|warm");
    sub.add_option("--partitioner", partitioner_,
                   help("tbb only: how parallel_for cuts the parts: simple (grainsize = chunksize parts), "
                        "auto, static or affinity. Default simple."))
        ->option_text("simple|auto|static|affinity");
    sub.add_option("--schedule", schedule_,
                   help("omp only: OpenMP's loop schedule over the parts, chunk = chunksize parts: static (chunks "
                        "dealt round robin), dynamic (each thread takes the next chunk when it is done), guided "
                        "(chunks shrink as the loop runs, never below chunksize parts) or default (OpenMP's own: "
                        "static with no chunk, one block per thread; chunksize does not apply). Default dynamic."))
        ->option_text("static|dynamic|guided|default");
    sub.add_option("--memmap", memmap_,
                   help("py-joblib only: on, joblib's default (arrays over 1 MB go to the workers as memory-mapped "
                        "files in a temporary folder, removed after each run), or off (every part pickled through "
                        "the pipes, as py-split does). Default on."))
        ->option_text("on|off");
    sub.add_option("--python", python_,
                   help("The Python interpreter that runs the py-* strategies (the tutorial's own code); it "
                        "must import numpy. Default: $CHUNKSCOPE_PYTHON, else /usr/bin/python3, else the "
                        "python3 on PATH, the first that has numpy."))
        ->option_text("PATH");
    mpi_.add_to(sub);
    sub.add_option("--dask-scheduler", dask_scheduler_,
                   help("py-dask-cluster and py-dask-distributed: run on an existing Dask cluster, its scheduler's "
                        "address (as dask-scheduler prints it), on its first W workers, instead of a LocalCluster "
                        "started here. Checked before anything runs: an address that does not answer within 3 s "
                        "ends the command."))
        ->option_text("tcp://HOST:PORT");
    sub.add_flag("--dask-lose-worker", dask_lose_worker_,
                 help("py-dask-cluster and py-dask-distributed on a LocalCluster, 2 workers or more: kill one "
                      "worker (SIGKILL, as a machine failing) in each run once a result is in. Dask runs again the "
                      "tasks that made what it held (py-dask-distributed); scattered chunks have no task, so the "
                      "client scatters them again (py-dask-cluster). The cell is verified as usual and says which "
                      "worker was lost and what ran again (JSON: dask.lost). Refused with --dask-scheduler: an "
                      "existing cluster's workers are not ours to kill."));
    sub.add_option("--seed", seed_,
                   help("Seed of the input data (uniform in [0, 1) like numpy.random.rand); the same "
                        "seed gives the same data. Default " + std::to_string(Workload{}.seed) + "."))
        ->option_text("N");
    if (command == Command::Sweep) {
        sub.add_option("--splits-list", splits_list_,
                       help("Splits of the sweep's rows, comma-separated. Default 1,2,4,8,16,32,64,128. "
                            "Not used by fork-items (one row) and sequential (one cell)."))
            ->option_text("1,2,4");
        sub.add_flag("--random-order", random_order_,
                     help("Run the cells in a shuffled order, so that drift of the machine (heat, other "
                          "load) spreads over the grid instead of piling up in one corner."));
        sub.add_option("--chunks-list", chunks_list_,
                       help("Chunksizes of the sweep's columns, comma-separated. Default 1,2,4,8,16,32,64,128. "
                            "Not used by sequential (one cell)."))
            ->option_text("1,2,4");
    }
    if (command == Command::Run || command == Command::Sweep)
        sub.add_flag("--as-tutorial", as_tutorial_,
                     help("Time each cell as the tutorial's programs print `Took`: one cold run (repeats 1, "
                          "warmup 0) in a fresh Python interpreter with a fresh pool, numpy.random.rand(n) "
                          "making the data inside the timed region. py-* strategies only. The report says "
                          "\"as-tutorial\" (JSON: timing), never a warmed median."));
    sub.add_flag("--floors", floors_,
                 help("Also measure this machine (a few seconds, after the runs) and report each cell's "
                      "floor (bytes over the bandwidth, arithmetic over the cores) and its own floor (what its "
                      "strategy's mechanism allows: forks, pipes, shared pages, as measured here), with each "
                      "phase's own floor: floor_s, own_floor_s and own_floor_phases in JSON, two columns in CSV, "
                      "\"x own floor\" in the table."));
    sub.add_option("--stream-array", stream_array_, kStreamArrayHelp)->option_text("BYTES");
    sub.add_option("--format", format_,
                   help("Report format: table (to read), csv (a header, then one line per cell) or json "
                        "(the machine and every cell). Default table."))
        ->option_text("table|csv|json");
    sub.add_option("-o,--out", out_, help("Write the report to FILE instead of standard output."))
        ->option_text("FILE");
    if (command == Command::Run)
        sub.add_option("--trace", trace_,
                       help("Also write the run's tasks (last repetition) as Chrome trace-event JSON to FILE: "
                            "open it in ui.perfetto.dev or chrome://tracing. One pid per worker process, one "
                            "tid per worker thread."))
            ->option_text("FILE");
#ifdef CHUNKSCOPE_WITH_UI
    if (command == Command::Sweep) {
        sub.add_option("--png", png_, help("Also render the heatmap of the sweep as a PNG image to FILE."))
            ->option_text("FILE");
        sub.add_option("--svg", svg_, help("Also render the heatmap of the sweep as an SVG image to FILE."))
            ->option_text("FILE");
        sub.add_option("--pdf", pdf_, help("Also render the heatmap of the sweep as a PDF page to FILE."))
            ->option_text("FILE");
        sub.add_option("--color-by", colour_by_,
                       help("What the cells of the --png/--svg/--pdf heatmap show: time (median, the default), "
                            "speedup (over a sequential run made for it), floor (times the fastest the machine "
                            "allows; measures the machine first, a few seconds), own-floor (times the fastest the "
                            "strategy's own mechanism allows: forks, pipes, shared pages as measured here) or phase (the phase that takes "
                            "most of each cell's time) or ratio (each cell's median ÷ the same cell of --reference, "
                            "blue faster, red slower, * where Mann-Whitney U gives p < 0.05)."))
            ->option_text("time|speedup|floor|phase|ratio");
        sub.add_option("--reference", reference_,
                       help("A report (chunkscope-cli's JSON, or a session) to colour the heatmap against: the "
                            "cells show this sweep's median ÷ its median of the same cell. Implies --color-by ratio."))
            ->option_text("FILE");
    } else {
        // The window's own chart of the command, with the machine's state in its footer.
        const std::string chart = command == Command::Run
                                      ? "the run's chart (its phases, and its tasks on the workers over time)"
                                      : command == Command::Compare
                                            ? "the chart of every strategy's median, sequential first"
                                            : "the chart of the speedup at each worker count, with the ideal line, "
                                              "the Amdahl fit and, with --project, the projection";
        const std::string sized = ": 1920 x 1080 pixels at 144 dpi (laid out as the window's 1280 x 720, drawn "
                                  "1.5 times as large for a slide or a paper), the machine and its state in its "
                                  "footer.";
        const std::string taller = command == Command::Run ? " Taller when the workers need more lanes." : "";
        sub.add_option("--png", png_, help("Also render " + chart + " as a PNG image to FILE" + sized + taller))
            ->option_text("FILE");
        sub.add_option("--svg", svg_, help("The same chart as an SVG image to FILE."))->option_text("FILE");
        sub.add_option("--pdf", pdf_, help("The same chart as a PDF page to FILE."))->option_text("FILE");
    }
#endif
}

std::string Options::apply(const CLI::App& sub, CommandLine& cl) const
{
    const Command command = command_;
    cl.command = command;
    const bool strategy_given = command != Command::Compare && sub.count("--strategy") > 0;
    const bool workers_given = command != Command::Scale && sub.count("--workers") > 0;
    const bool seed_given = sub.count("--seed") > 0;
    const bool splits_list_given = command == Command::Sweep && sub.count("--splits-list") > 0;
    const bool chunks_list_given = command == Command::Sweep && sub.count("--chunks-list") > 0;

    RunConfig& c = cl.base;
    const std::string_view name = command == Command::Run     ? "run"
                                  : command == Command::Sweep ? "sweep"
                                  : command == Command::Scale ? "scale"
                                                              : "compare";

    // sweep --resume: the journal says which strategy (journaloptions.cpp).
    const CLI::Option* resume = command == Command::Sweep ? sub.get_option_no_throw("--resume") : nullptr;
    if (command != Command::Compare && !(resume && resume->count() > 0 && !strategy_given)) {
        if (!strategy_given)
            return std::string(name) + ": --strategy is required; allowed: " + strategy_names();
        const auto s = parse_strategy(strategy_);
        if (!s)
            return "--strategy: unknown strategy \"" + strategy_ + "\"; allowed: " + strategy_names();
        c.strategy = *s;
    }
    const auto f = parse_function(function_);
    if (!f)
        return "--function: unknown function \"" + function_ + "\"; allowed: " + join(all_functions());
    c.workload.function = *f;
    const auto k = parse_kernel(kernel_);
    if (!k)
        return "--kernel: unknown kernel \"" + kernel_ + "\"; allowed: " + join(all_kernels());
    c.workload.kernel = *k;
    const auto pool = parse_pool(pool_);
    if (!pool)
        return "--pool: unknown pool lifetime \"" + pool_ + "\"; allowed: " + join(all_pools());
    c.pool = *pool;
    const auto partitioner = parse_partitioner(partitioner_);
    if (!partitioner)
        return "--partitioner: unknown partitioner \"" + partitioner_ + "\"; allowed: " + join(all_partitioners());
    c.partitioner = *partitioner;
    const auto schedule = parse_schedule(schedule_);
    if (!schedule)
        return "--schedule: unknown schedule \"" + schedule_ + "\"; allowed: " + join(all_schedules());
    c.schedule = *schedule;
    const auto memmap = parse_memmap(memmap_);
    if (!memmap)
        return "--memmap: got \"" + memmap_ + "\"; allowed: on, off";
    c.memmap = *memmap;
    const auto format = parse_format(format_);
    if (!format)
        return "--format: unknown format \"" + format_ + "\"; allowed: " + join(kFormatNames);
    cl.format = *format;

    const auto size = parse_size(size_, "--size");
    if (!size)
        return size.error;
    c.workload.size = size.value;

    // Not given: every core this process may use.
    c.workers = std::clamp(logical_cores(), 1, kMaxWorkers);
    if (workers_given) {
        const auto w = parse_int(workers_, 1, kMaxWorkers, "--workers");
        if (!w)
            return w.error;
        c.workers = static_cast<int>(w.value);
    }

    // Zero or negative part counts get their own message: parse_size speaks of sizes.
    const auto at_least_one = [](std::string_view text, std::string_view what, std::string_view allowed) {
        const auto n = parse_int(text, LLONG_MIN, LLONG_MAX, what);
        if (n && n.value < 1)
            return std::string(what) + ": must be at least 1" + std::string(allowed) + ", got " + std::string(text);
        return std::string();
    };
    if (command == Command::Scale) {
        cl.workers_list.clear();
        if (sub.count("--workers-list") > 0) {
            const auto l = parse_list(workers_list_, "--workers-list");
            if (!l)
                return l.error;
            for (std::size_t w : l.value) {
                if (w > static_cast<std::size_t>(kMaxWorkers))
                    return "--workers-list: " + std::to_string(w) + " workers is too many; each must be from 1 to " +
                           std::to_string(kMaxWorkers);
                cl.workers_list.push_back(static_cast<int>(w));
            }
        } else {
            cl.workers_list = default_workers_list(logical_cores());
        }
        c.workers = cl.workers_list.front();
    }

    if (command != Command::Sweep) {
        // A count of at least 1, or auto (the library's own rule): an empty string when read.
        const auto count_or_auto = [&](const std::string& text, std::string_view option, std::string_view unit,
                                       std::string_view auto_is, std::size_t& value, bool& is_auto) {
            if (text == "auto") {
                is_auto = true;   // validate refuses splits auto for a strategy without a chunk rule
                return std::string();
            }
            if (auto e = at_least_one(text, option, std::string(unit) + ", or auto"); !e.empty())
                return e;
            const auto n = parse_size(text, option);
            if (!n)
                return n.error + "; or " + std::string(auto_is);
            value = n.value;
            return std::string();
        };
        if (auto e = count_or_auto(splits_, "--splits", " part", "auto (the library's own chunks: py-dask)",
                                   c.splits, c.splits_auto);
            !e.empty())
            return e;
        if (auto e = count_or_auto(chunksize_, "--chunksize", " part per task", "use auto", c.chunksize,
                                   c.chunksize_auto);
            !e.empty())
            return e;
    }

    const auto intensity = parse_int(intensity_, 1, kMaxIntensity, "--intensity");
    if (!intensity)
        return intensity.error;
    c.workload.intensity = static_cast<int>(intensity.value);
    const auto repeats = parse_int(repeats_, 1, kMaxRepeats, "--repeats");
    if (!repeats)
        return repeats.error;
    c.repeats = static_cast<int>(repeats.value);
    {
        // Seconds, a decimal number: what strtod reads, and nothing after it.
        // "default": the window's (kDefaultCellBudgetS), for scripts that run as the window does.
        const std::string text = cell_budget_ == "default" ? std::to_string(kDefaultCellBudgetS) : cell_budget_;
        char* end = nullptr;
        errno = 0;
        const double budget = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
            return "--cell-budget: \"" + cell_budget_ + "\" is not a number of seconds; allowed: 0 (no budget) to " +
                   std::to_string(static_cast<int>(kMaxCellBudgetS)) + ", such as 5 or 0.5, or default";
        if (std::string problem = cell_budget_problem(budget); !problem.empty())
            return "--" + problem.replace(0, std::string("cell budget").size(), "cell-budget");
        c.cell_budget_s = budget;
    }
    if (warmup_ == "settle") {
        c.warmup = kWarmupSettle;
    } else {
        const auto warmup = parse_int(warmup_, 0, kMaxRepeats, "--warmup");
        if (!warmup)
            return warmup.error + " (or settle: " + describe_settle_rule() + ")";
        c.warmup = static_cast<int>(warmup.value);
    }
    if (as_tutorial_) {
        // One cold run unless told otherwise; what is told otherwise validate() refuses, saying why.
        c.as_tutorial = true;
        if (sub.count("--repeats") == 0)
            c.repeats = 1;
        if (sub.count("--warmup") == 0)
            c.warmup = 0;
    }
    if (seed_given) {
        const auto seed = parse_int(seed_, 0, LLONG_MAX, "--seed");
        if (!seed)
            return seed.error;
        c.workload.seed = static_cast<std::uint64_t>(seed.value);
    }
    if (sub.count("--out") > 0 && out_.empty())
        return "--out: no file name given; name the file to write the report to";
    cl.out_path = out_;
    for (const auto& [option, value] :
         {std::pair{"--trace", &trace_}, {"--png", &png_}, {"--svg", &svg_}, {"--pdf", &pdf_}})
        if (const CLI::Option* o = sub.get_option_no_throw(option); o && o->count() > 0 && value->empty())
            return std::string(option) + ": no file name given; name the file to write";
    // Every output path is checked before anything runs (a folder, a missing folder, no permission).
    for (const auto& [option, value] :
         {std::pair{"--out", &out_}, {"--trace", &trace_}, {"--png", &png_}, {"--svg", &svg_}, {"--pdf", &pdf_}})
        if (!value->empty())
            if (const auto problem = output_path_problem(*value))
                return std::string(option) + ": " + *problem;
    if (sub.count("--python") > 0) {
        if (python_.empty() || access(python_.c_str(), X_OK) != 0)
            return "--python: \"" + python_ + "\" is not an executable file; name a Python interpreter that has "
                   "numpy, such as /usr/bin/python3";
        cl.python = python_;
    }
    if (std::string e = mpi_.apply(sub, c.mpi); !e.empty())
        return e;
    // Refused before the scheduler is asked anything: its workers are not ours to kill.
    if (dask_lose_worker_) {
        c.dask_lose_worker = true;
        RunConfig asked = c;
        asked.dask_scheduler = dask_scheduler_;
        if (const auto problem = dask_lose_worker_problem(asked))
            return "--" + *problem;
        if (command != Command::Compare && !strategy_info(c.strategy).uses(Knob::DaskScheduler))
            cl.notes.push_back("note: --dask-lose-worker applies to py-dask-cluster and py-dask-distributed only");
    }
    if (sub.count("--dask-scheduler") > 0) {
        if (const auto problem = dask_scheduler_problem(dask_scheduler_))
            return "--dask-scheduler: " + *problem;
        c.dask_scheduler = dask_scheduler_;
        if (command != Command::Compare && !strategy_info(c.strategy).uses(Knob::DaskScheduler))
            cl.notes.push_back("note: --dask-scheduler applies to py-dask-cluster and py-dask-distributed only");
    }
    if (MpiCliOptions::given(sub) && command != Command::Compare && !is_mpi(c.strategy))
        cl.notes.push_back("note: --hostfile, --mpi-transport, --mpirun and --mpi-args apply to the mpi strategies "
                           "only");
    cl.trace_path = trace_;
    cl.random_order = random_order_;
    cl.floors = floors_;
    if (std::string e = parse_stream_array(stream_array_, cl.stream_array_bytes); !e.empty())
        return e;
    cl.png_path = png_;
    cl.svg_path = svg_;
    cl.pdf_path = pdf_;
    if (const CLI::Option* o = sub.get_option_no_throw("--color-by"); o && o->count() > 0) {
        static constexpr std::array<std::pair<std::string_view, HeatmapColour>, 6> kColours{
            {{"time", HeatmapColour::Time},
             {"speedup", HeatmapColour::Speedup},
             {"floor", HeatmapColour::Floor},
             {"own-floor", HeatmapColour::OwnFloor},
             {"phase", HeatmapColour::Phase},
             {"ratio", HeatmapColour::Ratio}}};
        const auto* found = std::find_if(kColours.begin(), kColours.end(),
                                         [&](const auto& entry) { return entry.first == colour_by_; });
        if (found == kColours.end())
            return "--color-by: \"" + colour_by_ + "\" is not a colouring; use time, speedup, floor, own-floor, phase or ratio";
        if (png_.empty() && svg_.empty() && pdf_.empty())
            return "--color-by: colours the rendered heatmap; give --png FILE, --svg FILE or --pdf FILE too";
        cl.colour_by = found->second;
    }
    if (const CLI::Option* o = sub.get_option_no_throw("--reference"); o && o->count() > 0) {
        if (cl.colour_by != HeatmapColour::Time && cl.colour_by != HeatmapColour::Ratio)
            return "--reference: the heatmap is coloured by its ratio to it; leave out --color-by " + colour_by_;
        if (png_.empty() && svg_.empty() && pdf_.empty())
            return "--reference: colours the rendered heatmap; give --png FILE, --svg FILE or --pdf FILE too";
        std::ifstream in;
        if (const std::string problem = open_input_file(reference_, in); !problem.empty())
            return "--reference: cannot open \"" + reference_ + "\": " + problem;
        Report report = read_json(in);
        if (!report.error.empty())
            return "--reference: \"" + reference_ + "\" is not a Chunkscope report: " + report.error;
        cl.reference = std::move(report);
        cl.colour_by = HeatmapColour::Ratio;
    } else if (cl.colour_by == HeatmapColour::Ratio) {
        return "--color-by ratio: name the results to compare with, --reference FILE";
    }

    if (command == Command::Sweep) {
        cl.splits_list = default_grid();
        cl.chunks_list = default_grid();
        if (splits_list_given) {
            const auto l = parse_list(splits_list_, "--splits-list");
            if (!l)
                return l.error;
            cl.splits_list = l.value;
        }
        if (chunks_list_given) {
            const auto l = parse_list(chunks_list_, "--chunks-list");
            if (!l)
                return l.error;
            cl.chunks_list = l.value;
        }
        const StrategyInfo& info = strategy_info(c.strategy);
        const std::string who(info.name);
        if (!info.uses(Knob::Splits) && !info.uses(Knob::Chunksize) && (splits_list_given || chunks_list_given))
            cl.notes.push_back("note: " + who + " does not cut the vector, so the lists do not apply: one cell");
        else if (!info.uses(Knob::Splits) && splits_list_given)
            cl.notes.push_back("note: " + who +
                               (info.parts_are_items ? " cuts the vector at every item" : " does not cut the vector") +
                               ", so --splits-list does not apply: sweeping the chunks list only");
    }
    return {};
}

} // namespace chunkscope::cli

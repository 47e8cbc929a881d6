// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What chunkscope-cli was asked to do: its arguments read, checked and turned into the
// engine's configs, or the reason they cannot be (one line, for exit code 2).

#include "chunkscope/config.h"
#include "chunkscope/journal.h"
#include "chunkscope/network.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"

#include <optional>
#include <string>
#include <vector>

namespace chunkscope::cli {

enum class Command { Run, Sweep, Compare, Scale, Machine, Diff };
// What the sweep's rendered heatmap colours its cells by (--color-by).
enum class HeatmapColour { Time, Speedup, Floor, OwnFloor, Phase, Ratio };

struct CommandLine {
    Command command = Command::Run;
    RunConfig base;                        // run: the cell; sweep: all but splits and chunksize
    std::vector<std::size_t> splits_list;  // sweep only
    std::vector<std::size_t> chunks_list;  // sweep only
    Format format = Format::Table;
    std::string out_path;                  // empty: standard output
    std::string trace_path;                // run: Chrome trace of the run's tasks
    std::string png_path;                  // sweep: the heatmap as a PNG; run, compare, scale: their chart
    std::string svg_path;                  // the same as an SVG
    std::string pdf_path;                  // the same as a PDF
    HeatmapColour colour_by = HeatmapColour::Time;  // sweep: of the PNG, SVG and PDF
    std::optional<Report> reference;       // sweep: what --color-by ratio measures against
    std::vector<int> workers_list;         // scale only
    bool random_order = false;             // sweep: cells in a shuffled order
    bool floors = false;                   // measure the machine and report each cell's floors
    std::size_t stream_array_bytes = 0;    // the STREAM arrays' bytes (0: stream_array_bytes()'s rule)
    std::vector<std::string> notes;        // said on stderr before running
    std::string python;                    // the interpreter for the py-* strategies (empty: found)
    std::string diff_a, diff_b;            // diff: the two reports
    std::vector<std::string> diff_more;    // diff: a class's reports after the first two
    bool machine_mpi = false;              // machine: also the ping-pong between two ranks (base.mpi)
    bool machine_dask = false;             // machine: also a Dask cluster's costs (base.dask_scheduler: on it)
    int machine_dask_workers = 0;          // machine --dask: its workers (0: the logical cores)
    int project_workers = 0;               // scale, mpi strategies: project to this many workers (0: no model)
    Network network;                       // scale: the network projected to
    std::string journal_path;              // sweep: the journal written (--journal) or resumed (--resume)
    std::optional<Journal> resume;         // sweep --resume: the journal read back, its cells done

    // The sweep as the runner takes it (fork-items: one row; sequential: one cell).
    SweepSpec sweep_spec() const;
    // Every config the command will run, to be validated before anything runs.
    std::vector<RunConfig> planned_cells() const;
};

struct ParseOutcome {
    std::optional<CommandLine> command_line;  // set when there is something to run
    int exit_code = 0;                        // otherwise exit with this (help and --version: 0)
    std::string error;                        // with exit code 2: what was wrong, what is allowed
};

// Reads argv. Help and --version are printed to standard output here.
ParseOutcome parse_command_line(int argc, char** argv);

} // namespace chunkscope::cli

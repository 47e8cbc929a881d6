// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A class's machines side by side (`chunkscope-cli diff A.json B.json C.json ...`, the window's
// File > Open class results): every student ran the same preset and saved a report; the reports
// of one experiment are put side by side, one line per machine, and a report of another
// experiment is listed with the reason, never mixed in.

#include "chunkscope/reporters.h"
#include "chunkscope/results.h"

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chunkscope {

// One field in which a report's experiment differs from the class's ("strategy", "size",
// "grid", ...), each side as text.
struct ExperimentDifference {
    std::string field;
    std::string report;   // the report's
    std::string cls;      // the class's
};

// Whether two reports are one experiment: the same strategies (a sequential baseline beside them
// not counted), the same workload (function, kernel, intensity, size) and the same grid (rows of
// splits, columns of chunksize). The workers, the seed and the machine may differ: a preset runs
// on every core of each student's machine. Empty when they are one experiment.
std::vector<ExperimentDifference> experiment_differences(std::span<const CellResult> report,
                                                         std::span<const CellResult> cls);
// "fork-split, exp (simd), 200K items, splits 1, 4 x chunksize 1, 4"
std::string describe_experiment(std::span<const CellResult> cells);
// "strategy: fork-shm, not fork-split; grid: splits 1, 4 x chunksize 1, not ..."
std::string describe(std::span<const ExperimentDifference> differences);

// One report of the class, as read.
struct ClassReport {
    std::string name;     // how the teacher named it: the file's path
    Report report;        // report.error: why it could not be read
};

// A machine of the class: its fastest cell and how that compares.
struct ClassMachine {
    std::size_t report = 0;               // index in ClassResults::reports
    std::optional<std::size_t> best;      // index of the fastest ok grid cell in its results
    std::optional<double> baseline_s;     // its own sequential baseline's median, when the report has one
    std::optional<double> speedup;        // baseline / best median
    std::optional<double> floor_s;        // the best cell's machine floor, when the report has one
};

struct ClassResults {
    std::vector<ClassReport> reports;     // in the order given
    std::vector<ClassMachine> machines;   // the reports of the class's experiment, in that order
    struct Other {
        std::size_t report = 0;
        std::vector<ExperimentDifference> differences;   // empty for a report that holds no cells
        std::string reason;                              // what differs, in words
    };
    std::vector<Other> others;            // readable reports of another experiment
    std::vector<std::size_t> unreadable;  // reports whose error is set
};

// The class's experiment is the one most reports share (a tie: the earliest report's).
ClassResults group_class(std::vector<ClassReport> reports);
// Reads each path, a report or a folder of them (its .json files, by name), then groups. A file
// that cannot be opened or read, or a folder without a report, is listed with its error.
ClassResults read_class(const std::vector<std::string>& paths);

// A machine's best cell, or null.
const CellResult* best_cell(const ClassResults& c, const ClassMachine& m);
// "not reported" when the report does not say.
std::string governor_text(const MachineInfo& m);

// One line per machine (name, CPU, cores, governor, best cell, its time, speedup, floor), then
// the reports of another experiment with the reason, then the unreadable ones with their error.
void write_class(std::ostream& os, Format f, const ClassResults& c);

} // namespace chunkscope

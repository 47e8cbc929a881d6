// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A sweep's journal: what a sweep has finished so far, written as it goes, so that a crash, a
// kill or a power cut loses at most the cell that was running. JSON lines (one object a line):
//
//   line 1   {"chunkscope_journal": 1, "sweep": {the planned SweepSpec}, "cells": N,
//             "machine": {as in a report}, "generator": "counter-v1"}
//   line 2.. one finished cell each, the very object a report's "results" array holds
//
// A journal is read back whole: its header and its cells, or what is wrong and on which line.
// The one damage it forgives is a last line cut short without its newline, which is what a
// crash while appending leaves: that cell is dropped (with a note) and runs again.

#include "chunkscope/generator.h"
#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace chunkscope {

inline constexpr int kJournalVersion = 1;

struct JournalHeader {
    SweepSpec spec;                  // as sweep_plan made it
    MachineInfo machine;             // where the sweep runs
    Generator generator = kCurrentGenerator;
};

struct Journal {
    JournalHeader header;
    std::vector<CellResult> cells;   // in the order they finished (a baseline cell too, if any)
    std::vector<std::string> notes;  // what was forgiven: a cut-short last line
    std::string error;               // empty when the journal was read
    std::uint64_t valid_bytes = 0;   // where the last whole line ends: appending starts there
};

// The header of a sweep about to run on this machine: spec planned, the current generator.
JournalHeader journal_header(const SweepSpec& spec, const MachineInfo& machine);
// The header line and a cell line, each ending in '\n'.
std::string journal_header_line(const JournalHeader& header);
std::string journal_cell_line(const CellResult& cell);

// Reads a whole journal. Never throws: a file that is not a journal, or one with a damaged
// line, comes back with error set ("line 7: results.median_s: expected a number, found string").
Journal read_journal(std::istream& is);

// One field in which two headers differ, named as chunkscope-cli's option for it ("strategy",
// "splits-list", "mpi-transport"; "cpu-model", "logical-cores" and "generator" for the machine).
struct JournalDifference {
    std::string field;
    std::string recorded;   // in the journal
    std::string current;    // asked for now, or this machine's
};
// The sweep's fields that differ (the workload, the strategy and its knobs, the grid, the order).
std::vector<JournalDifference> sweep_differences(const SweepSpec& recorded, const SweepSpec& current);
// The machine's identity and the generator: results of another machine or input do not mix.
std::vector<JournalDifference> machine_differences(const JournalHeader& recorded, const JournalHeader& current);
// "strategy: the journal has fork-split, here fork-shm; size: ..."
std::string describe(std::span<const JournalDifference> differences, const std::string& here = "here");

// Whether cell is the sweep's baseline (the sequential run of its workload) rather than a grid cell.
bool is_journal_baseline(const SweepSpec& spec, const CellResult& cell);
// The cells of the sweep that the journal does not hold yet, in the order the sweep runs them.
std::vector<RunConfig> missing_cells(const Journal& journal);

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reporters only format (after google/benchmark's reporters). The JSON and CSV layouts are
// documented in the README; the window and other tools read them.

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <iosfwd>
#include <cstddef>
#include <optional>
#include <string_view>
#include <span>
#include <string>
#include <vector>

namespace chunkscope {

enum class Format { Table, Csv, Json };
std::optional<Format> parse_format(std::string_view name);

void write_table(std::ostream& os, const MachineInfo& m, std::span<const CellResult> results);
// The runs a cell got, for tables: "2 + 3" (warm-up + timed), "1 + 1 of 3, cut" when its cell
// budget gave it fewer repetitions or warm-up runs than asked.
std::string runs_text(const CellResult& r);
void write_csv(std::ostream& os, std::span<const CellResult> results);
// Which rows of a report were run as the window's analyses (indices into its results): the
// last comparison (several strategies at one cell) and the last scaling (one strategy at
// several worker counts), so that a session reopened draws its Compare bars and Scaling points
// again. Written as "analyses" only when not empty; a report without it has none.
struct ReportAnalyses {
    std::vector<std::size_t> compare;
    std::vector<std::size_t> scale;
    bool empty() const { return compare.empty() && scale.empty(); }
};
void write_json(std::ostream& os, const MachineInfo& m, std::span<const CellResult> results,
                const ReportAnalyses& analyses = {});
void write_report(std::ostream& os, Format f, const MachineInfo& m, std::span<const CellResult> results);

struct Report {
    MachineInfo machine;
    std::vector<CellResult> results;
    ReportAnalyses analyses;
    std::string error;   // empty when the document was read
};
// Reads what write_json wrote (events are not part of it). Never throws: a document that is
// not a Chunkscope report comes back with error set to what is wrong with it.
Report read_json(std::istream& is);

} // namespace chunkscope

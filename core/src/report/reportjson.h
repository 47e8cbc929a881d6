// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The pieces of a report's JSON (reporters.h) that a journal (journal.h) is made of too: the
// machine object and one result cell, written and read back, so both are one format.

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include "jsonfields.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace chunkscope::detail {

nlohmann::ordered_json machine_json(const MachineInfo& m);
// A report's "notes": why its timings may be noisy (machine_state_warnings of its machine).
nlohmann::ordered_json notes_json(const MachineInfo& m);
nlohmann::ordered_json cell_json(const CellResult& r);
// Throw ReadError (jsonfields.h) naming the field that is wrong, under path.
MachineInfo read_machine(const nlohmann::ordered_json& j);
// The run's configuration as a cell (and a journal's sweep) carries it: strategy, workload
// without its seed, knobs, repeats and warm-up.
void read_config(const Fields& f, RunConfig& c);
CellResult read_cell(const nlohmann::ordered_json& j, const std::string& path);
// A CSV field: as it is, or quoted (with its quotes doubled) where it holds a comma, a quote or
// a line break.
std::string csv_field(std::string_view s);

} // namespace chunkscope::detail

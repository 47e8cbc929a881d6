// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The mpi strategies' part of a report's cell: how mpirun was started and where each rank ran.

#include "chunkscope/results.h"

#include <nlohmann/json.hpp>

namespace chunkscope::detail {

// {"ranks", "transport", "hostfile", "mpirun", "args", "as_root", "places": [{"rank", "worker",
// "pid", "host"}]}, for a cell of mpi or mpi-distributed.
nlohmann::ordered_json mpi_cell_json(const CellResult& r);
// Reads it back into r (nothing when the cell has none); throws std::runtime_error naming the
// field that is wrong.
void read_mpi_cell(const nlohmann::ordered_json& cell, CellResult& r);

} // namespace chunkscope::detail

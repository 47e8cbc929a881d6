// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Dask clusters' part of a report's cell (py-dask-cluster, py-dask-distributed): the
// scheduler, where each worker ran, and the workers the cell lost.

#include "chunkscope/results.h"

#include <nlohmann/json.hpp>

namespace chunkscope::detail {

// {"scheduler": null or "tcp://HOST:PORT", "lose_worker", "workers": [{"worker", "pid", "host"}],
//  "lost": null or {"caused", "runs", "tasks_rerun", "results_recomputed", "chunks_rescattered",
//  "workers": [{"address", "host", "pid", "name"}]}}
nlohmann::ordered_json dask_cell_json(const CellResult& r);
// Reads it back into r (nothing when the cell has none; each field absent in older reports);
// throws std::runtime_error naming the field that is wrong.
void read_dask_cell(const nlohmann::ordered_json& cell, CellResult& r);

} // namespace chunkscope::detail

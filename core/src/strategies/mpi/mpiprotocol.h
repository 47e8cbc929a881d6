// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the engine and chunkscope-mpi's rank 0 say to each other: JSON lines, one object each,
// on rank 0's standard input and output (mpirun forwards both). The engine sends
//   {"op":"run", "id", "strategy", "function", "kernel", "intensity", "size", "seed",
//    "splits", "chunksize", "warmup", "repeats", "cell_budget_s"}, {"op":"pingpong", "sizes", "rounds"},
//   {"op":"quit"};
// rank 0 answers with {"type":"hello", "ranks", "places":[{"rank","pid","host"}], "mpi"} once
// every rank is up, one {"type":"sample", ...} per run of a cell and {"type":"done", "id",
// "status", "error"} after them, {"type":"pingpong", "points":[[bytes, one_way_s]]}, and
// {"type":"bye"} before it finalises.

#include "chunkscope/config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace chunkscope::detail {

// A cell as every rank is told it (broadcast from rank 0 as plain bytes).
struct MpiCell {
    std::int32_t id = 0;
    std::int32_t distributed = 0;   // 0: mpi (rank 0 deals), 1: mpi-distributed (owner computes)
    std::int32_t function = 0;
    std::int32_t kernel = 0;
    std::int32_t intensity = 1;
    std::int32_t warmup = 0;
    std::int32_t repeats = 1;
    std::int32_t pad = 0;
    std::uint64_t size = 0;
    std::uint64_t seed = 0;
    std::uint64_t splits = 1;
    std::uint64_t chunksize = 1;
    double budget_s = 0;            // the cell budget (warmup.h's next_run); 0: none
};

// The engine's request for a cell's runs.
nlohmann::json mpi_run_request(const RunConfig& c, int id, int warmup, int repeats, double budget_s);
// Rank 0's reading of it; nothing (and error) when it is not one.
std::optional<MpiCell> parse_mpi_run_request(const nlohmann::json& j, std::string& error);
// The cell's workload, as the engine's kernels take it.
Workload workload_of(const MpiCell& c);

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The mpi strategies' check of a run, on the ranks: each rank verifies the items it holds with
// verify_output (block by block against the counter-based generator, no reference copy) and
// sums their output_checksum; rank 0 adds the checksums up and keeps the first differing item.
// The engine compares the checksum with its own (reference_checksum) and, when an item differs,
// says which item and which rank.

#include "chunkscope/workload.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chunkscope::detail {

// Plain bytes: gathered on rank 0 as they are.
struct MpiRunCheck {
    std::uint64_t checksum = 0;   // output_checksum of the items checked
    std::int64_t rank = -1;       // the rank whose items differ first; -1: every item verified
    std::uint64_t item = 0;       // the first differing item, numbered in the whole vector
    double got = 0, expected = 0;
};

// Items [begin, end) of w's output, held by rank in out.
MpiRunCheck check_mpi_slice(const Workload& w, const double* out, std::size_t begin, std::size_t end, int rank);
// Every rank's check, in rank order (their slices in item order): the checksums add up, the
// first differing item is the lowest rank's.
MpiRunCheck combine_mpi_checks(const std::vector<MpiRunCheck>& ranks);

// The check's part of rank 0's sample: "verified", "checksum" and, when not verified,
// "mismatch": {"rank", "item", "got", "expected"}.
void put_mpi_check(nlohmann::json& sample, const MpiRunCheck& c);
// The engine's message for a sample that is not verified: "item 1234, computed by rank 2,
// differs from the sequential result (got g, expected e: n ulp apart)".
std::string mpi_mismatch_message(const nlohmann::json& sample);

} // namespace chunkscope::detail

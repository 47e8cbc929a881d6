// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A checksum of an output, so that two processes can agree on a result without sending it: the
// ranks of the mpi strategies sum it over their output, the engine over its own sequential
// result of the same workload (reference_checksum), wherever each part of it was computed.
// (Checking an output item by item is verify.h's verify_output.)

#include "chunkscope/workload.h"

#include <cstddef>
#include <cstdint>

namespace chunkscope {

// The sum (mod 2^64) over the items of a hash of (position, bits): it depends on every bit and
// on where each value sits, not on the order it is taken in, so the checksums of disjoint
// slices add up to the checksum of the whole. out holds the items [first, first + n).
std::uint64_t output_checksum(const double* out, std::size_t n, std::size_t first = 0) noexcept;

// How far apart two doubles are, in units in the last place (0 when bit-identical).
double ulp_distance(double a, double b) noexcept;

// output_checksum of w's sequential result, items [first, first + n), made block by block.
std::uint64_t reference_checksum(const Workload& w, std::size_t first, std::size_t n);

} // namespace chunkscope

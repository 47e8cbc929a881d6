#pragma once
// Checking an output without a reference copy of the whole vector: a checksum of it, and a
// comparison with the sequential result of the same kernel recomputed block by block. The
// engine and chunkscope-mpi's ranks call the same functions, so their checksums of one workload
// agree wherever each part of it was computed.

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

struct OutputCheck {
    std::uint64_t checksum = 0;        // output_checksum of what was checked
    bool exact = true;                 // bit-identical to the sequential result
    std::size_t first_mismatch = 0;    // index in the whole vector, when not exact
    double got = 0, expected = 0;      // the first mismatching item
    double max_ulp = 0;                // the largest difference, in ulp
};

// Compares out, the items [first, first + n) of w's output, with w's sequential result, made
// again in blocks of a few thousand items (the input by fill_data_serial, then apply_kernel).
OutputCheck check_output(const Workload& w, const double* out, std::size_t first, std::size_t n);

// output_checksum of w's sequential result, items [first, first + n), made block by block.
std::uint64_t reference_checksum(const Workload& w, std::size_t first, std::size_t n);

} // namespace chunkscope

#pragma once
// Verification without a reference copy: the sequential kernel's result is recomputed block by
// block (the input made again by the counter-based generator, into a small scratch buffer per
// thread) on every core, and compared bit for bit with the output. Memory: a block per thread.

#include "chunkscope/observer.h"
#include "chunkscope/results.h"
#include "chunkscope/workload.h"

#include <cstddef>
#include <functional>
#include <string>

namespace chunkscope {

// Items in a verification block at intensity 1 (fewer at higher intensities).
inline constexpr std::size_t kVerifyBlockItems = std::size_t{1} << 16;
// The scratch a verification holds: one block per core this process may use.
std::size_t verification_scratch_bytes();

struct Verification {
    Status status = Status::Ok;   // Ok, Failed (the output differs) or Cancelled
    std::string error;            // "output differs from the sequential result at item i (got g, expected e)"
    std::size_t item = 0;         // Failed: the first differing item, numbered in the whole vector
    double got = 0, expected = 0; // Failed: its value and the sequential result's
};

// Whether out holds items [begin, end) of apply_kernel(w's function, kernel, intensity) over
// fill_data(w), bit for bit; items are numbered in the whole vector (a rank checks its slice).
// The first differing item is the one reported. A cancelled token ends it within a block
// (at most 64K function evaluations per thread). on_block, when given, is called after each
// block is checked, from whichever thread checked it, with the number of items in the block.
Verification verify_output(const Workload& w, const double* out, std::size_t begin, std::size_t end,
                           const CancelToken* cancel = nullptr,
                           const std::function<void(std::size_t)>& on_block = {});
// The whole vector: items [0, w.size).
Verification verify_output(const Workload& w, const double* out, const CancelToken* cancel = nullptr);

} // namespace chunkscope

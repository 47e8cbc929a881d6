// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Verification without a reference copy: the sequential kernel's result is recomputed block by
// block (the input made again by the counter-based generator, into a small scratch buffer per
// thread) on every core, and compared bit for bit with the output. Memory: a block per thread.
// A process that checks many runs of one workload keeps an OutputReference instead: the hash of
// each block of that result, made once, against which an output is checked by reading it once.

#include "chunkscope/observer.h"
#include "chunkscope/results.h"
#include "chunkscope/workload.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

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

// What the runner writes into every output item before a run, so that an item no worker wrote
// cannot pass a check: no function gives NaN on the inputs the generator makes.
inline constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();
// Fills out[0, n) with kUnwritten, on every core.
void mark_unwritten(double* out, std::size_t n);

// The sequential result of one workload, held as a 64-bit XXH3 hash of each block of it (64K
// items at intensity 1, down to 4096 at intensity 16 and above): at most 8 bytes per 4096
// items. It is made once, like verify_output's recomputation, on every core. A check then reads
// the output once, hashing each block on every core. A block whose hash differs is recomputed
// and compared item by item, so a failure names the first differing item exactly as
// verify_output does. A changed item goes unnoticed only if it leaves its block's 64-bit hash as
// it was.
class OutputReference {
public:
    // w's reference, or nothing when cancel is cancelled first (within 64K function
    // evaluations per thread).
    static std::optional<OutputReference> make(const Workload& w, const CancelToken* cancel = nullptr);
    // The bytes a reference holds for size items at this intensity.
    static std::size_t bytes(std::size_t size, int intensity);

    const Workload& workload() const { return workload_; }
    // Whether out[0, size) holds the sequential result.
    Verification check(const double* out, const CancelToken* cancel = nullptr) const;
    // The same, and each block found equal is then set to kUnwritten while it is still in cache:
    // after a pass the output is ready for the next run. A failed or cancelled check leaves it
    // partly marked.
    Verification check_and_mark(double* out, const CancelToken* cancel = nullptr) const;

private:
    Verification check_blocks(const double* out, double* mark, const CancelToken* cancel) const;

    Workload workload_;
    std::size_t block_ = 0;            // items a hash covers (the last block may be shorter)
    std::vector<std::uint64_t> hashes_;
};

} // namespace chunkscope

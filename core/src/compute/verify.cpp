// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/verify.h"

#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/machine.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

#define XXH_INLINE_ALL // xxhash.h's own advice for speed: the hash compiled into this file
#include <xxhash.h>

namespace chunkscope {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Blocks of about 64K function evaluations, so that even a high intensity notices a
// cancellation within milliseconds; at intensity 1 a block is 64K items (512 KiB of scratch).
std::size_t block_items(int intensity)
{
    return std::max<std::size_t>(16, kVerifyBlockItems / static_cast<std::size_t>(std::max(1, intensity)));
}

// The items an OutputReference hash covers: a verification block, but at least 4096 items, so
// that a reference takes at most 8 bytes per 4096 items (2 MiB for 1G items).
std::size_t hash_block_items(int intensity)
{
    return std::max<std::size_t>(4096, block_items(intensity));
}

std::uint64_t block_hash(const double* items, std::size_t n)
{
    return XXH3_64bits(items, n * sizeof(double));
}

// Items [first, first + n) of w's sequential result into expected.
void sequential_block(const Workload& w, std::size_t first, std::size_t n, double* expected)
{
    fill_data_serial(expected, first, first + n, w);
    apply_kernel(w.function, w.kernel, w.intensity, expected, expected, n);
}

// The offset of the first of got[0, n) that differs from expected[0, n) in any bit, or n.
std::size_t first_difference(const double* got, const double* expected, std::size_t n)
{
    if (std::memcmp(got, expected, n * sizeof(double)) == 0)
        return n;
    std::size_t k = 0;
    while (std::memcmp(got + k, expected + k, sizeof(double)) == 0)
        ++k;
    return k;
}

std::string mismatch_message(std::size_t i, double got, double expected)
{
    std::ostringstream os;
    os.precision(17);
    os << "output differs from the sequential result at item " << i << " (got " << got << ", expected "
       << expected << ")";
    return os.str();
}

// Lowers target to value if value is smaller.
void lower(std::atomic<std::size_t>& target, std::size_t value)
{
    std::size_t seen = target.load(std::memory_order_relaxed);
    while (value < seen && !target.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
    }
}

// What a check found: cancelled, item i differs (out holds the items from begin), or all equal.
Verification outcome(const Workload& w, const double* out, std::size_t begin, bool stopped, std::size_t i)
{
    if (stopped)
        return {Status::Cancelled, "cancelled"};
    if (i == kNone)
        return {};
    // The kernel gives an item the same bits wherever it stands, alone included.
    double expected = data_item(w, i);
    apply_kernel(w.function, w.kernel, w.intensity, &expected, &expected, 1);
    return {Status::Failed, mismatch_message(i, out[i - begin], expected), i, out[i - begin], expected};
}

using Scratch = tbb::enumerable_thread_specific<std::vector<double>>;

} // namespace

std::size_t verification_scratch_bytes()
{
    return static_cast<std::size_t>(logical_cores()) * kVerifyBlockItems * sizeof(double);
}

Verification verify_output(const Workload& w, const double* out, std::size_t begin, std::size_t end,
                           const CancelToken* cancel, const std::function<void(std::size_t)>& on_block)
{
    if (end <= begin)
        return {};
    const std::size_t block = block_items(w.intensity);
    const std::size_t blocks = (end - begin + block - 1) / block;
    std::atomic<std::size_t> first_bad{kNone}; // the smallest differing item found so far
    std::atomic<bool> stopped{false};
    Scratch scratch([block] { return std::vector<double>(block); });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks), [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<double>& expected = scratch.local();
        for (std::size_t b = r.begin(); b != r.end(); ++b) {
            if (cancel && cancel->cancelled()) {
                stopped = true;
                return;
            }
            const std::size_t first = begin + b * block;
            if (first > first_bad.load(std::memory_order_relaxed))
                return; // an earlier item differs already; the rest of this range lies after it
            const std::size_t n = std::min(block, end - first);
            sequential_block(w, first, n, expected.data());
            if (const std::size_t k = first_difference(out + (first - begin), expected.data(), n); k < n)
                lower(first_bad, first + k);
            if (on_block)
                on_block(n);
        }
    });
    return outcome(w, out, begin, stopped, first_bad.load());
}

Verification verify_output(const Workload& w, const double* out, const CancelToken* cancel)
{
    return verify_output(w, out, 0, w.size, cancel);
}

void mark_unwritten(double* out, std::size_t n)
{
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kVerifyBlockItems),
                      [out](const tbb::blocked_range<std::size_t>& r) {
                          std::fill(out + r.begin(), out + r.end(), kUnwritten);
                      });
}

std::optional<OutputReference> OutputReference::make(const Workload& w, const CancelToken* cancel)
{
    OutputReference ref;
    ref.workload_ = w;
    ref.block_ = hash_block_items(w.intensity);
    ref.hashes_.resize((w.size + ref.block_ - 1) / ref.block_);
    const std::size_t step = block_items(w.intensity); // evaluations between looks at the token
    std::atomic<bool> stopped{false};
    Scratch scratch([&ref] { return std::vector<double>(ref.block_); });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ref.hashes_.size()),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          std::vector<double>& expected = scratch.local();
                          for (std::size_t b = r.begin(); b != r.end(); ++b) {
                              const std::size_t first = b * ref.block_;
                              const std::size_t n = std::min(ref.block_, w.size - first);
                              for (std::size_t at = 0; at < n; at += step) {
                                  if (cancel && cancel->cancelled()) {
                                      stopped = true;
                                      return;
                                  }
                                  sequential_block(w, first + at, std::min(step, n - at), expected.data() + at);
                              }
                              ref.hashes_[b] = block_hash(expected.data(), n);
                          }
                      });
    if (stopped)
        return std::nullopt;
    return ref;
}

std::size_t OutputReference::bytes(std::size_t size, int intensity)
{
    const std::size_t block = hash_block_items(intensity);
    return (size / block + 1) * sizeof(std::uint64_t);
}

Verification OutputReference::check(const double* out, const CancelToken* cancel) const
{
    return check_blocks(out, nullptr, cancel);
}

Verification OutputReference::check_and_mark(double* out, const CancelToken* cancel) const
{
    return check_blocks(out, out, cancel);
}

Verification OutputReference::check_blocks(const double* out, double* mark, const CancelToken* cancel) const
{
    const Workload& w = workload_;
    const std::size_t step = block_items(w.intensity);
    std::atomic<std::size_t> first_bad{kNone};
    std::atomic<bool> stopped{false};
    Scratch scratch([step] { return std::vector<double>(step); }); // made only where a hash differs
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, hashes_.size()), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b) {
            if (cancel && cancel->cancelled()) {
                stopped = true;
                return;
            }
            const std::size_t first = b * block_;
            if (first > first_bad.load(std::memory_order_relaxed))
                return; // an earlier item differs already; the rest of this range lies after it
            const std::size_t n = std::min(block_, w.size - first);
            const double* got = out + first;
            if (block_hash(got, n) == hashes_[b]) {
                if (mark)
                    std::fill(mark + first, mark + first + n, kUnwritten);
                continue;
            }
            // The block differs: recompute it, a verification block at a time, to find where.
            std::vector<double>& expected = scratch.local();
            std::size_t at = 0;
            for (; at < n; at += step) {
                if (cancel && cancel->cancelled()) {
                    stopped = true;
                    return;
                }
                const std::size_t m = std::min(step, n - at);
                sequential_block(w, first + at, m, expected.data());
                if (const std::size_t k = first_difference(got + at, expected.data(), m); k < m) {
                    lower(first_bad, first + at + k);
                    break;
                }
            }
            if (at >= n) // every item equal, yet the hash differs: the reference is not this result's
                throw std::logic_error("verification: the reference's hash of items " + std::to_string(first) +
                                       " to " + std::to_string(first + n - 1) +
                                       " is not that of the sequential result");
        }
    });
    return outcome(w, out, 0, stopped, first_bad.load());
}

} // namespace chunkscope

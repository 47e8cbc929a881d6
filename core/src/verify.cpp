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
#include <vector>

namespace chunkscope {

namespace {

// Blocks of about 64K function evaluations, so that even a high intensity notices a
// cancellation within milliseconds; at intensity 1 a block is 64K items (512 KiB of scratch).
std::size_t block_items(int intensity)
{
    return std::max<std::size_t>(16, kVerifyBlockItems / static_cast<std::size_t>(std::max(1, intensity)));
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
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::atomic<std::size_t> first_bad{kNone}; // the smallest differing item found so far
    std::atomic<bool> stopped{false};
    tbb::enumerable_thread_specific<std::vector<double>> scratch([block] { return std::vector<double>(block); });
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
            fill_data_serial(expected.data(), first, first + n, w);
            apply_kernel(w.function, w.kernel, w.intensity, expected.data(), expected.data(), n);
            const double* got = out + (first - begin);
            if (std::memcmp(got, expected.data(), n * sizeof(double)) != 0) {
                std::size_t k = 0;
                while (std::memcmp(got + k, expected.data() + k, sizeof(double)) == 0)
                    ++k;
                lower(first_bad, first + k);
            }
            if (on_block)
                on_block(n);
        }
    });
    if (stopped)
        return {Status::Cancelled, "cancelled"};
    const std::size_t i = first_bad.load();
    if (i == kNone)
        return {};
    // The kernel gives an item the same bits wherever it stands, alone included.
    double expected = data_item(w, i);
    apply_kernel(w.function, w.kernel, w.intensity, &expected, &expected, 1);
    return {Status::Failed, mismatch_message(i, out[i - begin], expected), i, out[i - begin], expected};
}

Verification verify_output(const Workload& w, const double* out, const CancelToken* cancel)
{
    return verify_output(w, out, 0, w.size, cancel);
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#include "stdparstrategy.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "tasks.h"
#include "tbbstrategy.h"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <execution>
#include <iterator>

namespace chunkscope::detail {

namespace {

// What f is applied to: the kernel gives an item the same bits wherever it stands (kernels.h),
// so any block size is bit-identical to sequential; 64 items (four of the SIMD kernel's blocks)
// keep the call and the copy of each block small beside its arithmetic. 10M exp on 2 threads
// here, best of 15 beside tbb 64x1 in one program: 16 items 1.13-1.19x tbb, 64 items 1.10-1.12x,
// 256 1.20-1.35x, 1024 1.38-1.50x (the block outgrows the first-level cache's room).
constexpr std::size_t kBlockItems = 64;

struct Block {
    double item[kBlockItems];
};

// Where std::transform writes a block: its output's kBlockItems items.
class BlockSlot {
public:
    explicit BlockSlot(double* p) noexcept
        : p_(p)
    {
    }
    BlockSlot& operator=(const Block& b) noexcept
    {
        std::memcpy(p_, b.item, sizeof b.item);
        return *this;
    }

private:
    double* p_;
};

// A random-access iterator over a vector's whole blocks, for std::transform: reading a block of
// the input gives its address (the function reads the items in place), writing a block of the
// output is a BlockSlot.
template <typename Item, typename Ref>
class Blocks {
public:
    using iterator_category = std::random_access_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using value_type = Ref;
    using reference = Ref;
    using pointer = void;

    Blocks() = default;
    explicit Blocks(Item* p) noexcept
        : p_(p)
    {
    }
    Ref operator*() const noexcept { return Ref(p_); }
    Ref operator[](difference_type n) const noexcept { return Ref(p_ + n * kStride); }
    Blocks& operator++() noexcept { return *this += 1; }
    Blocks operator++(int) noexcept { return std::exchange(*this, *this + 1); }
    Blocks& operator--() noexcept { return *this -= 1; }
    Blocks operator--(int) noexcept { return std::exchange(*this, *this - 1); }
    Blocks& operator+=(difference_type n) noexcept
    {
        p_ += n * kStride;
        return *this;
    }
    Blocks& operator-=(difference_type n) noexcept { return *this += -n; }
    friend Blocks operator+(Blocks b, difference_type n) noexcept { return b += n; }
    friend Blocks operator+(difference_type n, Blocks b) noexcept { return b += n; }
    friend Blocks operator-(Blocks b, difference_type n) noexcept { return b -= n; }
    friend difference_type operator-(const Blocks& a, const Blocks& b) noexcept { return (a.p_ - b.p_) / kStride; }
    friend auto operator<=>(const Blocks&, const Blocks&) = default;

private:
    static constexpr difference_type kStride = static_cast<difference_type>(kBlockItems);
    Item* p_ = nullptr;
};

using InBlocks = Blocks<const double, const double*>;
using OutBlocks = Blocks<double, BlockSlot>;

} // namespace

RunSample StdParStrategy::run(const Job& job)
{
    RunSample s;
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, allowed_parallelism(job.workers));
    const std::size_t whole = job.size / kBlockItems * kBlockItems;
    const double t0 = now_s();
    tbb::task_arena arena(job.workers);
    arena.initialize();
    const double t_started = now_s();
    arena.execute([&] {
        // What a C++ programmer writes, over blocks: the library decides how to cut the range.
        std::transform(std::execution::par_unseq, InBlocks(job.in), InBlocks(job.in + whole), OutBlocks(job.out),
                       [&job](const double* in) {
                           Block b;
                           if (cancelled(job))
                               std::fill(std::begin(b.item), std::end(b.item), 0.0);
                           else
                               apply_kernel(job.function, job.kernel, job.intensity, in, b.item, kBlockItems);
                           return b;
                       });
    });
    if (whole < job.size && !cancelled(job))
        apply_kernel(job.function, job.kernel, job.intensity, job.in + whole, job.out + whole, job.size - whole);
    const double compute_end = now_s();
    arena.terminate();
    const double t_end = now_s();
    s.wall_s = t_end - t0;
    s.phases.startup_s = t_started - t0;
    s.phases.compute_s = compute_end - t_started;
    s.phases.shutdown_s = t_end - compute_end;
    if (cancelled(job)) {
        s.status = Status::Cancelled;
        s.error = "cancelled";
    }
    return s;
}

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a job's parts are grouped into tasks, shared by every parallel strategy.

#include "chunkscope/strategy.h"

#include <algorithm>
#include <cstddef>

namespace chunkscope::detail {

struct TaskRange {
    std::size_t begin = 0;   // first item
    std::size_t end = 0;     // one past the last item
    std::size_t size() const { return end - begin; }
};

inline std::size_t task_total(const Job& j)
{
    return j.chunksize == 0 ? 0 : (j.splits + j.chunksize - 1) / j.chunksize;
}

// Task t holds parts [t * chunksize, (t + 1) * chunksize), which are contiguous items.
inline TaskRange task_range(const Job& j, std::size_t t)
{
    const std::size_t first_part = t * j.chunksize;
    const std::size_t last_part = std::min(first_part + j.chunksize, j.splits);
    return {part_begin(j.size, j.splits, first_part), part_begin(j.size, j.splits, last_part)};
}

inline bool cancelled(const Job& j)
{
    return j.cancel && j.cancel->load(std::memory_order_relaxed);
}

} // namespace chunkscope::detail

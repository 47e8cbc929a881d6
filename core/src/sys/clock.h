// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One monotonic clock for the parent and every forked worker (CLOCK_MONOTONIC is system-wide),
// so task times from different processes line up. Async-signal-safe.

#include <ctime>

namespace chunkscope::detail {

inline double now_s() noexcept
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace chunkscope::detail

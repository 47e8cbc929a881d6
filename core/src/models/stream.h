// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The memory bandwidth STREAM's way (McCalpin's STREAM, which Hager and Wellein take as the
// roof): OpenMP loops with schedule(static) over three arrays well past the last-level cache,
// first touched in the same layout, one team for every repetition, each kernel's best time.

#include "chunkscope/observer.h"

#include <cstddef>

namespace chunkscope::detail {

struct StreamBandwidth {
    // Bytes per second as STREAM counts them: the bytes the kernel reads and writes
    // (copy and scale 2 x 8 per item, triad 3 x 8), not the write-allocate read of each stored
    // line (the stores are ordinary ones, as the engine's kernels' are: see stream.cpp).
    double copy = 0;   // c = a
    double scale = 0;  // b = s * c
    double triad = 0;  // a = b + s * c
    std::size_t array_bytes = 0; // each of the three arrays
    int threads = 0;   // the OpenMP team's size
    int repetitions = 0; // timed repetitions of each kernel the best was taken from
};

// The size of the largest cache, from sysfs (the OS's view), else sysconf; 0 if neither says.
std::size_t last_level_cache_bytes();

// Each array's size: four times the last-level cache per thread of the team, at least 128 MiB,
// at most 1 GiB.
std::size_t stream_array_bytes();

// array_bytes: each of the three arrays. The team is OpenMP's default (OMP_NUM_THREADS, else
// the cores this process may use). A cancellation is seen between repetitions; what was
// measured until then is returned (zeros before the first counted repetition).
StreamBandwidth measure_stream(std::size_t array_bytes, const CancelToken* cancel);

} // namespace chunkscope::detail

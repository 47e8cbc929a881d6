// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The OpenMP family's facts (omp): its own floor, that model in words and its lesson, and what
// this build's OpenMP runtime can do. The registry entry points at them (registry.cpp).

#include "chunkscope/ownfloor.h"
#include "chunkscope/registry.h"

namespace chunkscope {

// Whether the runtime releases its threads when asked (OpenMP 5's omp_pause_resource_all), so a
// fresh team starts inside the timed region: GCC's libgomp does; LLVM's libomp 14 (the clang
// builds) ends the process at the next parallel region ("OMP: Error #132"), so there the pool
// knob does not apply to omp. Set by core/src/strategies/openmp/CMakeLists.txt.
inline constexpr bool kOmpReleasesThreads = CHUNKSCOPE_OMP_RELEASES_THREADS;

// Whether the runtime gives a team the threads it is asked for: not when OMP_THREAD_LIMIT caps
// teams at one thread or OMP_DYNAMIC lets it give fewer (the reason, and the command that lifts it).
Availability omp_available();

} // namespace chunkscope

namespace chunkscope::facts {

extern const StrategyFacts kOmp;

} // namespace chunkscope::facts

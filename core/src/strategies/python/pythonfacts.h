// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Python family's facts (every py-* strategy): each strategy's own floor from the module's
// measured costs (pythoncosts.h), that model in words (--help, tooltips, machine --floors) and its
// lesson, where its time goes (the window's notes). The registry entry of each strategy points at
// them (registry.cpp).

#include "chunkscope/ownfloor.h"

#include <string_view>

namespace chunkscope::facts {

OwnFloor py_sequential_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kPySequentialFloorModel =
    "one core: numpy's measured loop over N items (or 16 N bytes over the bandwidth),\n"
    "plus the first touch of its fresh 8 N-byte output.";
inline constexpr std::string_view kPySequentialLesson =
    "NumPy's own loop on one core: the Python baseline; its exp allocates the output as it goes.";

OwnFloor py_items_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kPyItemsFloorModel =
    "fresh: Pool(W) made and terminated; the parent pickles N numpy.float64 out and back with each\n"
    "task's cost, overlapping the workers' unpickling, calls and pickling over min(W, cores).";
inline constexpr std::string_view kPyItemsLesson =
    "Every item is pickled to a worker and back, one Python object at a time: the per-item cost of "
    "pickling dwarfs the arithmetic, which is why the tutorial found it slower than sequential.";

OwnFloor py_split_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kPySplitFloorModel =
    "fresh: Pool(W) made and terminated; the parent pickles 8 N bytes out while it unpickles 8 N back,\n"
    "at the measured rates with each task's cost, overlapping the workers' loop; then numpy.concatenate.";
inline constexpr std::string_view kPySplitLesson =
    "Whole parts are pickled through pipes, so the per-item cost is gone but every byte still "
    "travels twice: scatter and gather dominate, as in fork-split.";

OwnFloor py_shm_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kPyShmFloorModel =
    "fresh: Pool(W) made and terminated, a new segment's pages (tmpfs's first write of each); the data\n"
    "copied in and out by the parent; between, numpy's loop over min(W, cores) and the workers mapping the pages.";
inline constexpr std::string_view kPyShmLesson =
    "Only names and indices are pickled; the time goes to making the segment, copying the vector in "
    "and out, and the workers' first touch of its pages.";

OwnFloor py_threads_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kPyThreadsFloorModel =
    "numpy's measured loop over min(W, cores) (or the bandwidth) and the output's first touch,\n"
    "plus W thread starts when the pool is fresh.";
inline constexpr std::string_view kPyThreadsLesson =
    "NumPy releases the GIL inside exp, so threads compute in parallel on one copy of the data: "
    "the fix the tutorial points to.";

// py-numexpr and py-numba: their own compiled loops are not measured here, so they have no floor
// (always nothing), and their model says so.
OwnFloor compiled_loop_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kCompiledLoopFloorModel =
    "not modelled: its own loop's throughput is not measured here.";
inline constexpr std::string_view kPyNumexprLesson =
    "numexpr compiles the expression and runs it in blocks on its own threads: no pickling, no "
    "processes, its own vectorised math (so the last bits may differ from numpy's).";
inline constexpr std::string_view kPyNumbaLesson =
    "numba compiles the loop to machine code and runs prange over threads: no interpreter in the "
    "loop, its own math library (so the last bits may differ from numpy's).";

} // namespace chunkscope::facts

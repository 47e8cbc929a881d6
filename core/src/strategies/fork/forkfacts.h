// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The fork family's facts (fork-items, fork-split, fork-shm): each strategy's own floor from the
// mechanisms measured here (mechanisms.h), that model in words (--help, tooltips, machine
// --floors) and its lesson, where its time goes (the window's notes). The registry entry of each
// strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

#include <string_view>

namespace chunkscope::facts {

// fork-items and fork-split: every item through the parent's pipes, there and back.
OwnFloor fork_pipes_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kForkPipesFloorModel =
    "fresh: W forks, one exit at the end; then the larger of 2 N 8 bytes through the parent's\n"
    "pipes (out at its measured writing rate, or by vmsplice at its rate handing pages over for tasks\n"
    "of 64 KiB and more; back at its reading rate) with each task's message and reply, and the\n"
    "machine floor plus the workers' scratch pages and reads of handed-over pages (they overlap).";
inline constexpr std::string_view kForkItemsLesson =
    "With small chunks every task is a message through a pipe, so the cost per task (pickling in "
    "Python, system calls here) dominates: the chunksize decides everything.";
inline constexpr std::string_view kForkSplitLesson =
    "The input goes to the workers and the output comes back through pipes, 16 bytes per item: "
    "scatter and gather take the time, not the math. A large task's items go out by vmsplice (the "
    "pipe takes the input's pages, not a copy), so the gather, copied both ways, weighs most.";

OwnFloor fork_shm_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kForkShmFloorModel =
    "fresh: W forks, one exit at the end; the machine floor plus mapping the 2 N 8 bytes of\n"
    "shared pages in the children (pre-faulted in bulk where the kernel can), over min(W, cores).";
inline constexpr std::string_view kForkShmLesson =
    "Nothing is copied: the time goes to starting processes and to each new process's first touch of "
    "every page of shared memory, which shows as compute; a warm pool has touched them already.";

} // namespace chunkscope::facts

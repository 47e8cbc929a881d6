// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The in-process family's facts (sequential, threads, tbb): each strategy's own floor, that model
// in words (--help, tooltips, machine --floors) and its lesson, where its time goes (the window's
// notes). The registry entry of each strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

#include <string_view>

namespace chunkscope::facts {

OwnFloor sequential_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kSequentialFloorModel =
    "one core: the larger of 16 N bytes over the memory bandwidth and N items of arithmetic.";
inline constexpr std::string_view kSequentialLesson =
    "No overhead, one core: the baseline every speedup is measured against.";

OwnFloor threads_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kThreadsFloorModel =
    "the machine floor (bytes over bandwidth, arithmetic over min(W, cores)),\n"
    "plus W thread starts when the pool is fresh.";
inline constexpr std::string_view kThreadsLesson =
    "No copies and no new address space: only the queue and the balance of the load cost, so it "
    "comes closest to the floor.";

OwnFloor tbb_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kTbbFloorModel =
    "the machine floor (bytes over bandwidth, arithmetic over min(W, cores));\n"
    "tbb's threads are started once per process.";
inline constexpr std::string_view kTbbLesson =
    "Work stealing balances the load by itself; the grain size (chunksize) trades scheduling "
    "overhead against balance.";

} // namespace chunkscope::facts

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The MPI family's facts (mpi, mpi-distributed): each strategy's own floor from the network model
// (netmodel.h) on the link measured here (machine --mpi), that model in words (--help, tooltips,
// machine --floors) and its lesson, where its time goes (the window's notes). The registry entry
// of each strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

#include <string_view>

namespace chunkscope::facts {

OwnFloor mpi_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kMpiFloorModel =
    "warm: the network model on the link measured here (machine --mpi): rank 0's link moves 2 N 8\n"
    "bytes one transfer at a time (alpha + n / beta each), the workers computing meanwhile.";
inline constexpr std::string_view kMpiLesson =
    "Every part travels to a worker rank and back, as in fork-split, but Open MPI moves it with one "
    "copy where pipes take two; a fresh pool also pays for mpirun and MPI_Init.";

OwnFloor mpi_distributed_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);
inline constexpr std::string_view kMpiDistributedFloorModel =
    "warm: the largest slice's arithmetic on one core, then the timings gathered in log2 P\n"
    "steps of alpha on the link measured here (machine --mpi).";
inline constexpr std::string_view kMpiDistributedLesson =
    "Nothing but timings and checksums travels: each rank makes and computes its own slice, so it "
    "scales like threads, and with more machines the vector can outgrow one machine's memory.";

} // namespace chunkscope::facts

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the mpi strategies' ping-pong measured between two ranks (measure_mpi_link, mpi.h): the
// machine's figures for the MPI floors (speedlimit.h), the network model and the reports.

#include "chunkscope/config.h"

#include <cstddef>
#include <string>
#include <vector>

namespace chunkscope {

// Latency and bandwidth between two ranks, measured by a ping-pong (8 B to 64 MiB).
struct MpiLinkPoint {
    std::size_t bytes = 0;
    double one_way_s = 0;   // half the best round trip
};
struct MpiLink {
    MpiOptions options;
    std::vector<MpiLinkPoint> points;
    double latency_s = 0;               // alpha: one way, for the smallest message
    double bandwidth_bytes_per_s = 0;   // beta: bytes / one-way time of the largest message
    std::vector<std::string> hosts;     // where the two ranks ran
    std::string error;                  // empty when measured
};

} // namespace chunkscope

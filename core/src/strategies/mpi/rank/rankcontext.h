// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every part of chunkscope-mpi shares: this rank's place in the job, the message tags,
// waiting without spinning, and rank 0's way of speaking to the engine.

#include "chunkscope/results.h"

#include <mpi.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace chunkscope::mpi {

enum Tag : int { kTagTask = 1, kTagResult = 2, kTagNotice = 3, kTagStop = 4, kTagSync = 5, kTagPing = 6 };

struct Ranks {
    int rank = 0;
    int size = 1;
    bool root() const { return rank == 0; }
};

// Completes req, testing it every fraction of a millisecond and sleeping in between, so that a
// rank waiting for the engine (between cells, while rank 0 prepares data) uses no core.
void wait_idle(MPI_Request& req);
// rank 0's bytes to every rank, waited for with wait_idle.
void idle_bcast(void* data, int bytes);
// Every rank here, waited for with wait_idle, then once more with MPI_Barrier to line them up.
void idle_barrier();

// Rank 0 only: one line of the protocol on standard output, flushed.
void say(const nlohmann::json& message);

// One timed run as rank 0 saw it: times in seconds from its start, on rank 0's clock.
struct RunTimes {
    double wall_s = 0, scatter_s = 0, compute_s = 0, gather_s = 0;
    std::vector<TaskEvent> events;
    bool events_truncated = false;
};

} // namespace chunkscope::mpi

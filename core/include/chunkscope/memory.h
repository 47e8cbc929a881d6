// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How much memory a run needs and the largest vector that fits: one model for the CLI's and
// the window's validation and for the window's size slider.
//
// A run of this process holds its input and output (no reference copy: verify.h keeps a hash of
// each block of the sequential result, 8 bytes per 4096 items at most) and a verification block
// per core. Strategies whose workers get their items through pipes (the registry's copies_tasks)
// add each busy worker's copy of one task, in whole 2 MiB pages; a warm pool's workers keep
// theirs between runs, so every worker may hold one. Shared-memory strategies keep input and
// output in POSIX shared memory (/dev/shm), which must have room for them as well. The
// tutorial's Python holds the copies its registry entry counts (`vectors`: data, numpy's
// reference, output, ...). A distributed strategy (the registry's `distributed`: every rank
// makes and computes its own slice) needs its share per rank, and the ranks on one host share
// that host's memory: the limit is per rank. With a hostfile (MpiOptions::hostfile) its hosts
// are the run's, each taken to offer what this machine does, and the ranks are placed as Open
// MPI maps them by default: by slot, in the hostfile's order.

#include "chunkscope/config.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace chunkscope {

struct StrategyInfo;

// What one machine (host) offers a run's buffers; 0 bytes means unknown, and does not limit.
struct MemoryBudget {
    std::size_t available_bytes = 0;   // MemAvailable: every buffer comes out of it
    std::size_t shared_bytes = 0;      // free in /dev/shm: shared-memory buffers need room there too
    int hosts = 1;                     // hosts a distributed strategy's ranks are spread over, each
                                       // with this budget (ranks are dealt round-robin)
    std::vector<int> host_slots;       // or: each host's slots, in order; ranks fill them (Open MPI's
                                       // mapping by slot), those beyond every slot spread evenly
    std::size_t headroom_bytes = 0;    // of available_bytes, kept free for the rest of the machine
                                       // (memory_headroom); a run may use only what is left
};
// The margin kept for the rest of a machine with this much memory in all: the larger of 10 % of
// it and 1 GiB (a run that leaves less is refused: the kernel's OOM killer would end it or
// something else). memory_budget() keeps it; the rule in words for --help and messages.
std::size_t memory_headroom(std::size_t total_bytes);
inline constexpr const char* kMemoryHeadroomRule = "the larger of 10 % of its memory and 1 GiB";
// m for the hosts c's ranks run on: for a distributed strategy with a readable hostfile, its
// hosts and their slots (a host without slots= gets this machine's logical cores, as Open MPI
// gives it its cores); otherwise m as it is. memory_problem(c, ...) and max_items(c, ...) use it.
MemoryBudget budget_for(const RunConfig& c, const MemoryBudget& m);
// The ranks on the host holding the most of them.
int busiest_host_ranks(int ranks, const MemoryBudget& m);
// This machine, now (one host).
MemoryBudget memory_budget();

struct MemoryNeed {
    std::size_t rank_bytes = 0;          // what one rank holds: the whole run unless distributed
    std::size_t rank_shared_bytes = 0;   // of which in POSIX shared memory
    int ranks = 1;                       // processes holding a share: 1 unless distributed
    std::size_t total_bytes() const;     // every rank's
};
MemoryNeed memory_need(const RunConfig& c);
// The same for a strategy described by s (c.strategy gives the effective splits and chunksize).
MemoryNeed memory_need(const StrategyInfo& s, const RunConfig& c);

// Bytes the run's buffers need in all, every rank's.
std::size_t bytes_needed(const RunConfig& c);

// What does not fit in m, said with what was needed, what is available and the largest size
// that fits; nothing when the run fits.
std::optional<std::string> memory_problem(const RunConfig& c, const MemoryBudget& m);
std::optional<std::string> memory_problem(const StrategyInfo& s, const RunConfig& c, const MemoryBudget& m);

// The largest vector size c fits in m with its other settings as they are (0 when not even one
// item fits; the largest addressable size when m says nothing). The window's size slider.
std::size_t max_items(const RunConfig& c, const MemoryBudget& m);
// The largest size `strategy` with `workers` workers (ranks, for a distributed strategy) fits in
// whatever its splits, chunksize and pool: the bound for a sweep over any grid.
std::size_t max_items(StrategyKind strategy, int workers, const MemoryBudget& m);
std::size_t max_items(const StrategyInfo& s, int workers, const MemoryBudget& m);

// The largest size validate() lets through at all: a run's bytes must be addressable.
inline constexpr std::size_t kMaxAddressableItems = static_cast<std::size_t>(-1) / (8 * sizeof(double));

} // namespace chunkscope

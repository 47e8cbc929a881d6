// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The wire format between ForkPool's parent and its workers, over the task pipe and the result
// pipe (ForkPool::map() in the parent, forkworker.cpp in the child). Each way a task is one
// message: TaskMsg then (over pipes) its items; ResultMsg, (over pipes) the results, ResultEnd.
// A worker streams a piped task in blocks of kStreamItems: it computes and sends back each block
// while the parent is still writing the next, so one large task overlaps its three steps.

#include "fullio.h"

#include <cstddef>
#include <cstdint>

namespace chunkscope::detail {

// Fixed-size messages, copied as raw bytes between processes of the same binary.
struct TaskMsg {
    std::uint64_t task = 0;
    std::uint64_t begin = 0;   // first item
    std::uint64_t count = 0;   // items
    std::int32_t function = 0;
    std::int32_t kernel = 0;
    std::int32_t intensity = 1;
    std::int32_t transport = 0;
    const double* in = nullptr; // Shm: addresses valid in the worker (mapped before the fork)
    double* out = nullptr;
};

// 1 MiB of items: the pipes' buffer size.
inline constexpr std::uint64_t kStreamItems = kPipeBytes / sizeof(double);

// Tasks whose items take at least this many bytes have them handed to the pipe by vmsplice, by
// reference to the input's pages; smaller ones are copied in with their message in one writev.
inline constexpr std::size_t kSpliceBytes = std::size_t{64} << 10;

// Before the results.
struct ResultMsg {
    std::uint64_t task = 0;
    std::uint64_t begin = 0;
    std::uint64_t count = 0;
    double received = 0;   // when the task's message arrived: its (first block of) input came in until start
};

// After them.
struct ResultEnd {
    double start = 0;   // compute start (of the first block), CLOCK_MONOTONIC seconds
    double end = 0;     // compute end (of the last block)
};

} // namespace chunkscope::detail

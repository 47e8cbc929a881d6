#pragma once
// The wire format between ForkPool's parent and its workers: one message per task each way,
// over the task pipe and the result pipe (ForkPool::map() in the parent, forkworker.cpp in the
// child).

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

struct ResultMsg {
    std::uint64_t task = 0;
    std::uint64_t begin = 0;
    std::uint64_t count = 0;
    double start = 0;   // compute start, CLOCK_MONOTONIC seconds
    double end = 0;     // compute end
    double received = 0;   // when the task's message arrived: its input came in until start
};

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The child's side of ForkPool: everything that runs after fork() returns 0.
// Only async-signal-safe calls from fork() to _exit(): raw system calls on file descriptors and
// memory, and compute. No allocation, locks, iostreams, Qt or TBB, so forking from a
// multi-threaded parent is safe. Keep it that way when editing forkworker.cpp.

#include <sys/types.h>

namespace chunkscope::detail {

// Sets the child up (dies with `parent`, ignores Ctrl+C, keeps only its own two pipe ends),
// then serves tasks read from task_fd, writing results to result_fd, until end of input.
[[noreturn]] void fork_worker_main(pid_t parent, int task_fd, int result_fd) noexcept;

} // namespace chunkscope::detail

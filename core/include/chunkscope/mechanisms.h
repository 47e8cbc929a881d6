// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What each mechanism of the strategies costs on this machine, measured: a process's fork and
// exit, the bandwidth of a pipe between two processes with the engine's buffer size (written,
// and handed over by vmsplice, and read into place), the first touch of a page by a fresh
// process (private, shared, and shared pre-faulted in bulk), and starting a thread. The
// strategies' own floors (ownfloor.h) are built from them.

#include "chunkscope/observer.h"

#include <cstddef>

namespace chunkscope {

struct MechanismCosts {
    double fork_exit_s = 0;              // fork(), the child's _exit(0), waitpid(): per process
    double fork_s = 0;                   // the parent's fork() alone (the rest of fork_exit_s is the exit)
    double pipe_bandwidth = 0;           // bytes per second from one process to another, 1 MiB pipes
    double pipe_fanout_bandwidth = 0;    // bytes per second from one process to two readers, as the dealer writes
    double pipe_splice_bandwidth = 0;    // the same, one reader, the writer handing its pages over by vmsplice
                                         // (as the dealer sends large tasks' items); 0 where it is refused
    double pipe_splice_fanout_bandwidth = 0; // by vmsplice to two readers, their copying in parallel
    double pipe_splice_handover_bandwidth = 0; // the writer's own rate doing so: bytes over its time in vmsplice
    double pipe_fanin_bandwidth = 0;     // bytes per second into one process from one writer, read into place
    double pipe_fanin_two_bandwidth = 0; // from two writers, as the dealer gathers results
    std::size_t pipe_bytes = 0;          // pipe buffer the bandwidth was measured with
    double pipe_message_s = 0;           // per task: the parent's small message out and the reply back,
                                         // as the fork strategies' dealer sends and reads them
    double touch_private_s = 0;          // per 4 KiB page: a fresh process writing new private memory
    double touch_shared_s = 0;           // per 4 KiB page: a forked child writing its parent's shared pages
    double populate_shared_s = 0;        // per 4 KiB page: the same pages pre-faulted by MADV_POPULATE_WRITE
    double touch_tmpfs_s = 0;            // per 4 KiB page: writing a new shared-memory (tmpfs) segment, as a
                                         // new /dev/shm segment of Python's SharedMemory is written
    double touch_huge_s = 0;             // per 2 MiB page of private memory; 0 where huge pages are off
    double thread_start_s = 0;           // std::thread start and join
    std::size_t page_bytes = 0;          // the base page size

    bool measured() const { return fork_exit_s > 0 && pipe_bandwidth > 0; }
};

// Takes about half a second; returns what was measured before a cancellation. Forks children
// that only touch memory, write to a pipe and _exit.
MechanismCosts measure_mechanisms(const CancelToken* cancel = nullptr);

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A pool of forked worker processes fed through pipes (the C++ analogue of
// multiprocessing.Pool). A worker only reads task messages, computes and writes results with
// raw system calls, then _exit()s: no allocation, locks, iostreams, Qt or TBB in the child,
// so forking from a multi-threaded parent is safe.
//
// Its parts: the pool's lifecycle here (forkpool.cpp), the child's side after fork()
// (forkworker.h), the parent's scatter/gather loop behind map() (forkmap.h), and the messages
// they exchange (forkmessages.h).

#include "chunkscope/results.h"
#include "chunkscope/strategy.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace chunkscope::detail {

// How items reach a worker: through the pipe with the task (Pipe), or not at all because
// input and output live in shared memory mapped before the fork (Shm).
enum class ForkDataPath { Pipe, Shm };

struct MapResult {
    Status status = Status::Ok;
    std::string error;
    double scatter_s = 0;   // parent's time spent sending tasks and items
    double gather_s = 0;    // parent's time spent receiving and placing results
    std::size_t events = 0; // events written
    bool events_truncated = false;
};

class ForkMap;

class ForkPool {
public:
    ForkPool() = default;
    ~ForkPool();
    ForkPool(const ForkPool&) = delete;
    ForkPool& operator=(const ForkPool&) = delete;

    // Forks the workers. Returns an empty string, or what went wrong (then no worker is left).
    std::string start(int workers);
    // Lets every worker finish (end of input) and reaps it.
    void stop() noexcept;
    // SIGKILLs and reaps every worker.
    void kill() noexcept;
    bool running() const { return !workers_.empty(); }
    int size() const { return static_cast<int>(workers_.size()); }
    std::vector<pid_t> pids() const;

    // Runs every task of the job on the workers, handing out a new task as soon as a worker
    // has room. Task events (times relative to t0) go to events[0..events.size()).
    // On failure or cancellation every worker is killed and reaped before returning.
    MapResult map(const Job& job, ForkDataPath transport, double t0, std::vector<TaskEvent>& events);

private:
    // map()'s poll loop: it reads and writes the workers' pipes, and on failure reports the
    // dead worker and kills the pool.
    friend class ForkMap;

    struct Worker {
        pid_t pid = -1;
        int task_fd = -1;   // parent writes tasks here
        int result_fd = -1; // parent reads results here
    };
    std::string death_message(std::size_t w, const char* what) noexcept;

    std::vector<Worker> workers_;
};

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkpool.h"

#include "forkmap.h"
#include "forkworker.h"
#include "fullio.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace chunkscope::detail {

ForkPool::~ForkPool() { kill(); }

std::vector<pid_t> ForkPool::pids() const
{
    std::vector<pid_t> out;
    for (const auto& w : workers_)
        out.push_back(w.pid);
    return out;
}

std::string ForkPool::start(int workers)
{
    // A worker that dies makes our next write fail with EPIPE; it must not kill us.
    static std::once_flag sigpipe_once;
    std::call_once(sigpipe_once, [] { std::signal(SIGPIPE, SIG_IGN); });

    kill();
    workers_.reserve(static_cast<std::size_t>(workers));
    const pid_t parent = getpid();
    for (int i = 0; i < workers; ++i) {
        int task[2], result[2];
        if (pipe2(task, O_CLOEXEC) != 0) {
            const std::string msg = std::string("cannot create a pipe for worker ") + std::to_string(i) + ": " +
                                    std::strerror(errno);
            kill();
            return msg;
        }
        if (pipe2(result, O_CLOEXEC) != 0) {
            const std::string msg = std::string("cannot create a pipe for worker ") + std::to_string(i) + ": " +
                                    std::strerror(errno);
            close(task[0]);
            close(task[1]);
            kill();
            return msg;
        }
        // Larger pipes move big parts in fewer system calls; refused beyond the user's quota.
        set_pipe_size(task[1]);
        set_pipe_size(result[1]);
        const pid_t pid = fork();
        // The child: from here to its _exit() only async-signal-safe calls (forkworker.h).
        if (pid == 0)
            fork_worker_main(parent, task[0], result[1]);
        if (pid < 0) {
            const std::string msg = std::string("cannot start worker ") + std::to_string(i) + " of " +
                                    std::to_string(workers) + ": fork failed: " + std::strerror(errno);
            for (int fd : {task[0], task[1], result[0], result[1]})
                close(fd);
            kill();
            return msg;
        }
        close(task[0]);
        close(result[1]);
        fcntl(task[1], F_SETFL, O_NONBLOCK);
        fcntl(result[0], F_SETFL, O_NONBLOCK);
        workers_.push_back({pid, task[1], result[0]});
    }
    return {};
}

void ForkPool::stop() noexcept
{
    for (auto& w : workers_)
        close_fd(w.task_fd); // end of input: each worker exits
    for (auto& w : workers_) {
        int status = 0;
        while (w.pid > 0 && waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        close_fd(w.result_fd);
    }
    workers_.clear();
}

void ForkPool::kill() noexcept
{
    for (auto& w : workers_)
        if (w.pid > 0) // never -1: kill(-1) would signal every process we may signal
            ::kill(w.pid, SIGKILL);
    for (auto& w : workers_) {
        int status = 0;
        while (w.pid > 0 && waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        close_fd(w.task_fd);
        close_fd(w.result_fd);
    }
    workers_.clear();
}

std::string ForkPool::death_message(std::size_t w, const char* what) noexcept
{
    const Worker& wk = workers_[w];
    std::string msg = "worker " + std::to_string(w) + " of " + std::to_string(workers_.size()) + " (pid " +
                      std::to_string(wk.pid) + ") ";
    // The worker closed its pipe: it is exiting or gone. Give it a moment to be reapable.
    int status = 0;
    pid_t got = 0;
    for (int i = 0; i < 200 && got == 0; ++i) {
        got = waitpid(wk.pid, &status, WNOHANG);
        if (got == 0)
            usleep(5000);
    }
    if (got == wk.pid && WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* abbrev = sigabbrev_np(sig);
        msg += "was killed by signal " + std::to_string(sig) + " (SIG" + (abbrev ? abbrev : "?") + ", " +
               (sigdescr_np(sig) ? sigdescr_np(sig) : "unknown") + ")";
    } else if (got == wk.pid && WIFEXITED(status)) {
        msg += "exited unexpectedly with status " + std::to_string(WEXITSTATUS(status));
    } else {
        msg += "stopped answering";
    }
    if (got == wk.pid)
        workers_[w].pid = -1;
    return msg + " " + what;
}

MapResult ForkPool::map(const Job& job, ForkDataPath transport, double t0, std::vector<TaskEvent>& events)
{
    return ForkMap(*this, job, transport, t0, events).run();
}

} // namespace chunkscope::detail

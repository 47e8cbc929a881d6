// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlinechild.h"

#include "clock.h"
#include "fullio.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chunkscope::detail {

bool JsonLineChild::spawn(const std::vector<std::string>& argv, const std::string& who, std::string& error)
{
    kill();
    buffer_.clear();
    said_.clear();
    status_ = 0;
    int in[2], out[2], err[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
        error = "cannot make pipes for " + who + ": " + std::strerror(errno);
        return false;
    }
    if (pipe2(out, O_CLOEXEC) != 0) {
        error = "cannot make pipes for " + who + ": " + std::strerror(errno);
        ::close(in[0]);
        ::close(in[1]);
        return false;
    }
    if (pipe2(err, O_CLOEXEC) != 0) {
        error = "cannot make pipes for " + who + ": " + std::strerror(errno);
        for (int fd : {in[0], in[1], out[0], out[1]})
            ::close(fd);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    // Nothing else of ours (a warm pool's pipes, say) reaches the child.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGCHLD})
        sigaddset(&defaults, s);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = argv.empty() ? EINVAL : posix_spawn(&pid, argv.front().c_str(), &actions, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    to_ = in[1];
    from_ = out[0];
    errors_ = err[0];
    if (rc != 0) {
        error = "cannot start " + who + ": " + std::strerror(rc);
        close_pipes();
        return false;
    }
    pid_ = pid;
    fcntl(from_, F_SETFL, O_NONBLOCK);
    fcntl(errors_, F_SETFL, O_NONBLOCK);
    return true;
}

bool JsonLineChild::send_line(const std::string& text)
{
    if (to_ < 0)
        return false;
    const std::string line = text + "\n";
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::send(to_, line.data() + done, line.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool JsonLineChild::read_some(int timeout_ms)
{
    if (from_ < 0)
        return false;
    pollfd fds[2] = {{from_, POLLIN, 0}, {errors_, POLLIN, 0}};
    if (poll(fds, 2, timeout_ms) < 0)
        return errno == EINTR;
    char chunk[65536];
    if (fds[1].revents != 0) {
        const ssize_t n = ::read(errors_, chunk, sizeof chunk);
        if (n > 0) {
            said_.append(chunk, static_cast<std::size_t>(n));
            if (said_.size() > stderr_kept_)
                said_.erase(0, said_.size() - stderr_kept_);
        }
    }
    if (fds[0].revents == 0)
        return true;
    const ssize_t n = ::read(from_, chunk, sizeof chunk);
    if (n > 0) {
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EAGAIN || errno == EINTR);   // 0: the child closed its output
}

void JsonLineChild::drain()
{
    char chunk[65536];
    for (;;) {
        const ssize_t n = from_ >= 0 ? ::read(from_, chunk, sizeof chunk) : 0;
        if (n > 0)
            buffer_.append(chunk, static_cast<std::size_t>(n));
        else if (!(n < 0 && errno == EINTR))
            return;
    }
}

JsonLineChild::Next JsonLineChild::next_line(const std::atomic<bool>* cancel, double deadline)
{
    for (;;) {
        if (const auto eol = buffer_.find('\n'); eol != std::string::npos) {
            Next out{Got::line, buffer_.substr(0, eol)};
            buffer_.erase(0, eol + 1);
            return out;
        }
        if (cancel && cancel->load(std::memory_order_relaxed))
            return {Got::cancelled, {}};
        if (deadline > 0 && now_s() > deadline)
            return {Got::timed_out, {}};
        if (!read_some(50) || reap(0)) {
            // What it wrote before the end still counts.
            drain();
            if (buffer_.find('\n') != std::string::npos)
                continue;
            return {Got::ended, {}};
        }
    }
}

bool JsonLineChild::reap(int wait_ms)
{
    if (pid_ <= 0)
        return true;
    const double deadline = now_s() + wait_ms * 1e-3;
    for (;;) {
        const pid_t r = waitpid(pid_, &status_, WNOHANG);
        if (r == pid_ || (r < 0 && errno == ECHILD)) {
            pid_ = -pid_;
            return true;
        }
        if (now_s() >= deadline)
            return false;
        // Keep its pipes flowing, or it may block writing to them; once they are closed, poll
        // returns at once, so sleep a little.
        const double before = now_s();
        read_some(10);
        if (now_s() - before < 0.005)
            usleep(2000);
    }
}

void JsonLineChild::settle(int wait_ms)
{
    reap(wait_ms);
    read_some(0);
}

std::string JsonLineChild::how_it_ended() const
{
    if (!reaped())
        return "closed its output";
    if (WIFSIGNALED(status_))
        return "was killed by signal " + std::to_string(WTERMSIG(status_)) + " (" + strsignal(WTERMSIG(status_)) + ")";
    return "exited with status " + std::to_string(WEXITSTATUS(status_));
}

void JsonLineChild::signal(int sig) const
{
    if (pid_ > 0)
        ::kill(pid_, sig);
}

void JsonLineChild::kill()
{
    if (pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
        pid_ = -pid_;
    }
    if (pid_ < -1)
        ::kill(pid_, SIGKILL);   // the group of a child already reaped: what it started
    pid_ = -1;
    close_pipes();
}

void JsonLineChild::close_pipes()
{
    close_fd(to_);
    close_fd(from_);
    close_fd(errors_);
}

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "childprocess.h"

#include "support/files.h"
#include "support/processes.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chunkscope::test {

namespace {

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Reads what fd has now; closes it (and sets it to -1) at its end.
void read_available(int& fd, std::string& into)
{
    char buf[65536];
    while (fd >= 0) {
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            into.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        close(fd);   // end of file, or EIO from a terminal whose other side is closed
        fd = -1;
    }
}

} // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& args, bool stderr_on_terminal)
{
    int out_pipe[2];
    int err_pipe[2] = {-1, -1};
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
        spawn_error_ = std::string("pipe: ") + std::strerror(errno);
        return;
    }
    int child_err = -1;
    if (stderr_on_terminal) {
        const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
            spawn_error_ = std::string("pseudo-terminal: ") + std::strerror(errno);
            return;
        }
        child_err = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
        err_fd_ = master;
    } else {
        if (pipe2(err_pipe, O_CLOEXEC) != 0) {
            spawn_error_ = std::string("pipe: ") + std::strerror(errno);
            return;
        }
        err_fd_ = err_pipe[0];
        child_err = err_pipe[1];
    }
    out_fd_ = out_pipe[0];

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, child_err, 2);

    // Its own process group (so that every process it forks can be found and killed), default
    // dispositions and nothing blocked, whatever this test process does with signals.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGHUP})
        sigaddset(&defaults, s);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);

    std::vector<char*> argv;
    const std::string program = CHUNKSCOPE_CLI;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    start_ = std::chrono::steady_clock::now();
    const int rc = posix_spawn(&pid_, program.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(out_pipe[1]);
    close(child_err);
    if (rc != 0) {
        spawn_error_ = "posix_spawn " + program + ": " + std::strerror(rc);
        pid_ = -1;
        ended_ = true;
        return;
    }
    set_nonblocking(out_fd_);
    set_nonblocking(err_fd_);
}

ChildProcess::~ChildProcess()
{
    if (pid_ > 0) {
        // Whatever is left of the group: the CLI if it still runs, and any process it leaked.
        kill(-pid_, SIGKILL);
        if (!ended_)
            reap(true);
    }
    if (out_fd_ >= 0)
        close(out_fd_);
    if (err_fd_ >= 0)
        close(err_fd_);
}

void ChildProcess::mark() { start_ = std::chrono::steady_clock::now(); }

void ChildProcess::drain()
{
    read_available(out_fd_, outcome_.out);
    read_available(err_fd_, outcome_.err);
}

bool ChildProcess::reap(bool block)
{
    if (ended_)
        return true;
    int status = 0;
    pid_t r;
    do {
        r = waitpid(pid_, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r != pid_)
        return false;
    ended_ = true;
    outcome_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (WIFEXITED(status)) {
        outcome_.exited = true;
        outcome_.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        outcome_.signal = WTERMSIG(status);
    }
    return true;
}

bool ChildProcess::pump(std::chrono::milliseconds wait)
{
    if (ended_) {
        drain();
        return false;
    }
    pollfd fds[2];
    nfds_t n = 0;
    for (int fd : {out_fd_, err_fd_})
        if (fd >= 0)
            fds[n++] = pollfd{fd, POLLIN, 0};
    if (n > 0)
        poll(fds, n, static_cast<int>(wait.count()));
    else
        std::this_thread::sleep_for(wait);
    drain();
    if (reap(false)) {
        drain();   // everything it wrote is in the pipes by now
        return false;
    }
    return true;
}

Outcome ChildProcess::wait(std::chrono::milliseconds limit)
{
    if (pid_ <= 0) {
        outcome_.err = spawn_error_;
        return outcome_;
    }
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (pump() && std::chrono::steady_clock::now() < deadline) {
    }
    if (!ended_) {
        kill(-pid_, SIGKILL);
        reap(true);
        drain();
        outcome_.timed_out = true;
    }
    return outcome_;
}

std::string describe(const Outcome& o)
{
    std::ostringstream s;
    s << "exited=" << o.exited << " code=" << o.exit_code << " signal=" << o.signal << " timed_out=" << o.timed_out
      << " seconds=" << o.seconds << "\n--- stdout:\n"
      << o.out.substr(0, 4000) << "\n--- stderr:\n"
      << o.err.substr(0, 4000);
    return s.str();
}

Outcome run_cli(const std::vector<std::string>& args, std::chrono::milliseconds limit)
{
    ChildProcess child(args);
    return child.wait(limit);
}

std::vector<pid_t> children_of(pid_t parent) { return support::children_of(parent); }
std::vector<pid_t> descendants(pid_t root) { return support::pids(support::descendants(root)); }
std::vector<pid_t> members_of_group(pid_t pgrp) { return support::members_of_group(pgrp); }
bool process_exists(pid_t pid) { return support::process_exists(pid); }
std::vector<std::string> shm_entries(const std::string& prefix) { return support::shm_entries(prefix); }
std::string temp_file(const std::string& name, const std::string& text) { return support::temp_file(name, text); }

std::string slurp(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

int loopback_socket(std::string& address)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof a;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    address = "tcp://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    return fd;
}

} // namespace chunkscope::test

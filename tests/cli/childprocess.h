// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs chunkscope-cli (or any program) as a child in its own process group, capturing its
// standard output and standard error, with hard time limits: a test can never hang on it.

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include <sys/types.h>

namespace chunkscope::test {

struct Outcome {
    bool exited = false;      // exited normally (exit_code is valid)
    int exit_code = -1;
    int signal = 0;           // the signal that ended it, if one did
    bool timed_out = false;   // killed by us after the time limit
    std::string out;
    std::string err;
    double seconds = 0;       // from start (or from the last mark()) to its end
};

class ChildProcess {
public:
    // stderr_on_terminal: the child's standard error is a pseudo-terminal (read back into err).
    explicit ChildProcess(const std::vector<std::string>& args, bool stderr_on_terminal = false);
    ~ChildProcess();   // kills the whole group if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }   // also its process group
    bool started() const { return pid_ > 0; }
    const std::string& spawn_error() const { return spawn_error_; }

    // Reads what is there to read; returns false once the child has ended.
    bool pump(std::chrono::milliseconds wait = std::chrono::milliseconds(20));
    // Waits for the end; after the limit, kills the group and reports timed_out.
    Outcome wait(std::chrono::milliseconds limit);
    // Restarts the clock that Outcome::seconds measures.
    void mark();
    const std::string& err_so_far() const { return outcome_.err; }

private:
    void drain();
    bool reap(bool block);

    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    bool ended_ = false;
    std::string spawn_error_;
    Outcome outcome_;
    std::chrono::steady_clock::time_point start_;
};

// How it ended and what it wrote, for a failing assertion's message.
std::string describe(const Outcome& o);

// A signal sent to a running chunkscope-cli, as the cancel tests parametrise it.
struct Interruption {
    std::string name;
    std::vector<std::string> args;
    int signal;
    bool whole_group;   // to its whole process group, as Ctrl-C in a terminal does
};

inline std::ostream& operator<<(std::ostream& os, const Interruption& i) { return os << i.name; }

// Runs to the end (limit: 60 s by default).
Outcome run_cli(const std::vector<std::string>& args,
                std::chrono::milliseconds limit = std::chrono::seconds(60));

// support/processes.h and support/files.h, as the CLI's tests use them (descendants as pids).
std::vector<pid_t> children_of(pid_t parent);
std::vector<pid_t> descendants(pid_t root);   // zombies included
std::vector<pid_t> members_of_group(pid_t pgrp);
bool process_exists(pid_t pid);
std::vector<std::string> shm_entries(const std::string& prefix = "chunkscope");   // entries of /dev/shm named prefix...
std::string temp_file(const std::string& name, const std::string& text);
// A whole file's bytes ("" when it cannot be read).
std::string slurp(const std::string& path);
// A TCP socket bound to 127.0.0.1 on a port the kernel picks (-1 when it cannot be made), and
// its address as a Dask scheduler's is written: "tcp://127.0.0.1:PORT".
int loopback_socket(std::string& address);

} // namespace chunkscope::test

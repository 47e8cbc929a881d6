// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A child process spoken to in JSON lines over its standard input and output: what the Python
// server and the MPI launcher share. The child runs in a process group of its own (the
// terminal's Ctrl+C reaches us only, and killing the group ends whatever the child started),
// with SIGPIPE, SIGINT, SIGTERM and SIGCHLD at their defaults and no signal blocked. Its stdin
// is a socket, so that writing to a child that died fails (MSG_NOSIGNAL) instead of raising
// SIGPIPE here; its stdout and stderr are pipes read without blocking, the last words on stderr
// kept for the message should it die. Once reaped, the pid is never signalled again, only its
// group (a pool worker or an ssh the child started may be left in it).

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include <sys/types.h>

namespace chunkscope::detail {

class JsonLineChild {
public:
    explicit JsonLineChild(std::size_t stderr_kept) : stderr_kept_(stderr_kept) {}
    ~JsonLineChild() { kill(); }
    JsonLineChild(const JsonLineChild&) = delete;
    JsonLineChild& operator=(const JsonLineChild&) = delete;

    // Starts argv (argv[0] a path) as said above; false when it cannot, with error "cannot make
    // pipes for <who>: ..." or "cannot start <who>: ...". Whatever ran before is killed first.
    bool spawn(const std::vector<std::string>& argv, const std::string& who, std::string& error);
    bool running() const { return pid_ > 0; }
    bool reaped() const { return pid_ < -1; }
    pid_t pid() const { return pid_ > 0 ? pid_ : -1; }
    // The child's process group (its pid: it leads one), running or reaped; -1 when none.
    pid_t group() const { return pid_ > 0 ? pid_ : pid_ < -1 ? -pid_ : -1; }
    int wait_status() const { return status_; }   // once reaped

    // The whole line (a newline added) on the child's stdin; false when it cannot take it.
    bool send_line(const std::string& line);
    bool send(const nlohmann::json& message) { return send_line(message.dump()); }

    enum class Got { line, cancelled, timed_out, ended };
    struct Next {
        Got got;
        std::string line;   // with Got::line, without its newline
    };
    // The next line of the child's stdout. Waiting, it looks at cancel and the deadline
    // (now_s() seconds, 0: none) every 50 ms; ended: the child's stdout closed or the child
    // ended, and every whole line it wrote before has been returned. Neither kills it.
    Next next_line(const std::atomic<bool>* cancel, double deadline = 0);

    // Waits up to wait_ms for the child to end, keeping its pipes flowing; true once reaped.
    bool reap(int wait_ms);
    // reap(wait_ms), then what is left on its stderr: before telling how it ended.
    void settle(int wait_ms);
    // "was killed by signal 9 (Killed)", "exited with status 3", or "closed its output" while
    // it is not reaped.
    std::string how_it_ended() const;
    // The last stderr_kept bytes of its stderr, and whatever was noted.
    const std::string& said() const { return said_; }
    void note(const std::string& text) { said_ += text; }

    // The child alone (not its group), while it runs.
    void signal(int sig) const;
    // Kills the child's group, reaps the child and closes the pipes.
    void kill();

private:
    bool read_some(int timeout_ms);   // false once its stdout is closed
    void drain();                     // what is left on its stdout, up to its end
    void close_pipes();

    std::size_t stderr_kept_;
    pid_t pid_ = -1;     // > 0 running, < -1 reaped (minus its pid: its group), -1 none
    int status_ = 0;
    int to_ = -1;        // its stdin
    int from_ = -1;      // its stdout
    int errors_ = -1;    // its stderr
    std::string buffer_;
    std::string said_;
};

} // namespace chunkscope::detail

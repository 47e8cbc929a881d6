#include "pythonserver.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chunkscope::detail {

namespace {

constexpr std::size_t kStderrKept = 2000;   // the last words of a dying interpreter

void close_fd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// Every /dev/shm entry whose name starts with prefix.
void remove_segments(const std::string& prefix)
{
    if (prefix.empty())
        return;
    DIR* d = opendir("/dev/shm");
    if (!d)
        return;
    while (const dirent* e = readdir(d))
        if (std::string_view(e->d_name).starts_with(prefix))
            shm_unlink(("/" + std::string(e->d_name)).c_str());
    closedir(d);
}

std::string next_prefix()
{
    static std::atomic<unsigned> counter{0};
    return "chunkscope-py-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-";
}

} // namespace

bool PythonServer::start(const std::string& interpreter, const std::string& module)
{
    stop();
    error_.clear();
    stderr_tail_.clear();
    buffer_.clear();
    int in[2], out[2], err[2];
    // Its stdin is a socket, so that writing to an interpreter that died fails with EPIPE
    // (MSG_NOSIGNAL) instead of raising SIGPIPE in the window.
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
        pipe2(err, O_CLOEXEC) != 0) {
        error_ = std::string("cannot make pipes for the Python interpreter: ") + std::strerror(errno);
        return false;
    }
    prefix_ = next_prefix();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    // Nothing else of ours (a warm pool's pipes, say) reaches the interpreter.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // A process group of its own: killing it ends the interpreter and its pool workers, and the
    // terminal's Ctrl+C reaches us only (we cancel and kill it).
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::string u = "-u";
    std::string serve = "serve", flag = "--shm-prefix";
    char* argv[] = {const_cast<char*>(interpreter.c_str()), u.data(), const_cast<char*>(module.c_str()),
                    serve.data(), flag.data(), prefix_.data(), nullptr};
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, interpreter.c_str(), &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    to_ = in[1];
    from_ = out[0];
    errors_ = err[0];
    if (rc != 0) {
        error_ = "cannot start the Python interpreter " + interpreter + ": " + std::strerror(rc) +
                 " (choose one with --python, or install python3: apt-get install python3-numpy)";
        close_fd(to_);
        close_fd(from_);
        close_fd(errors_);
        return false;
    }
    pid_ = pid;
    fcntl(from_, F_SETFL, O_NONBLOCK);
    fcntl(errors_, F_SETFL, O_NONBLOCK);
    const auto hello = next(nullptr);
    if (!hello || hello->value("type", "") != "hello") {
        if (hello)
            error_ = "the Python module did not greet as the protocol says: " + hello->dump();
        kill();
        return false;
    }
    hello_ = *hello;
    return true;
}

bool PythonServer::send(const nlohmann::json& request)
{
    const std::string line = request.dump() + "\n";
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::send(to_, line.data() + done, line.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error_ = death();
            kill();
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool PythonServer::read_some(int timeout_ms)
{
    pollfd fds[2] = {{from_, POLLIN, 0}, {errors_, POLLIN, 0}};
    if (poll(fds, 2, timeout_ms) < 0)
        return errno == EINTR;
    char chunk[65536];
    if (fds[1].revents != 0) {
        const ssize_t n = ::read(errors_, chunk, sizeof chunk);
        if (n > 0) {
            stderr_tail_.append(chunk, static_cast<std::size_t>(n));
            if (stderr_tail_.size() > kStderrKept)
                stderr_tail_.erase(0, stderr_tail_.size() - kStderrKept);
        }
    }
    if (fds[0].revents == 0)
        return true;
    const ssize_t n = ::read(from_, chunk, sizeof chunk);
    if (n > 0) {
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EAGAIN || errno == EINTR);   // 0: the interpreter closed its output
}

std::optional<nlohmann::json> PythonServer::next(const std::atomic<bool>* cancel)
{
    for (;;) {
        if (const auto eol = buffer_.find('\n'); eol != std::string::npos) {
            const std::string line = buffer_.substr(0, eol);
            buffer_.erase(0, eol + 1);
            try {
                return nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception&) {
                error_ = "the Python interpreter printed something that is not the protocol: \"" +
                         line.substr(0, 200) + "\"";
                kill();
                return std::nullopt;
            }
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            error_ = "cancelled";
            kill();
            return std::nullopt;
        }
        if (!read_some(50)) {
            error_ = death();
            kill();
            return std::nullopt;
        }
    }
}

std::string PythonServer::death()
{
    int status = 0;
    std::string how = "closed its output";
    for (int i = 0; i < 40 && pid_ > 0; ++i) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            how = WIFSIGNALED(status) ? std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                            strsignal(WTERMSIG(status)) + ")"
                                      : "exited with status " + std::to_string(WEXITSTATUS(status));
            pid_ = -pid_;   // reaped: kill() must not signal a reused pid
            break;
        }
        read_some(0);   // its last words on stderr
        usleep(50'000);
    }
    read_some(0);
    std::string tail = stderr_tail_;
    std::replace(tail.begin(), tail.end(), '\n', ' ');
    while (!tail.empty() && tail.back() == ' ')
        tail.pop_back();
    return "the Python interpreter " + how + (tail.empty() ? std::string() : "; it said: " + tail);
}

void PythonServer::kill()
{
    if (pid_ > 0) {
        ::kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    } else if (pid_ < -1) {
        ::kill(pid_, SIGKILL);   // the group of an interpreter already reaped: its pool workers
    }
    pid_ = -1;
    close_fd(to_);
    close_fd(from_);
    close_fd(errors_);
    remove_segments(prefix_);
}

void PythonServer::stop()
{
    if (pid_ > 0 && to_ >= 0) {
        const std::string quit = "{\"op\":\"quit\"}\n";
        if (::send(to_, quit.data(), quit.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(quit.size())) {
            for (int i = 0; i < 20; ++i) {
                if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
                    pid_ = -pid_;
                    break;
                }
                usleep(50'000);
            }
        }
    }
    if (pid_ != -1)
        kill();
}

} // namespace chunkscope::detail

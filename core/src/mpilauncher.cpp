#include "mpilauncher.h"

#include "mpijobend.h"

#include "clock.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chunkscope::detail {

namespace {

constexpr std::size_t kStderrKept = 4000;
constexpr double kHelloTimeout_s = 120;   // ssh to other hosts may be slow

void close_fd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// Every process below root (children, their children, ...), parents before children, each with
// its parent.
std::vector<std::pair<pid_t, pid_t>> descendants_of(pid_t root)
{
    std::vector<std::pair<pid_t, pid_t>> all;   // pid, parent
    DIR* d = opendir("/proc");
    while (const dirent* e = d ? readdir(d) : nullptr) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid <= 0)
            continue;
        std::ifstream stat("/proc/" + std::string(e->d_name) + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(line.substr(close + 1));
        char state = 0;
        pid_t ppid = 0;
        rest >> state >> ppid;
        all.emplace_back(pid, ppid);
    }
    if (d)
        closedir(d);
    std::vector<std::pair<pid_t, pid_t>> out{{root, 0}};
    for (std::size_t i = 0; i < out.size(); ++i)
        for (const auto& [pid, ppid] : all)
            if (ppid == out[i].first)
                out.emplace_back(pid, ppid);
    out.erase(out.begin());
    return out;
}

void remove_dir(const std::string& dir)
{
    if (dir.empty())
        return;
    if (DIR* d = opendir(dir.c_str())) {
        while (const dirent* e = readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                ::unlink((dir + "/" + e->d_name).c_str());
        closedir(d);
    }
    ::rmdir(dir.c_str());
}

} // namespace

std::string next_mpi_shm_dir()
{
    static std::atomic<unsigned> counter{0};
    return "/dev/shm/chunkscope-mpi-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

bool MpiLauncher::start(const std::vector<std::string>& cmd, const std::string& shm_dir,
                        const std::atomic<bool>* cancel)
{
    kill();
    error_.clear();
    stderr_tail_.clear();
    buffer_.clear();
    places_.clear();
    status_ = 0;
    shm_dir_ = shm_dir;
    if (!shm_dir_.empty() && ::mkdir(shm_dir_.c_str(), 0700) != 0 && errno != EEXIST)
        shm_dir_.clear();
    int in[2], out[2], err[2];
    // Its stdin is a socket: writing to a job that died fails with EPIPE (MSG_NOSIGNAL).
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
        pipe2(err, O_CLOEXEC) != 0) {
        error_ = std::string("cannot make pipes for mpirun: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // A process group of its own: the terminal's Ctrl+C reaches us only (we cancel and end it).
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
    // chunkscope-mpi (the command's last word) --launch runs mpirun and reaps the whole job.
    std::vector<std::string> words{cmd.back(), "--launch"};
    words.insert(words.end(), cmd.begin(), cmd.end());
    std::vector<char*> argv;
    for (const std::string& a : words)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, words.front().c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    to_ = in[1];
    from_ = out[0];
    errors_ = err[0];
    if (rc != 0) {
        error_ = "cannot start " + words.front() + ": " + std::strerror(rc);
        cleanup();
        return false;
    }
    pid_ = pid;
    fcntl(from_, F_SETFL, O_NONBLOCK);
    fcntl(errors_, F_SETFL, O_NONBLOCK);
    std::optional<nlohmann::json> hello;
    while (!hello) {
        hello = next(cancel, now_s() + kHelloTimeout_s);
        if (!hello)
            return false;   // next() has ended the job and said why
        if (hello->value("type", "") != "hello")
            hello.reset();
    }
    library_ = hello->value("mpi", "");
    try {
        for (const auto& p : hello->at("places"))
            places_.push_back({p.at("rank").get<int>(), -1, p.at("pid").get<std::int64_t>(), p.at("host").get<std::string>()});
    } catch (const nlohmann::json::exception& e) {
        error_ = std::string("rank 0's hello is not the protocol's: ") + e.what();
        kill();
        return false;
    }
    return true;
}

bool MpiLauncher::send(const nlohmann::json& request)
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

bool MpiLauncher::read_some(int timeout_ms)
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
    return n < 0 && (errno == EAGAIN || errno == EINTR);   // 0: rank 0's output closed
}

std::optional<nlohmann::json> MpiLauncher::next(const std::atomic<bool>* cancel, double deadline)
{
    for (;;) {
        while (true) {
            const auto eol = buffer_.find('\n');
            if (eol == std::string::npos)
                break;
            const std::string line = buffer_.substr(0, eol);
            buffer_.erase(0, eol + 1);
            // Only rank 0 speaks the protocol; anything else on the output (a library's
            // warning) is kept for the message should the job die.
            auto j = nlohmann::json::parse(line, nullptr, false);
            if (!line.empty() && line.front() == '{' && j.is_object())
                return j;
            stderr_tail_ += line + "\n";
        }
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            error_ = "cancelled";
            kill();
            return std::nullopt;
        }
        if (deadline > 0 && now_s() > deadline) {
            error_ = "the MPI job did not start within " + std::to_string(static_cast<int>(kHelloTimeout_s)) + " s" +
                     (stderr_tail_.empty() ? std::string() : "; mpirun said: " + one_line(stderr_tail_));
            kill();
            return std::nullopt;
        }
        if (!read_some(50) || reap(0)) {
            // What rank 0 said before the end still counts.
            drain();
            if (buffer_.find('\n') != std::string::npos)
                continue;
            error_ = death();
            kill();
            return std::nullopt;
        }
    }
}

void MpiLauncher::drain()
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

bool MpiLauncher::reap(int wait_ms)
{
    if (pid_ <= 0)
        return true;
    const double deadline = now_s() + wait_ms * 1e-3;
    for (;;) {
        const pid_t r = waitpid(pid_, &status_, WNOHANG);
        if (r == pid_ || (r < 0 && errno == ECHILD)) {
            pid_ = -pid_;   // reaped: its group may hold an ssh still; never signal the pid again
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

// Why the job ended, naming the rank and its host as mpirun reports them.
std::string MpiLauncher::death()
{
    reap(3000);
    read_some(0);
    return job_end_message(stderr_tail_, places_, pid_ < -1, status_);
}

bool MpiLauncher::stop()
{
    error_.clear();
    if (pid_ <= 0) {
        cleanup();
        return true;
    }
    const std::string quit = "{\"op\":\"quit\"}\n";
    const bool asked = ::send(to_, quit.data(), quit.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(quit.size());
    bool ended = asked && reap(5000);
    if (!ended)
        error_ = "mpirun did not end within 5 s of rank 0 being asked to quit";
    else if (!WIFEXITED(status_) || WEXITSTATUS(status_) != 0)
        error_ = "after rank 0 was asked to quit, " + death();
    ended = ended && error_.empty();
    kill();
    return ended;
}

void MpiLauncher::kill()
{
    if (pid_ > 0) {
        // The ranks here first (everything of the job below mpirun), then mpirun is asked to
        // end; the launcher reaps them all and ends with it. Should mpirun not end within a
        // second, it is killed too (the launcher still reaps what it leaves), and should the
        // launcher not end either, its group.
        const auto below_mpirun = [&] {
            std::vector<pid_t> out;
            for (const auto& [p, parent] : descendants_of(pid_))
                if (parent != pid_)
                    out.push_back(p);
            return out;
        };
        for (pid_t p : below_mpirun())
            ::kill(p, SIGKILL);
        ::kill(pid_, SIGTERM);   // passed on to mpirun
        if (!reap(1000)) {
            for (const auto& [p, parent] : descendants_of(pid_))
                ::kill(p, SIGKILL);
            if (!reap(500)) {
                ::kill(-pid_, SIGKILL);
                waitpid(pid_, &status_, 0);
                pid_ = -pid_;
            }
        }
    }
    if (pid_ < -1)
        ::kill(pid_, SIGKILL);   // the group of a launcher already reaped: an ssh mpirun started
    pid_ = -1;
    cleanup();
}

void MpiLauncher::cleanup()
{
    close_fd(to_);
    close_fd(from_);
    close_fd(errors_);
    remove_dir(shm_dir_);
    shm_dir_.clear();
}

} // namespace chunkscope::detail

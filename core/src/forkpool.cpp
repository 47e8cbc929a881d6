#include "forkpool.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "tasks.h"

#include <algorithm>
#include <utility>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <mutex>

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

// Fixed-size messages, copied as raw bytes between processes of the same binary.
struct TaskMsg {
    std::uint64_t task = 0;
    std::uint64_t begin = 0;   // first item
    std::uint64_t count = 0;   // items
    std::int32_t function = 0;
    std::int32_t kernel = 0;
    std::int32_t intensity = 1;
    std::int32_t transport = 0;
    const double* in = nullptr; // Shm: addresses valid in the worker (mapped before the fork)
    double* out = nullptr;
};

struct ResultMsg {
    std::uint64_t task = 0;
    std::uint64_t begin = 0;
    std::uint64_t count = 0;
    double start = 0;   // compute start, CLOCK_MONOTONIC seconds
    double end = 0;     // compute end
};

constexpr int kPipeBytes = 1 << 20;

// --- The worker side: only async-signal-safe calls from here to _exit. ---

bool read_full(int fd, void* p, std::size_t n) noexcept
{
    auto* c = static_cast<char*>(p);
    while (n > 0) {
        const ssize_t r = read(fd, c, n);
        if (r > 0) {
            c += r;
            n -= static_cast<std::size_t>(r);
        } else if (r == 0 || errno != EINTR) {
            return false;
        }
    }
    return true;
}

bool write_full(int fd, iovec* iov, int cnt) noexcept
{
    while (cnt > 0) {
        const ssize_t w = writev(fd, iov, cnt);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        auto left = static_cast<std::size_t>(w);
        while (cnt > 0 && left >= iov->iov_len) {
            left -= iov->iov_len;
            ++iov;
            --cnt;
        }
        if (cnt > 0) {
            iov->iov_base = static_cast<char*>(iov->iov_base) + left;
            iov->iov_len -= left;
        }
    }
    return true;
}

// Pre-faults [p, p + bytes); page faults are slow on virtual machines. Best effort: kernels
// before 5.14 refuse, and the pages then fault in as they are touched.
void populate(const void* p, std::size_t bytes, int advice) noexcept
{
    static const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto b = reinterpret_cast<std::uintptr_t>(p) & ~(page - 1);
    const auto e = reinterpret_cast<std::uintptr_t>(p) + bytes;
    madvise(reinterpret_cast<void*>(b), e - b, advice);
}

constexpr std::size_t kHugePage = 2u << 20;

// A worker's buffer for one task's items: whole 2 MiB pages, aligned, so that the kernel can
// back it with transparent huge pages; a new process pays for every page it first touches,
// and that cost is large on virtual machines.
void* map_scratch(std::size_t bytes) noexcept
{
    void* p = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return nullptr;
    const auto raw = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t aligned = (raw + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
    if (aligned > raw)
        munmap(p, aligned - raw);
    const std::uintptr_t tail = raw + bytes + kHugePage - (aligned + bytes);
    if (tail > 0)
        munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    void* q = reinterpret_cast<void*>(aligned);
    madvise(q, bytes, MADV_HUGEPAGE);
    populate(q, bytes, MADV_POPULATE_WRITE);
    return q;
}

[[noreturn]] void worker_main(int task_fd, int result_fd) noexcept
{
    double* scratch = nullptr;
    std::size_t capacity = 0; // bytes
    for (;;) {
        TaskMsg m;
        if (!read_full(task_fd, &m, sizeof m))
            _exit(0); // end of input: the pool is shutting down
        ResultMsg r{m.task, m.begin, m.count, 0, 0};
        const auto f = static_cast<Function>(m.function);
        const auto k = static_cast<Kernel>(m.kernel);
        const std::size_t n = m.count;
        if (m.transport == static_cast<int>(Transport::Shm)) {
            r.start = now_s();
            // A forked process inherits no page-table entries for shared memory: fill them for
            // this task's items in one call rather than one page fault per page.
            populate(m.in + m.begin, n * sizeof(double), MADV_POPULATE_READ);
            populate(m.out + m.begin, n * sizeof(double), MADV_POPULATE_WRITE);
            apply_kernel(f, k, m.intensity, m.in + m.begin, m.out + m.begin, n);
            r.end = now_s();
            iovec iov{&r, sizeof r};
            if (!write_full(result_fd, &iov, 1))
                _exit(3);
            continue;
        }
        const std::size_t bytes = n * sizeof(double);
        if (bytes > capacity) {
            if (scratch)
                munmap(scratch, capacity);
            capacity = (bytes + kHugePage - 1) / kHugePage * kHugePage;
            scratch = static_cast<double*>(map_scratch(capacity));
            if (!scratch)
                _exit(4);
        }
        if (!read_full(task_fd, scratch, bytes))
            _exit(5);
        r.start = now_s();
        apply_kernel(f, k, m.intensity, scratch, scratch, n);
        r.end = now_s();
        iovec iov[2] = {{&r, sizeof r}, {scratch, bytes}};
        if (!write_full(result_fd, iov, 2))
            _exit(3);
    }
}

// A worker keeps only its own two pipe ends (and stdio): a write end of another worker's
// pipe, from this pool or any other, would keep that worker from ever seeing end of input.
void close_all_but(int a, int b) noexcept
{
    if (a > b)
        std::swap(a, b);
    auto close_between = [](int lo, int hi) { // [lo, hi]
        if (lo > hi)
            return;
        if (close_range(static_cast<unsigned>(lo), static_cast<unsigned>(hi), 0) != 0) {
            const int top = hi < 65536 ? hi : 65535;
            for (int fd = lo; fd <= top; ++fd)
                close(fd);
        }
    };
    close_between(3, a - 1);
    close_between(a + 1, b - 1);
    close_between(b + 1, 2147483647);
}

void close_fd(int& fd) noexcept
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

} // namespace

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
        fcntl(task[1], F_SETPIPE_SZ, kPipeBytes);
        fcntl(result[1], F_SETPIPE_SZ, kPipeBytes);
        const pid_t pid = fork();
        if (pid == 0) {
            // Die with the parent, whatever kills it; ignore the terminal's Ctrl+C (the parent
            // handles it and reaps us).
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent)
                _exit(1);
            struct sigaction ign {};
            ign.sa_handler = SIG_IGN;
            sigaction(SIGINT, &ign, nullptr);
            close_all_but(task[0], result[1]);
            worker_main(task[0], result[1]);
        }
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

namespace {

// One worker's traffic as seen by the parent.
struct Channel {
    // Sending: the task being written, and how many of its bytes are out.
    bool sending = false;
    TaskMsg msg;
    std::size_t sent = 0;
    std::size_t payload = 0; // bytes of items after the message
    // Receiving: the result being read.
    ResultMsg res;
    std::size_t got = 0;
    std::deque<std::uint64_t> in_flight; // tasks sent or being sent, oldest first
};

} // namespace

MapResult ForkPool::map(const Job& job, Transport transport, double t0, std::vector<TaskEvent>& events)
{
    MapResult out;
    const std::size_t total = task_total(job);
    const std::size_t nw = workers_.size();
    const bool piped = transport == Transport::Pipe;
    // Keep a few tasks queued per worker so it never waits for the parent, but not so many
    // that one worker hoards the work: about 256 KiB of items, at least 2 tasks.
    const std::size_t items_per_task = std::max<std::size_t>(1, job.size / std::max<std::size_t>(1, total));
    const std::size_t depth = std::clamp<std::size_t>(32768 / items_per_task, 2, 256);

    std::vector<Channel> ch(nw);
    std::vector<pollfd> fds(2 * nw);
    std::size_t next = 0, done = 0, recorded = 0;

    // Gives the worker the next task if it has room for one.
    auto assign = [&](Channel& c) {
        if (c.sending || c.in_flight.size() >= depth || next >= total)
            return false;
        const TaskRange r = task_range(job, next);
        c.msg = TaskMsg{next,
                        r.begin,
                        r.size(),
                        static_cast<std::int32_t>(job.function),
                        static_cast<std::int32_t>(job.kernel),
                        job.intensity,
                        static_cast<std::int32_t>(transport),
                        job.in,
                        job.out};
        c.sending = true;
        c.sent = 0;
        c.payload = piped ? r.size() * sizeof(double) : 0;
        c.in_flight.push_back(next);
        ++next;
        return true;
    };
    auto fail = [&](Status st, std::string msg) {
        kill();
        out.status = st;
        out.error = std::move(msg);
        out.events = recorded;
        return out;
    };

    while (done < total) {
        if (cancelled(job))
            return fail(Status::Cancelled, "cancelled");
        // Hand out tasks to every worker with room.
        for (std::size_t w = 0; w < nw && next < total; ++w)
            assign(ch[w]);
        for (std::size_t w = 0; w < nw; ++w) {
            fds[2 * w] = {workers_[w].task_fd, static_cast<short>(ch[w].sending ? POLLOUT : 0), 0};
            fds[2 * w + 1] = {workers_[w].result_fd, POLLIN, 0};
        }
        const int ready = poll(fds.data(), fds.size(), 50);
        if (ready < 0 && errno != EINTR)
            return fail(Status::Failed, std::string("poll failed: ") + std::strerror(errno));
        if (ready <= 0)
            continue;

        for (std::size_t w = 0; w < nw; ++w) {
            Channel& c = ch[w];
            // Scatter: write as much of the current task as the pipe takes.
            if (c.sending && (fds[2 * w].revents & (POLLOUT | POLLERR | POLLHUP))) {
                const double ts = now_s();
                const std::size_t header = sizeof(TaskMsg);
                while (c.sending) {
                    iovec iov[2];
                    int cnt = 0;
                    if (c.sent < header)
                        iov[cnt++] = {reinterpret_cast<char*>(&c.msg) + c.sent, header - c.sent};
                    const std::size_t pdone = c.sent > header ? c.sent - header : 0;
                    if (c.payload > pdone) {
                        auto* items = reinterpret_cast<const char*>(job.in + c.msg.begin);
                        iov[cnt++] = {const_cast<char*>(items) + pdone, c.payload - pdone};
                    }
                    const ssize_t n = writev(workers_[w].task_fd, iov, cnt);
                    if (n < 0) {
                        if (errno == EINTR)
                            continue;
                        if (errno == EAGAIN)
                            break;
                        out.scatter_s += now_s() - ts;
                        return fail(Status::Failed, death_message(w, "while it was being sent a task"));
                    }
                    c.sent += static_cast<std::size_t>(n);
                    if (c.sent == header + c.payload) {
                        c.sending = false;
                        assign(c); // keep the pipe full while it takes more
                    }
                }
                out.scatter_s += now_s() - ts;
            }
            // Gather: read results straight into place.
            if (fds[2 * w + 1].revents & (POLLIN | POLLERR | POLLHUP)) {
                const double ts = now_s();
                for (;;) {
                    void* dst;
                    std::size_t want;
                    const std::size_t header = sizeof(ResultMsg);
                    if (c.got < header) {
                        dst = reinterpret_cast<char*>(&c.res) + c.got;
                        want = header - c.got;
                    } else {
                        if (c.res.begin + c.res.count > job.size)
                            return fail(Status::Failed, "worker " + std::to_string(w) + " sent a malformed result");
                        dst = reinterpret_cast<char*>(job.out + c.res.begin) + (c.got - header);
                        want = c.res.count * sizeof(double) - (c.got - header);
                    }
                    ssize_t n = 0;
                    if (want > 0) {
                        n = read(workers_[w].result_fd, dst, want);
                        if (n < 0 && errno == EINTR)
                            continue;
                        if (n < 0 && errno == EAGAIN)
                            break;
                        if (n <= 0) {
                            out.gather_s += now_s() - ts;
                            const std::string when = c.in_flight.empty()
                                ? std::string("while idle")
                                : "while running task " + std::to_string(c.in_flight.front());
                            return fail(Status::Failed, death_message(w, when.c_str()));
                        }
                        c.got += static_cast<std::size_t>(n);
                    }
                    const std::size_t need = header + (piped ? c.res.count * sizeof(double) : 0);
                    if (c.got >= header && c.got == need) {
                        if (recorded < events.size()) {
                            const std::uint64_t moved = piped ? 2 * c.res.count * sizeof(double) : 0;
                            events[recorded++] = {static_cast<int>(w), static_cast<std::uint32_t>(c.res.task),
                                                  c.res.start - t0, c.res.end - t0,
                                                  moved + sizeof(TaskMsg) + sizeof(ResultMsg), c.res.count};
                        } else {
                            out.events_truncated = true;
                        }
                        if (!c.in_flight.empty())
                            c.in_flight.pop_front();
                        c.got = 0;
                        ++done;
                    }
                }
                out.gather_s += now_s() - ts;
            }
        }
    }
    out.events = recorded;
    return out;
}

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/mechanisms.h"
#include "chunkscope/statistics.h"

#include "clock.h"
#include "fullio.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

namespace chunkscope {

namespace {

using detail::now_s;

using detail::kPipeBytes;   // as ForkPool sets its pipes
constexpr std::size_t kHuge = std::size_t{2} << 20;

bool stopped(const CancelToken* c) { return c && c->cancelled(); }

// Runs child() in a fresh process, which writes one double (seconds) back; the best of `rounds`.
// The child only touches memory, calls the clock and writes to the pipe, then _exits.
template <typename Child>
double in_child(int rounds, const CancelToken* cancel, Child child)
{
    double best = 0;
    for (int r = 0; r < rounds && !stopped(cancel); ++r) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0)
            return best;
        const pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            const double s = child();
            _exit(detail::write_full(fds[1], &s, sizeof s) ? 0 : 1);
        }
        close(fds[1]);
        double s = 0;
        const bool ok = pid > 0 && detail::read_full(fds[0], &s, sizeof s);
        close(fds[0]);
        if (pid > 0)
            waitpid(pid, nullptr, 0);
        if (ok && s > 0 && (best == 0 || s < best))
            best = s;
    }
    return best;
}

// Seconds to write one byte into every `step` bytes of [p, p + bytes).
double touch(char* p, std::size_t bytes, std::size_t step) noexcept
{
    const double t0 = now_s();
    for (std::size_t i = 0; i < bytes; i += step)
        p[i] = 1;
    return now_s() - t0;
}

// Per process, the medians of 20: the parent's fork() alone (until it returns in the parent)
// and fork + the child's _exit(0) + waitpid().
struct ForkTimes {
    double fork_s = 0;
    double fork_exit_s = 0;
};

ForkTimes fork_times(const CancelToken* cancel)
{
    std::vector<double> forks, whole;
    for (int i = 0; i < 20 && !stopped(cancel); ++i) {
        const double t0 = now_s();
        const pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0)
            break;
        forks.push_back(now_s() - t0);
        waitpid(pid, nullptr, 0);
        whole.push_back(now_s() - t0);
    }
    return {median(forks), median(whole)};
}

// Moves `share` bytes through each of `ends` (non-blocking pipes), as the dealer does: poll for
// `events` on those not done, then move(i, done, want) on each ready one, which moves up to want
// bytes of end i's share after the first done and returns what write or read returned. Whether
// every share went through.
template <typename Move>
bool pump(const std::vector<int>& ends, short events, std::size_t share, std::size_t chunk, Move move)
{
    std::vector<std::size_t> done(ends.size(), 0);
    std::vector<pollfd> fds(ends.size());
    std::size_t left = share * ends.size();
    while (left > 0) {
        for (std::size_t i = 0; i < fds.size(); ++i)
            fds[i] = {done[i] < share ? ends[i] : -1, events, 0};
        const int ready = poll(fds.data(), fds.size(), 1000);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (!(fds[i].revents & (events | POLLERR | POLLHUP)))
                continue;
            const ssize_t n = move(i, done[i], std::min(chunk, share - done[i]));
            if (n > 0) {
                done[i] += static_cast<std::size_t>(n);
                left -= static_cast<std::size_t>(n);
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                return false;
            }
        }
    }
    return true;
}

// The parent writes `total` bytes through 1 MiB pipes to `readers` children, as the engine's
// dealer does: non-blocking, to whichever pipe has room (poll), so with more than one reader the
// parent's own copying is what is measured, not one reader's wake-ups. Each child reads its share
// in 1 MiB reads and says when it has it all. Bytes per second, the best of five rounds (a
// floor is the most it has done here; three rounds left it 20 % low at times on a shared VM).
// With a source (total bytes of it), the parent hands its pages to the pipes by vmsplice, as
// the dealer hands a large task's items, and only the readers copy; 0 if vmsplice is refused.
// Also the writer's own rate: the bytes over its time inside write or vmsplice.
struct PipeRates {
    double bandwidth = 0;   // bytes per second from the first write to the last reader's ack
    double writer = 0;      // bytes per second of the writer's time in its calls
};

PipeRates pipe_rates(std::size_t total, int readers, const CancelToken* cancel, const char* source = nullptr)
{
    PipeRates best;
    std::vector<char> block(kPipeBytes, 1);
    const std::size_t share = total / static_cast<std::size_t>(readers);
    for (int round = 0; round < 5 && !stopped(cancel); ++round) {
        std::vector<int> write_ends, done_ends;
        std::vector<pid_t> pids;
        void* scratch = mmap(nullptr, kPipeBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        bool ok = scratch != MAP_FAILED;
        for (int r = 0; ok && r < readers; ++r) {
            int data[2], done[2];
            if (pipe2(data, O_CLOEXEC) != 0) {
                ok = false;
                break;
            }
            if (pipe2(done, O_CLOEXEC) != 0) {
                close(data[0]);
                close(data[1]);
                ok = false;
                break;
            }
            detail::set_pipe_size(data[1]);
            const pid_t pid = fork();
            if (pid == 0) {
                close(data[1]);
                close(done[0]);
                std::size_t got = 0;
                while (got < share) {
                    const std::size_t want = std::min<std::size_t>(kPipeBytes, share - got);
                    if (!detail::read_full(data[0], scratch, want))
                        _exit(1);
                    got += want;
                }
                const char ack = 1;
                _exit(detail::write_full(done[1], &ack, 1) ? 0 : 1);
            }
            close(data[0]);
            close(done[1]);
            if (pid < 0) {
                close(data[1]);
                close(done[0]);
                ok = false;
                break;
            }
            fcntl(data[1], F_SETFL, O_NONBLOCK);
            write_ends.push_back(data[1]);
            done_ends.push_back(done[0]);
            pids.push_back(pid);
        }
        if (ok) {
            const double t0 = now_s();
            double in_calls = 0;
            ok = pump(write_ends, POLLOUT, share, kPipeBytes, [&](std::size_t i, std::size_t at, std::size_t want) {
                const double c0 = now_s();
                ssize_t n;
                if (source) {
                    iovec pages{const_cast<char*>(source) + i * share + at, want};
                    n = vmsplice(write_ends[i], &pages, 1, SPLICE_F_NONBLOCK);
                } else {
                    n = write(write_ends[i], block.data(), want);
                }
                in_calls += now_s() - c0;
                return n;
            });
            for (int d : done_ends) {
                char ack = 0;
                ok = ok && detail::read_full(d, &ack, 1);
            }
            const double t = now_s() - t0;
            const auto bytes = static_cast<double>(share * write_ends.size());
            if (ok && t > 0 && in_calls > 0) {
                best.bandwidth = std::max(best.bandwidth, bytes / t);
                best.writer = std::max(best.writer, bytes / in_calls);
            }
        }
        for (int d : write_ends)
            close(d);
        for (int d : done_ends)
            close(d);
        for (pid_t pid : pids)
            waitpid(pid, nullptr, 0);
        if (scratch != MAP_FAILED)
            munmap(scratch, kPipeBytes);
    }
    return best;
}

// The other way, as the dealer gathers: `writers` children each write their share of `total`
// bytes into a 1 MiB pipe, from the moment the parent says go, and the parent reads whichever
// pipe has bytes (poll, non-blocking) straight into its place in dest, as results go into the
// output. Bytes per second, the best of five rounds.
double pipe_fanin_bandwidth(std::size_t total, int writers, char* dest, const CancelToken* cancel)
{
    double best = 0;
    const std::size_t share = total / static_cast<std::size_t>(writers);
    for (int round = 0; round < 5 && !stopped(cancel); ++round) {
        int go[2];
        if (pipe2(go, O_CLOEXEC) != 0)
            break;
        std::vector<int> read_ends;
        std::vector<pid_t> pids;
        bool ok = true;
        for (int w = 0; ok && w < writers; ++w) {
            int data[2];
            if (pipe2(data, O_CLOEXEC) != 0) {
                ok = false;
                break;
            }
            detail::set_pipe_size(data[1]);
            const pid_t pid = fork();
            if (pid == 0) {
                close(data[0]);
                char byte = 0;
                if (!detail::read_full(go[0], &byte, 1))
                    _exit(1);
                std::vector<char> block(kPipeBytes, 1); // its own pages, as a worker's scratch
                for (std::size_t sent = 0; sent < share;) {
                    const std::size_t want = std::min<std::size_t>(kPipeBytes, share - sent);
                    if (!detail::write_full(data[1], block.data(), want))
                        _exit(1);
                    sent += want;
                }
                _exit(0);
            }
            close(data[1]);
            if (pid < 0) {
                close(data[0]);
                ok = false;
                break;
            }
            fcntl(data[0], F_SETFL, O_NONBLOCK);
            read_ends.push_back(data[0]);
            pids.push_back(pid);
        }
        if (ok) {
            const std::vector<char> gos(read_ends.size(), 1);
            const double t0 = now_s();
            ok = detail::write_full(go[1], gos.data(), gos.size());
            ok = ok && pump(read_ends, POLLIN, share, share, [&](std::size_t i, std::size_t at, std::size_t want) {
                return read(read_ends[i], dest + i * share + at, want);
            });
            const double t = now_s() - t0;
            if (ok && t > 0)
                best = std::max(best, static_cast<double>(share * read_ends.size()) / t);
        }
        close(go[1]);
        close(go[0]);
        for (int d : read_ends)
            close(d);
        for (pid_t pid : pids)
            waitpid(pid, nullptr, 0);
    }
    return best;
}

// What one task's messages cost the parent beyond their bytes: a small message out to a child
// and its reply back, sent and read as ForkMap does (a writev of two pieces to a non-blocking pipe
// with room, poll, then the reply's head, body and end in three reads), with up to kWindow
// messages in flight so that the child's wake-ups overlap the parent's work. Seconds per
// message, the best of five rounds of kMessages (a floor: the least it has cost here).
double pipe_message(const CancelToken* cancel)
{
    constexpr int kMessages = 4000;
    constexpr int kWindow = 32;
    struct Head {
        std::uint64_t task, count;
    };
    double best = 0;
    for (int round = 0; round < 5 && !stopped(cancel); ++round) {
        int out[2], back[2];
        if (pipe2(out, O_CLOEXEC) != 0)
            return best;
        if (pipe2(back, O_CLOEXEC) != 0) {
            close(out[0]);
            close(out[1]);
            return best;
        }
        const pid_t pid = fork();
        if (pid == 0) {
            close(out[1]);
            close(back[0]);
            char message[2 * sizeof(Head)];
            for (int i = 0; i < kMessages; ++i)
                if (!detail::read_full(out[0], message, sizeof message) ||
                    !detail::write_full(back[1], message, sizeof message))
                    _exit(1);
            _exit(0);
        }
        close(out[0]);
        close(back[1]);
        bool ok = pid > 0;
        if (ok) {
            fcntl(out[1], F_SETFL, O_NONBLOCK);
            fcntl(back[0], F_SETFL, O_NONBLOCK);
            Head head{}, body{};
            int sent = 0, received = 0;
            const double t0 = now_s();
            while (ok && received < kMessages) {
                pollfd fds[2] = {{sent < kMessages && sent - received < kWindow ? out[1] : -1, POLLOUT, 0},
                                 {back[0], POLLIN, 0}};
                if (poll(fds, 2, 1000) <= 0) {
                    ok = errno == EINTR;
                    continue;
                }
                if (fds[0].revents & POLLOUT) {
                    head.task = static_cast<std::uint64_t>(sent);
                    iovec iov[2] = {{&head, sizeof head}, {&body, sizeof body}};
                    const ssize_t n = writev(out[1], iov, 2);
                    if (n == static_cast<ssize_t>(2 * sizeof(Head)))
                        ++sent;
                    else if (n >= 0 || (errno != EAGAIN && errno != EINTR))
                        ok = false;   // a pipe with room takes 32 bytes whole
                }
                if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
                    // As ForkMap::gather reads a result: its head, its items, its end (the child
                    // wrote the reply whole, so all of it is there).
                    constexpr std::size_t kHead = sizeof(Head), kPart = sizeof(Head) / 2;
                    char reply[2 * sizeof(Head)];
                    ok = detail::read_full(back[0], reply, kHead) && detail::read_full(back[0], reply + kHead, kPart) &&
                         detail::read_full(back[0], reply + kHead + kPart, kPart);
                    ++received;
                }
            }
            const double t = now_s() - t0;
            if (ok && t > 0 && (best == 0 || t / kMessages < best))
                best = t / kMessages;
        }
        close(out[1]);
        close(back[0]);
        if (pid > 0)
            waitpid(pid, nullptr, 0);
    }
    return best;
}

bool huge_pages_on()
{
    const int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char text[128] = {};
    const ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    // "always [madvise] never": on unless "[never]" is the choice.
    return n > 0 && std::string_view(text, static_cast<std::size_t>(n)).find("[never]") == std::string_view::npos;
}

double thread_start(const CancelToken* cancel)
{
    std::vector<double> times;
    for (int i = 0; i < 50 && !stopped(cancel); ++i) {
        const double t0 = now_s();
        std::thread([] {}).join();
        times.push_back(now_s() - t0);
    }
    return median(times);
}

} // namespace

MechanismCosts measure_mechanisms(const CancelToken* cancel)
{
    MechanismCosts m;
    const long page = sysconf(_SC_PAGESIZE);
    m.page_bytes = page > 0 ? static_cast<std::size_t>(page) : 4096;
    const std::size_t pages = 8192;   // 32 MiB of 4 KiB pages
    const std::size_t bytes = pages * m.page_bytes;
    const ForkTimes forks = fork_times(cancel);
    m.fork_exit_s = forks.fork_exit_s;
    m.fork_s = forks.fork_s;
    m.pipe_bytes = kPipeBytes;
    m.pipe_bandwidth = pipe_rates(std::size_t{64} << 20, 1, cancel).bandwidth;
    m.pipe_fanout_bandwidth = pipe_rates(std::size_t{64} << 20, 2, cancel).bandwidth;
    {
        // The pages handed over are the input's in a run: 64 MiB of distinct ones, not one block.
        const std::size_t total = std::size_t{64} << 20;
        void* source = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (source != MAP_FAILED) {
            madvise(source, total, MADV_DONTFORK); // as the engine's buffers: not copy-on-write in the parent
            std::memset(source, 1, total);
            m.pipe_splice_bandwidth = pipe_rates(total, 1, cancel, static_cast<const char*>(source)).bandwidth;
            const PipeRates two = pipe_rates(total, 2, cancel, static_cast<const char*>(source));
            m.pipe_splice_fanout_bandwidth = two.bandwidth;
            m.pipe_splice_handover_bandwidth = two.writer;
            // The same pages as the output a run's results are read into.
            m.pipe_fanin_bandwidth = pipe_fanin_bandwidth(total, 1, static_cast<char*>(source), cancel);
            m.pipe_fanin_two_bandwidth = pipe_fanin_bandwidth(total, 2, static_cast<char*>(source), cancel);
            munmap(source, total);
        }
    }
    m.pipe_message_s = pipe_message(cancel);
    m.touch_private_s = in_child(3, cancel, [&] {
                            void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                            if (p == MAP_FAILED)
                                return 0.0;
                            madvise(p, bytes, MADV_NOHUGEPAGE);
                            return touch(static_cast<char*>(p), bytes, m.page_bytes);
                        }) / static_cast<double>(pages);
    // The parent's shared pages, present in the parent; a forked child has no entries for them.
    void* shared = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared != MAP_FAILED) {
        touch(static_cast<char*>(shared), bytes, m.page_bytes);
        m.touch_shared_s = in_child(3, cancel, [&] { return touch(static_cast<char*>(shared), bytes, m.page_bytes); }) /
                           static_cast<double>(pages);
        m.populate_shared_s = in_child(3, cancel, [&] {
                                  const double t0 = now_s();
                                  if (madvise(shared, bytes, MADV_POPULATE_WRITE) != 0)
                                      return 0.0;   // a kernel before 5.14
                                  return now_s() - t0;
                              }) /
                              static_cast<double>(pages);
        munmap(shared, bytes);
    }
    // A new segment of shared memory (memfd: tmpfs, as /dev/shm is, and gone with the child), its
    // pages allocated as they are first written.
    m.touch_tmpfs_s = in_child(3, cancel, [&] {
                          const int fd = memfd_create("chunkscope-touch", MFD_CLOEXEC);
                          if (fd < 0)
                              return 0.0;
                          void* p = ftruncate(fd, static_cast<off_t>(bytes)) == 0
                              ? mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                              : MAP_FAILED;
                          close(fd);
                          if (p == MAP_FAILED)
                              return 0.0;
                          return touch(static_cast<char*>(p), bytes, m.page_bytes);
                      }) /
                      static_cast<double>(pages);
    if (huge_pages_on()) {
        const std::size_t huge = 16 * kHuge;
        m.touch_huge_s = in_child(3, cancel, [&] {
                             void* raw = mmap(nullptr, huge + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                              -1, 0);
                             if (raw == MAP_FAILED)
                                 return 0.0;
                             const auto a = (reinterpret_cast<std::uintptr_t>(raw) + kHuge - 1) & ~(kHuge - 1);
                             char* p = reinterpret_cast<char*>(a);
                             madvise(p, huge, MADV_HUGEPAGE);
                             return touch(p, huge, kHuge);
                         }) /
                         16.0;
    }
    m.thread_start_s = thread_start(cancel);
    return m;
}

} // namespace chunkscope

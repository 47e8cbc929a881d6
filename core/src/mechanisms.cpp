#include "chunkscope/mechanisms.h"

#include "clock.h"
#include "fullio.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string_view>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

namespace chunkscope {

namespace {

using detail::now_s;

constexpr int kPipeBytes = 1 << 20;   // as ForkPool sets its pipes
constexpr std::size_t kHuge = std::size_t{2} << 20;

bool stopped(const CancelToken* c) { return c && c->cancelled(); }

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

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

double fork_exit(const CancelToken* cancel)
{
    std::vector<double> times;
    for (int i = 0; i < 20 && !stopped(cancel); ++i) {
        const double t0 = now_s();
        const pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0)
            break;
        waitpid(pid, nullptr, 0);
        times.push_back(now_s() - t0);
    }
    return median(std::move(times));
}

// A child reads `total` bytes through a 1 MiB pipe in 1 MiB reads and says when it has them all.
double pipe_bandwidth(std::size_t total, const CancelToken* cancel)
{
    double best = 0;
    std::vector<char> block(kPipeBytes, 1);
    for (int round = 0; round < 3 && !stopped(cancel); ++round) {
        int data[2], done[2];
        if (pipe2(data, O_CLOEXEC) != 0)
            return best;
        if (pipe2(done, O_CLOEXEC) != 0) {
            close(data[0]);
            close(data[1]);
            return best;
        }
        fcntl(data[1], F_SETPIPE_SZ, kPipeBytes);
        void* scratch = mmap(nullptr, kPipeBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        const pid_t pid = scratch == MAP_FAILED ? -1 : fork();
        if (pid == 0) {
            close(data[1]);
            close(done[0]);
            std::size_t got = 0;
            while (got < total) {
                const std::size_t want = std::min<std::size_t>(kPipeBytes, total - got);
                if (!detail::read_full(data[0], scratch, want))
                    _exit(1);
                got += want;
            }
            const char ack = 1;
            _exit(detail::write_full(done[1], &ack, 1) ? 0 : 1);
        }
        close(data[0]);
        close(done[1]);
        if (pid > 0) {
            const double t0 = now_s();
            bool ok = true;
            for (std::size_t sent = 0; ok && sent < total; sent += kPipeBytes)
                ok = detail::write_full(data[1], block.data(), std::min<std::size_t>(kPipeBytes, total - sent));
            char ack = 0;
            ok = ok && detail::read_full(done[0], &ack, 1);
            const double t = now_s() - t0;
            if (ok && t > 0)
                best = std::max(best, static_cast<double>(total) / t);
        }
        close(data[1]);
        close(done[0]);
        if (pid > 0)
            waitpid(pid, nullptr, 0);
        if (scratch != MAP_FAILED)
            munmap(scratch, kPipeBytes);
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
    return median(std::move(times));
}

} // namespace

MechanismCosts measure_mechanisms(const CancelToken* cancel)
{
    MechanismCosts m;
    const long page = sysconf(_SC_PAGESIZE);
    m.page_bytes = page > 0 ? static_cast<std::size_t>(page) : 4096;
    const std::size_t pages = 8192;   // 32 MiB of 4 KiB pages
    const std::size_t bytes = pages * m.page_bytes;
    m.fork_exit_s = fork_exit(cancel);
    m.pipe_bytes = kPipeBytes;
    m.pipe_bandwidth = pipe_bandwidth(std::size_t{64} << 20, cancel);
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

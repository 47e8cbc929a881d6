// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkworker.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "fullio.h"
#include "forkmessages.h"
#include "forkpool.h"

#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <utility>

#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

// --- The worker side: only async-signal-safe calls from here to _exit. ---


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

[[noreturn]] void serve_tasks(int task_fd, int result_fd) noexcept
{
    double* scratch = nullptr;
    std::size_t capacity = 0; // bytes
    for (;;) {
        TaskMsg m;
        if (!read_full(task_fd, &m, sizeof m))
            _exit(0); // end of input: the pool is shutting down
        const ResultMsg r{m.task, m.begin, m.count, now_s()};
        ResultEnd e;
        const auto f = static_cast<Function>(m.function);
        const auto k = static_cast<Kernel>(m.kernel);
        const std::size_t n = m.count;
        if (m.transport == static_cast<int>(ForkDataPath::Shm)) {
            // A forked process inherits no page-table entries for shared memory: fill them for
            // this task's items in one call rather than one page fault per page. The timeline
            // shows it as the task's receive.
            populate(m.in + m.begin, n * sizeof(double), MADV_POPULATE_READ);
            populate(m.out + m.begin, n * sizeof(double), MADV_POPULATE_WRITE);
            e.start = now_s();
            apply_kernel(f, k, m.intensity, m.in + m.begin, m.out + m.begin, n);
            e.end = now_s();
            iovec iov[2] = {{const_cast<ResultMsg*>(&r), sizeof r}, {&e, sizeof e}};
            if (!write_full(result_fd, iov, 2))
                _exit(3);
            continue;
        }
        // Block by block: the results of one go back while the parent writes the next.
        const std::size_t block = n < kStreamItems ? n : kStreamItems;
        const std::size_t bytes = block * sizeof(double);
        if (bytes > capacity) {
            if (scratch)
                munmap(scratch, capacity);
            capacity = (bytes + kHugePage - 1) / kHugePage * kHugePage;
            scratch = static_cast<double*>(map_scratch(capacity));
            if (!scratch)
                _exit(4);
        }
        iovec head{const_cast<ResultMsg*>(&r), sizeof r};
        if (!write_full(result_fd, &head, 1))
            _exit(3);
        for (std::size_t done = 0; done < n;) {
            const std::size_t len = n - done < block ? n - done : block;
            if (!read_full(task_fd, scratch, len * sizeof(double)))
                _exit(5);
            const double start = now_s();
            if (done == 0)
                e.start = start;
            apply_kernel(f, k, m.intensity, scratch, scratch, len);
            e.end = now_s();
            iovec iov{scratch, len * sizeof(double)};
            if (!write_full(result_fd, &iov, 1))
                _exit(3);
            done += len;
        }
        iovec tail{&e, sizeof e};
        if (!write_full(result_fd, &tail, 1))
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

} // namespace

void fork_worker_main(pid_t parent, int task_fd, int result_fd) noexcept
{
    // Die with the parent, whatever kills it; ignore the terminal's Ctrl+C (the parent
    // handles it and reaps us).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, nullptr);
    close_all_but(task_fd, result_fd);
    serve_tasks(task_fd, result_fd);
}

} // namespace chunkscope::detail

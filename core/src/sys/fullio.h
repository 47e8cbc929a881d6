// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whole reads and writes on raw file descriptors, retried on EINTR and short transfers.
// Async-signal-safe: forked children use them before _exit.

#include <cerrno>
#include <cstddef>

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace chunkscope::detail {

// The buffer the engine asks for its data pipes (ForkPool's task and result pipes, and the
// mechanism measurement that prices them), 1 MiB; a piped task streams in blocks of this size.
inline constexpr std::size_t kPipeBytes = std::size_t{1} << 20;

// Asks kPipeBytes of buffer for the pipe of fd; where the kernel refuses (pipe-max-size), the
// pipe keeps its default.
inline void set_pipe_size(int fd) noexcept { fcntl(fd, F_SETPIPE_SZ, static_cast<int>(kPipeBytes)); }

// Closes fd if it is open, and marks it closed.
inline void close_fd(int& fd) noexcept
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

inline bool read_full(int fd, void* p, std::size_t n) noexcept
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

inline bool write_full(int fd, iovec* iov, int cnt) noexcept
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

inline bool write_full(int fd, const void* p, std::size_t n) noexcept
{
    iovec iov{const_cast<void*>(p), n};
    return write_full(fd, &iov, 1);
}

} // namespace chunkscope::detail

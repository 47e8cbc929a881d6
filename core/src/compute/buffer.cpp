// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/buffer.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace chunkscope {

namespace {

std::string errno_text(const char* what, std::size_t bytes)
{
    return std::string(what) + " of " + std::to_string(bytes) + " bytes failed: " + std::strerror(errno);
}

// Shared memory: a POSIX segment, mapped and then unlinked at once. The processes forked
// afterwards inherit the mapping; no name is left in /dev/shm even if this process is killed.
void* map_shared(std::size_t bytes)
{
    static std::atomic<unsigned> counter{0};
    const std::string name = "/chunkscope-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    const int fd = shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error(errno_text("shm_open", bytes));
    shm_unlink(name.c_str());
    if (ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
        const std::string msg = errno_text("sizing the shared-memory segment", bytes);
        close(fd);
        throw std::runtime_error(msg);
    }
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    const int saved = errno;
    close(fd);
    errno = saved;
    if (p == MAP_FAILED)
        throw std::runtime_error(errno_text("mapping shared memory", bytes));
    return p;
}

void* map_private(std::size_t bytes)
{
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::runtime_error(errno_text("allocating", bytes));
    madvise(p, bytes, MADV_HUGEPAGE);
    // Forked workers that get their items through pipes never touch this memory:
    // not copying its page tables makes fork() cheap.
    madvise(p, bytes, MADV_DONTFORK);
    // Fault every page in now, outside any timed region.
    std::memset(p, 0, bytes);
    return p;
}

} // namespace

Buffer::Buffer(std::size_t count, BufferMemory memory)
    : count_(count)
    , memory_(memory)
{
    if (count == 0)
        return;
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    bytes_ = (count * sizeof(double) + page - 1) / page * page;
    data_ = static_cast<double*>(memory == BufferMemory::Shared ? map_shared(bytes_) : map_private(bytes_));
}

Buffer::~Buffer() { release(); }

Buffer::Buffer(Buffer&& other) noexcept
    : data_(other.data_)
    , count_(other.count_)
    , bytes_(other.bytes_)
    , memory_(other.memory_)
{
    other.data_ = nullptr;
    other.count_ = other.bytes_ = 0;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept
{
    if (this != &other) {
        release();
        data_ = other.data_;
        count_ = other.count_;
        bytes_ = other.bytes_;
        memory_ = other.memory_;
        other.data_ = nullptr;
        other.count_ = other.bytes_ = 0;
    }
    return *this;
}

void Buffer::release() noexcept
{
    if (data_)
        munmap(data_, bytes_);
    data_ = nullptr;
    count_ = bytes_ = 0;
}

} // namespace chunkscope

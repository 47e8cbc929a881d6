// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A page-aligned, pre-faulted vector of doubles, private to this process or shared with
// the processes it forks (POSIX shared memory).

#include <cstddef>
#include <string>

namespace chunkscope {

enum class BufferMemory { Private, Shared };

class Buffer {
public:
    Buffer() = default;
    // Throws std::runtime_error (with the reason) when the memory cannot be had.
    Buffer(std::size_t count, BufferMemory memory);
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    double* data() noexcept { return data_; }
    const double* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return count_; }
    BufferMemory memory() const noexcept { return memory_; }
    bool empty() const noexcept { return count_ == 0; }

private:
    void release() noexcept;
    double* data_ = nullptr;
    std::size_t count_ = 0;
    std::size_t bytes_ = 0;
    BufferMemory memory_ = BufferMemory::Private;
};

} // namespace chunkscope

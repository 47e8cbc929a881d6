// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/checksum.h"
#include "chunkscope/generator.h"

#include "chunkscope/kernels.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace chunkscope {

namespace {

constexpr std::size_t kBlock = 4096;

inline std::uint64_t mix(std::uint64_t z) noexcept
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// The sequential result of w's items [first, first + n), n <= kBlock.
void reference_block(const Workload& w, std::size_t first, std::size_t n, double* out) noexcept
{
    fill_data_serial(out, first, first + n, w);
    apply_kernel(w.function, w.kernel, w.intensity, out, out, n);
}

} // namespace

std::uint64_t output_checksum(const double* out, std::size_t n, std::size_t first) noexcept
{
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i)
        sum += mix(std::bit_cast<std::uint64_t>(out[i]) ^ mix(first + i));
    return sum;
}

double ulp_distance(double a, double b) noexcept
{
    if (std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b))
        return 0;
    if (std::isnan(a) || std::isnan(b))
        return INFINITY;
    // Map the bits onto an unsigned line on which neighbouring doubles are neighbouring integers.
    const auto line = [](double x) {
        const auto bits = std::bit_cast<std::uint64_t>(x);
        return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
    };
    const std::uint64_t la = line(a), lb = line(b);
    return static_cast<double>(la > lb ? la - lb : lb - la);
}

std::uint64_t reference_checksum(const Workload& w, std::size_t first, std::size_t n)
{
    std::uint64_t sum = 0;
    std::array<double, kBlock> ref{};
    for (std::size_t at = 0; at < n; at += kBlock) {
        const std::size_t m = std::min(kBlock, n - at);
        reference_block(w, first + at, m, ref.data());
        sum += output_checksum(ref.data(), m, first + at);
    }
    return sum;
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
// The vectorised kernels. This translation unit alone is compiled with -ffast-math and
// -fopenmp-simd (see core/CMakeLists.txt): glibc then maps std::exp and friends in
// `#pragma omp simd` loops to its libmvec vector variants.
//
// Every item goes through the same fixed-width block, tails included (padded through a small
// stack block), so an item's result does not depend on where a split put it: any partition
// of the vector is bit-identical to the whole.

#include "chunkscope/workload.h"

#include <cmath>
#include <cstddef>

namespace chunkscope::detail {

namespace {

constexpr std::size_t kBlock = 16;
constexpr std::size_t kPrefetchItems = 512; // 4 KiB of doubles
constexpr double kStep = 1.0 / 1024.0;

template <Function F>
inline double fn(double x)
{
    if constexpr (F == Function::Exp)
        return std::exp(x);
    else if constexpr (F == Function::Log)
        return std::log(x);
    else if constexpr (F == Function::Sin)
        return std::sin(x);
    else if constexpr (F == Function::Sqrt)
        return std::sqrt(x);
    else
        return std::tanh(x);
}

template <Function F>
inline void block(const double* in, double* out, int intensity)
{
    double x[kBlock];
    double acc[kBlock];
    for (std::size_t j = 0; j < kBlock; ++j)
        x[j] = in[j];
#pragma omp simd
    for (std::size_t j = 0; j < kBlock; ++j)
        acc[j] = fn<F>(x[j]);
    for (int k = 1; k < intensity; ++k) {
        const double d = k * kStep;
#pragma omp simd
        for (std::size_t j = 0; j < kBlock; ++j)
            acc[j] += fn<F>(x[j] + d);
    }
    for (std::size_t j = 0; j < kBlock; ++j)
        out[j] = acc[j];
}

template <Function F>
void run(int intensity, const double* in, double* out, std::size_t n) noexcept
{
    std::size_t i = 0;
    if (intensity == 1) {
        // The same blocks of the same vector variant, straight from in to out: the copies
        // through block()'s arrays cost 5-12 % of a memory-bound exp here (measured on this
        // project's Intel VM, 10M items and in cache). in may be out: item j reads only in[j].
        for (; i + kBlock <= n; i += kBlock) {
            // The output's two lines of the block 4 KiB ahead, asked for to be written: without
            // it a store waits for its line to be read in first, and a memory-bound exp waits
            // with it (10M items: 16.1-17.2 ms without, 12.2-14.7 ms with, best of 7 in a
            // standalone loop on this project's Intel VM; in cache the same). A prefetch past
            // the end of out does not fault, and it changes no result.
            __builtin_prefetch(out + i + kPrefetchItems, 1, 0);
            __builtin_prefetch(out + i + kPrefetchItems + kBlock / 2, 1, 0);
#pragma omp simd
            for (std::size_t j = 0; j < kBlock; ++j)
                out[i + j] = fn<F>(in[i + j]);
        }
    }
    for (; i + kBlock <= n; i += kBlock)
        block<F>(in + i, out + i, intensity);
    if (i < n) {
        double pad[kBlock];
        const std::size_t rest = n - i;
        for (std::size_t j = 0; j < kBlock; ++j)
            pad[j] = j < rest ? in[i + j] : 0.5;
        block<F>(pad, pad, intensity);
        for (std::size_t j = 0; j < rest; ++j)
            out[i + j] = pad[j];
    }
}

} // namespace

void apply_simd(Function f, int intensity, const double* in, double* out, std::size_t n) noexcept
{
    switch (f) {
    case Function::Exp:
        return run<Function::Exp>(intensity, in, out, n);
    case Function::Log:
        return run<Function::Log>(intensity, in, out, n);
    case Function::Sin:
        return run<Function::Sin>(intensity, in, out, n);
    case Function::Sqrt:
        return run<Function::Sqrt>(intensity, in, out, n);
    case Function::Tanh:
        return run<Function::Tanh>(intensity, in, out, n);
    }
}

} // namespace chunkscope::detail

#pragma once
// The per-item arithmetic. Safe to call in a forked child: no allocation, no locks.

#include "chunkscope/workload.h"

#include <cstddef>
#include <cstdint>

namespace chunkscope {

// out[i] = f(in[i]) (intensity 1), or the sum over k < intensity of f(in[i] + k / 1024).
// in and out may be the same pointer. Every item goes through the same code path whatever
// its position, so any split of the vector gives a bit-identical result.
void apply_kernel(Function f, Kernel k, int intensity, const double* in, double* out,
                  std::size_t n) noexcept;

// Fills out[0..n) with uniform doubles in [0, 1); item i depends only on (seed, first + i).
void fill_uniform(double* out, std::size_t n, std::uint64_t seed, std::size_t first = 0) noexcept;

} // namespace chunkscope

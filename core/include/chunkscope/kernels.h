// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The per-item arithmetic. Safe to call in a forked child: no allocation, no locks.

#include "chunkscope/workload.h"

#include <cstddef>

namespace chunkscope {

// out[i] = f(in[i]) (intensity 1), or the sum over k < intensity of f(in[i] + k / 1024).
// in and out may be the same pointer. Every item goes through the same code path whatever
// its position, so any split of the vector gives a bit-identical result.
void apply_kernel(Function f, Kernel k, int intensity, const double* in, double* out,
                  std::size_t n) noexcept;

// The input the kernel is applied to: generator.h.

} // namespace chunkscope

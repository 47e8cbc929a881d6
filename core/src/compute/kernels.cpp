// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/kernels.h"

#include <cmath>

namespace chunkscope {

namespace detail {
void apply_simd(Function f, int intensity, const double* in, double* out, std::size_t n) noexcept;

namespace {
constexpr double kStep = 1.0 / 1024.0;

template <typename Fn>
void apply_scalar(Fn fn, int intensity, const double* in, double* out, std::size_t n) noexcept
{
    for (std::size_t i = 0; i < n; ++i) {
        const double x = in[i];
        double acc = fn(x);
        for (int k = 1; k < intensity; ++k)
            acc += fn(x + k * kStep);
        out[i] = acc;
    }
}
} // namespace
} // namespace detail

void apply_kernel(Function f, Kernel k, int intensity, const double* in, double* out, std::size_t n) noexcept
{
    if (k == Kernel::Simd)
        return detail::apply_simd(f, intensity, in, out, n);
    switch (f) {
    case Function::Exp:
        return detail::apply_scalar([](double x) { return std::exp(x); }, intensity, in, out, n);
    case Function::Log:
        return detail::apply_scalar([](double x) { return std::log(x); }, intensity, in, out, n);
    case Function::Sin:
        return detail::apply_scalar([](double x) { return std::sin(x); }, intensity, in, out, n);
    case Function::Sqrt:
        return detail::apply_scalar([](double x) { return std::sqrt(x); }, intensity, in, out, n);
    case Function::Tanh:
        return detail::apply_scalar([](double x) { return std::tanh(x); }, intensity, in, out, n);
    }
}

} // namespace chunkscope

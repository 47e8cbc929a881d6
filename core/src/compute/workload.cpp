// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/workload.h"

#include "enumnames.h"

#include <array>

namespace chunkscope {

namespace {
constexpr std::array kFunctions{Function::Exp, Function::Log, Function::Sin, Function::Sqrt, Function::Tanh};
constexpr std::array kKernels{Kernel::Scalar, Kernel::Simd};
constexpr std::array<std::string_view, 5> kFunctionNames{"exp", "log", "sin", "sqrt", "tanh"};
} // namespace

std::string_view to_string(Function f) { return kFunctionNames[static_cast<std::size_t>(f)]; }

std::string_view to_string(Kernel k) { return k == Kernel::Scalar ? "scalar" : "simd"; }

std::optional<Function> parse_function(std::string_view name) { return detail::find_named(kFunctions, name); }

std::optional<Kernel> parse_kernel(std::string_view name) { return detail::find_named(kKernels, name); }

std::span<const Function> all_functions() { return kFunctions; }
std::span<const Kernel> all_kernels() { return kKernels; }

} // namespace chunkscope

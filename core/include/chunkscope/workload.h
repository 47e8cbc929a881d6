// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What is computed: a math function applied to every item of a vector.

#include <cstddef>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace chunkscope {

enum class Function { Exp, Log, Sin, Sqrt, Tanh };
enum class Kernel { Scalar, Simd };

std::string_view to_string(Function f);
std::string_view to_string(Kernel k);
std::optional<Function> parse_function(std::string_view name);
std::optional<Kernel> parse_kernel(std::string_view name);
std::span<const Function> all_functions();
std::span<const Kernel> all_kernels();

// The experiment's data and arithmetic. Input is uniform in the function's input range, (0, 1)
// as numpy.random.rand made it, from the seed by a counter-based formula (generator.h), and
// not part of any timed region.
struct Workload {
    Function function = Function::Exp;
    Kernel kernel = Kernel::Simd;
    int intensity = 1;          // function evaluations per item (>= 1); memory traffic unchanged
    std::size_t size = 10'000'000;
    std::uint64_t seed = 20230501;

    auto operator<=>(const Workload&) const = default;
};

// Bytes of one item of the vector (a double), as the cost models count them.
inline constexpr double kItemBytes = sizeof(double);

inline constexpr int kMaxIntensity = 1'000'000;

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
// counter-v1 (see generator.h). This translation unit is compiled with -O3 and
// -ffp-contract=off but never -ffast-math (core/CMakeLists.txt): the formula is exact in
// IEEE double, and numpy must get the same bits.

#include "chunkscope/generator.h"

#include "enumnames.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <array>
#include <bit>

namespace chunkscope {

namespace {

constexpr std::array kGenerators{Generator::Legacy, Generator::CounterV1};
constexpr std::array<std::string_view, 2> kGeneratorNames{"legacy", "counter-v1"};

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

constexpr std::uint64_t mix(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t key_of(std::uint64_t seed) noexcept { return mix(seed + kGolden); }

// The top 52 bits of z as the mantissa of a double in [1, 2); minus 1 that is k * 2^-52 exactly,
// and adding 2^-53 gives (2k + 1) * 2^-53 = (k + 0.5) * 2^-52, again exact. This form
// vectorises where a 64-bit integer to double conversion does not.
inline double unit(std::uint64_t z) noexcept
{
    const double one_to_two = std::bit_cast<double>((z >> 12) | 0x3ff0000000000000ULL);
    return (one_to_two - 1.0) + 0x1.0p-53;
}

// Grain of the parallel fill: 64K items (512 KiB), enough to amortise a task.
constexpr std::size_t kGrain = std::size_t{1} << 16;

} // namespace

std::string_view to_string(Generator g) { return kGeneratorNames[static_cast<std::size_t>(g)]; }

std::optional<Generator> parse_generator(std::string_view name) { return detail::find_named(kGenerators, name); }

InputRange input_range(Function) { return {0.0, 1.0}; }

double data_item(const Workload& w, std::size_t i) noexcept
{
    double x = 0;
    fill_data_serial(&x, i, i + 1, w);
    return x;
}

void fill_data_serial(double* out, std::size_t begin, std::size_t end, const Workload& w) noexcept
{
    const InputRange r = input_range(w.function);
    const double lo = r.lo;
    const double width = r.hi - r.lo;
    // The counter key + G * (i + 1), stepped by G: an induction variable the compiler vectorises.
    std::uint64_t counter = key_of(w.seed) + kGolden * (static_cast<std::uint64_t>(begin) + 1);
    const std::size_t n = end > begin ? end - begin : 0;
    for (std::size_t k = 0; k < n; ++k) {
        out[k] = lo + width * unit(mix(counter));
        counter += kGolden;
    }
}

void fill_data(double* out, std::size_t begin, std::size_t end, const Workload& w)
{
    if (end <= begin)
        return;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, kGrain),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          fill_data_serial(out + (r.begin() - begin), r.begin(), r.end(), w);
                      });
}

} // namespace chunkscope

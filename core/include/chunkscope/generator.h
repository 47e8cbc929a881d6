// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The experiment's input vector, counter-based: item i is a function of (seed, i) and the
// function's input range alone, so any part of the vector can be made anywhere (by one thread
// or many, by one process or rank or many) and is the same vector.
//
// counter-v1, exactly (all arithmetic modulo 2^64; G = 0x9e3779b97f4a7c15):
//   mix(z)      = z ^= z >> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >> 27; z *= 0x94d049bb133111eb;
//                 z ^ (z >> 31)                         (splitmix64's finaliser)
//   key         = mix(seed + G)
//   u(i)        = ((mix(key + G * (i + 1)) >> 12) + 0.5) * 2^-52     in (0, 1), exact in double
//   item(i)     = lo + (hi - lo) * u(i)                 (lo, hi) = input_range(function)
// The tutorial's Python (core/python/chunkscope_tutorial/data.py, make_data) computes the same
// formula with numpy, bit for bit.

#include "chunkscope/workload.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace chunkscope {

// Which formula made a run's data. Results record it; a result without one (sessions saved
// before counter-v1) was made by the legacy generator: splitmix64 of the index, in [0, 1).
enum class Generator { Legacy, CounterV1 };
inline constexpr Generator kCurrentGenerator = Generator::CounterV1;

std::string_view to_string(Generator g);   // "legacy", "counter-v1"
std::optional<Generator> parse_generator(std::string_view name);

// The open interval the input of f is drawn from: inside f's domain (log needs x > 0), and
// the same for every function today, (0, 1), as numpy.random.rand made it in the tutorial.
struct InputRange {
    double lo = 0;
    double hi = 1;
    bool operator==(const InputRange&) const = default;
};
InputRange input_range(Function f);

// Item i of the workload's input (its seed and function; size is not used).
double data_item(const Workload& w, std::size_t i) noexcept;
// out[k] = data_item(w, begin + k) for begin + k < end, on every core (oneTBB). out holds
// end - begin items: a rank fills its slice [begin, end) into its own buffer.
void fill_data(double* out, std::size_t begin, std::size_t end, const Workload& w);
// The same on the calling thread only, for callers that are parallel already. No allocation,
// no locks.
void fill_data_serial(double* out, std::size_t begin, std::size_t end, const Workload& w) noexcept;

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How every human number is written, in one place (after google/benchmark's string_util):
// durations, time left, item counts and bytes. The CLI, the reporters and the window use it.

#include <cstddef>
#include <string>
#include <string_view>

namespace chunkscope {

struct DurationStyle {
    bool micro_sign = false;       // "µs" instead of "us"
    bool trim_zeros = true;        // "30 ms" instead of "30.0 ms"
    std::string_view not_finite = "-";
};

// Three significant digits in a unit that suits: "850 us", "12.3 ms", "1.52 s" (0 is "0").
std::string format_seconds(double seconds, const DurationStyle& style = {});
// Time left, to the second: "< 1 s", "42 s", "3 min 5 s", "1 h 12 min" (empty when unknown).
std::string format_time_left(double seconds);
// "10M" style: 10000000 -> "10M", 1536 -> "1536".
std::string format_size(std::size_t n);
// Bytes: "80 MB", "1.5 GB".
std::string format_bytes(double bytes);

} // namespace chunkscope

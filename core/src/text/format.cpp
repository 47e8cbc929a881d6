// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/format.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace chunkscope {

namespace {

// value / 1000^unit rounded to three significant digits, trailing zeros dropped, unit moved up
// when rounding reaches 1000 ("999.9" -> "1" of the next unit).
std::string three_digits(double value, std::size_t& unit, std::size_t units)
{
    char buf[64];
    for (;;) {
        const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
        std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
        if (std::strtod(buf, nullptr) < 1000 || unit + 1 >= units)
            break;
        value /= 1000;
        ++unit;
    }
    std::string text(buf);
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.')
            text.pop_back();
    }
    return text;
}

} // namespace

std::string format_seconds(double s, const DurationStyle& style)
{
    if (!std::isfinite(s))
        return std::string(style.not_finite);
    if (s == 0 && style.trim_zeros)
        return "0";
    const std::array<std::string_view, 4> units{"ns", style.micro_sign ? "µs" : "us", "ms", "s"};
    double v = std::abs(s) * 1e9;
    std::size_t unit = 0;
    while (unit + 1 < units.size() && v >= 999.5) {
        v /= 1000;
        ++unit;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%.*f", s < 0 ? "-" : "", v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2, v);
    std::string text = buf;
    if (style.trim_zeros && text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
    }
    return text.append(" ").append(units[unit]);
}

std::string format_time_left(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return {};
    if (seconds < 1)
        return "< 1 s";
    const long long s = std::llround(std::ceil(seconds));
    if (s < 60)
        return std::to_string(s) + " s";
    if (s < 3600)
        return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

std::string format_size(std::size_t n)
{
    constexpr std::pair<std::size_t, char> units[] = {
        {1'000'000'000'000, 'T'}, {1'000'000'000, 'G'}, {1'000'000, 'M'}, {1'000, 'K'}};
    for (const auto& [unit, letter] : units) {
        if (n < unit || n % (unit / 10) != 0)
            continue;
        std::string text = std::to_string(n / unit);
        if (const std::size_t tenths = n % unit / (unit / 10); tenths != 0)
            text.append(".").append(std::to_string(tenths));
        return text + letter;
    }
    return std::to_string(n);
}

std::string format_bytes(double bytes)
{
    if (!std::isfinite(bytes))
        return "unknown";
    if (bytes < 0)
        return std::string("-").append(format_bytes(-bytes));
    constexpr std::string_view units[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    constexpr std::size_t count = std::size(units);
    if (bytes < 999.5)
        return std::to_string(static_cast<long long>(std::llround(bytes))) + " B";
    std::size_t unit = 0;
    while (unit + 1 < count && bytes >= 1000) {
        bytes /= 1000;
        ++unit;
    }
    const std::string text = three_digits(bytes, unit, count);
    return text + " " + std::string(units[unit]);
}

} // namespace chunkscope

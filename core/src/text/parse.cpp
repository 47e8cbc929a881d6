// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/parse.h"

#include "parsetext.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <optional>

namespace chunkscope {

namespace {

using detail::quoted;
using detail::trim;

constexpr std::string_view kSizeForms = "use a whole number of items such as 10000000, 10M, 1e7, 2K or 1G";
constexpr std::string_view kUnits = "units are K, M, G, T (powers of 1000) and Ki, Mi, Gi, Ti (powers of 1024)";
constexpr std::size_t kMaxSize = std::numeric_limits<std::size_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// a * b, or nothing on overflow.
std::optional<std::size_t> mul(std::size_t a, std::size_t b)
{
    if (a != 0 && b > kMaxSize / a)
        return std::nullopt;
    return a * b;
}

std::optional<std::size_t> pow_checked(std::size_t base, int exp)
{
    std::size_t r = 1;
    for (int i = 0; i < exp; ++i) {
        const auto next = mul(r, base);
        if (!next)
            return std::nullopt;
        r = *next;
    }
    return r;
}

// The number of items text means, or why it means none (without the option's name).
Parsed<std::size_t> size_value(std::string_view raw)
{
    const std::string_view s = trim(raw);
    const std::string q = quoted(raw);
    const auto fail = [](std::string msg) { return Parsed<std::size_t>{0, std::move(msg)}; };
    if (s.empty())
        return fail("no size given; " + std::string(kSizeForms));
    if (s.front() == '-' && s.size() > 1 && (is_digit(s[1]) || s[1] == '.'))
        return fail(q + " is negative; " + std::string(kSizeForms));

    // Mantissa: the leading digits as an integer, with a decimal exponent. Digits beyond what
    // a size_t holds only move the point, and are remembered when they are not zero.
    std::size_t i = 0;
    std::size_t mantissa = 0;
    long long exp10 = 0;
    bool digits = false;
    bool overflow = false;
    bool lost_nonzero = false;
    const auto take_digit = [&](char c, bool after_point) {
        digits = true;
        const auto d = static_cast<std::size_t>(c - '0');
        if (!overflow) {
            const auto next = mul(mantissa, 10);
            if (next && *next <= kMaxSize - d) {
                mantissa = *next + d;
                exp10 -= after_point ? 1 : 0;
                return;
            }
            overflow = true;
        }
        lost_nonzero = lost_nonzero || d != 0;
        exp10 += after_point ? 0 : 1;
    };
    for (; i < s.size() && is_digit(s[i]); ++i)
        take_digit(s[i], false);
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && is_digit(s[i]); ++i)
            take_digit(s[i], true);
    if (!digits)
        return fail(q + " is not a size; " + std::string(kSizeForms));
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        const bool negative = j < s.size() && s[j] == '-';
        if (j < s.size() && (s[j] == '-' || s[j] == '+'))
            ++j;
        if (j == s.size() || !is_digit(s[j]))
            return fail(q + " is not a size: the exponent has no digits; " + std::string(kSizeForms));
        long long e = 0;
        for (; j < s.size() && is_digit(s[j]); ++j)
            e = std::min(e * 10 + (s[j] - '0'), 100'000LL);
        exp10 += negative ? -e : e;
        i = j;
    }

    // Unit.
    std::size_t base = 1;
    int power = 0;
    if (i < s.size()) {
        const std::string_view units = "kmgt";
        const char c = static_cast<char>(s[i] | 0x20);
        const auto u = units.find(c);
        if (u != std::string_view::npos) {
            power = static_cast<int>(u) + 1;
            base = 1000;
            ++i;
            if (i < s.size() && s[i] == 'i') {
                base = 1024;
                ++i;
            }
        }
    }
    if (i < s.size())
        return fail(q + " is not a size: unexpected " + quoted(s.substr(i)) + " after the number; " +
                    std::string(kSizeForms) + "; " + std::string(kUnits));

    if (mantissa == 0 && !lost_nonzero)
        return fail(q + " is zero; the size must be at least 1 item");
    const std::string too_large = q + " is too large; the largest size is " + std::to_string(kMaxSize);
    const std::string fraction = q + " is not a whole number of items; " + std::string(kSizeForms);
    if (base == 1000) {
        exp10 += 3LL * power;   // a decimal unit is only more places
        base = 1;
        power = 0;
    }
    if (lost_nonzero) {
        // (leading digits + a fraction) * 10^exp10: past the largest size when exp10 > 0,
        // never whole otherwise (a power-of-1024 unit could make it whole: too precise to tell).
        if (exp10 > 0 || (exp10 == 0 && power > 0))
            return fail(too_large);
        if (power > 0)
            return fail(q + " has more significant digits than a size can hold; " + std::string(kSizeForms));
        return fail(fraction);
    }
    std::optional<std::size_t> value = pow_checked(base, power);
    if (value)
        value = mul(*value, mantissa);
    if (!value)
        return fail(too_large);
    if (exp10 >= 0) {
        const auto scale = pow_checked(10, static_cast<int>(std::min(exp10, 100LL)));
        value = scale ? mul(*value, *scale) : std::nullopt;
        if (!value)
            return fail(too_large);
        return {*value, {}};
    }
    // Fewer than 20 places can divide a size_t evenly; more always leave a fraction.
    const auto divisor = exp10 < -19 ? std::nullopt : pow_checked(10, static_cast<int>(-exp10));
    if (!divisor || *value % *divisor != 0)
        return fail(fraction);
    return {*value / *divisor, {}};
}

// value / 1000^unit rounded to three significant digits, trailing zeros dropped, unit moved up
// when rounding reaches 1000 ("999.9" -> "1" of the next unit).

} // namespace

Parsed<std::size_t> parse_size(std::string_view text, std::string_view what)
{
    Parsed<std::size_t> p = size_value(text);
    if (!p)
        p.error = std::string(what) + ": " + p.error;
    return p;
}

Parsed<long long> parse_int(std::string_view text, long long lo, long long hi, std::string_view what)
{
    const std::string range = "use a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    const std::string_view s = trim(text);
    const auto fail = [&](std::string msg) { return Parsed<long long>{0, std::string(what) + ": " + msg}; };
    if (s.empty())
        return fail("no value given; " + range);
    const std::string_view digits = s.front() == '+' ? s.substr(1) : s;
    const char* last = digits.data() + digits.size();
    long long value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), last, value);
    const bool signed_twice = s.front() == '+' && !digits.empty() && digits.front() == '-';
    if (ec == std::errc::invalid_argument || end != last || signed_twice)
        return fail(quoted(s) + " is not a whole number; " + range);
    if (ec == std::errc::result_out_of_range || value < lo || value > hi)
        return fail(quoted(s) + " is out of range; " + range);
    return {value, {}};
}

Parsed<std::vector<std::size_t>> parse_list(std::string_view text, std::string_view what)
{
    const std::string forms = "use a comma-separated list of sizes of at least 1, such as 1,2,4,8";
    const auto fail = [&](std::string msg) {
        return Parsed<std::vector<std::size_t>>{{}, std::string(what) + ": " + msg};
    };
    const std::string_view s = trim(text);
    if (s.empty())
        return fail("no values given; " + forms);
    if (s.back() == ',')
        return fail(quoted(s) + " ends with a comma; " + forms);
    std::vector<std::size_t> values;
    std::size_t start = 0;
    for (std::size_t n = 1;; ++n) {
        const std::size_t comma = s.find(',', start);
        const std::string_view item = s.substr(start, comma == std::string_view::npos ? s.npos : comma - start);
        if (trim(item).empty())
            return fail("item " + std::to_string(n) + " of " + quoted(s) + " is empty; " + forms);
        const Parsed<std::size_t> v = size_value(item);
        if (!v)
            return fail("item " + std::to_string(n) + ": " + v.error);
        values.push_back(v.value);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return {std::move(values), {}};
}

} // namespace chunkscope

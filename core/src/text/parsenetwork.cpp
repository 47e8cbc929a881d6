// SPDX-License-Identifier: GPL-3.0-or-later
// Bandwidths, latencies and the networks made of them, as typed on the command line or in the
// window (parse.h).

#include "chunkscope/parse.h"

#include "parsetext.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

namespace chunkscope {

namespace {

using detail::quoted;
using detail::trim;

constexpr std::string_view kBandwidthForms =
    "use a number and a unit such as 100Gb/s, 12.5GB/s, 800Mbit/s or 1e9B/s (k, M, G, T are powers of 1000; "
    "b or bit: bits, B: bytes)";
constexpr std::string_view kLatencyForms = "use a number and a unit such as 2us, 1.5µs, 500ns, 0.1ms or 1e-6s";
constexpr std::string_view kNetworkForms =
    "type a bandwidth, a latency or both, comma-separated, such as 100Gb/s,2us or 10GB/s or 2us";

// The leading number of s and the unit after it (spaces between allowed), or nothing.
struct Quantity {
    double value = 0;
    std::string_view unit;
};
std::optional<Quantity> quantity(std::string_view s)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data())
        return std::nullopt;
    return Quantity{v, trim(std::string_view(end, static_cast<std::size_t>(s.data() + s.size() - end)))};
}

// The factor of a bandwidth unit to bytes per second, or nothing.
std::optional<double> bandwidth_unit(std::string_view u)
{
    if (u.size() < 3 || u.substr(u.size() - 2) != "/s")
        return std::nullopt;
    u.remove_suffix(2);
    double prefix = 1;
    static constexpr std::array<std::pair<char, double>, 5> kPrefixes{
        {{'k', 1e3}, {'K', 1e3}, {'M', 1e6}, {'G', 1e9}, {'T', 1e12}}};
    for (const auto& [c, f] : kPrefixes)
        if (u.size() > 1 && u.front() == c) {
            prefix = f;
            u.remove_prefix(1);
            break;
        }
    if (u == "B")
        return prefix;
    if (u == "b" || u == "bit")
        return prefix / 8;
    return std::nullopt;
}

std::optional<double> latency_unit(std::string_view u)
{
    if (u == "s")
        return 1.0;
    if (u == "ms")
        return 1e-3;
    if (u == "us" || u == "µs" || u == "μs")
        return 1e-6;
    if (u == "ns")
        return 1e-9;
    return std::nullopt;
}

bool looks_like_bandwidth(std::string_view s) { return s.find('/') != std::string_view::npos; }

template <typename UnitOf>
Parsed<double> parse_quantity(std::string_view text, std::string_view what, std::string_view forms, UnitOf unit_of,
                              std::string_view noun)
{
    const std::string_view s = trim(text);
    const auto fail = [&](std::string msg) { return Parsed<double>{0, std::string(what) + ": " + msg}; };
    if (s.empty())
        return fail("no " + std::string(noun) + " given; " + std::string(forms));
    const auto q = quantity(s);
    if (!q)
        return fail(quoted(s) + " is not a " + std::string(noun) + ": it does not start with a number; " +
                    std::string(forms));
    if (q->unit.empty())
        return fail(quoted(s) + " has no unit; " + std::string(forms));
    const auto factor = unit_of(q->unit);
    if (!factor)
        return fail(quoted(s) + ": unknown unit " + quoted(q->unit) + "; " + std::string(forms));
    const double v = q->value * *factor;
    if (!std::isfinite(v) || v <= 0)
        return fail(quoted(s) + " must be more than zero; " + std::string(forms));
    return {v, {}};
}

std::string figure(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

} // namespace

Parsed<double> parse_bandwidth(std::string_view text, std::string_view what)
{
    return parse_quantity(text, what, kBandwidthForms, bandwidth_unit, "bandwidth");
}

Parsed<double> parse_latency(std::string_view text, std::string_view what)
{
    return parse_quantity(text, what, kLatencyForms, latency_unit, "latency");
}

Parsed<Network> parse_network(std::string_view text, std::string_view what, const Network& defaults)
{
    const auto fail = [&](std::string msg) { return Parsed<Network>{defaults, std::string(what) + ": " + msg}; };
    const std::string_view s = trim(text);
    if (s.empty())
        return fail("nothing given; " + std::string(kNetworkForms));
    Network n = defaults;
    bool bandwidth = false, latency = false;
    std::size_t start = 0;
    for (int item = 1;; ++item) {
        const std::size_t comma = s.find(',', start);
        const std::string_view part = trim(s.substr(start, comma == std::string_view::npos ? s.npos : comma - start));
        if (part.empty())
            return fail("item " + std::to_string(item) + " of " + quoted(s) + " is empty; " + std::string(kNetworkForms));
        if (item > 2)
            return fail(quoted(s) + " has more than two items; " + std::string(kNetworkForms));
        if (!quantity(part))
            return fail(quoted(part) + " is neither a bandwidth nor a latency: it does not start with a number; " +
                        std::string(kNetworkForms));
        if (looks_like_bandwidth(part)) {
            if (bandwidth)
                return fail(quoted(s) + " gives two bandwidths; " + std::string(kNetworkForms));
            const Parsed<double> b = parse_bandwidth(part, "the bandwidth");
            if (!b)
                return fail(b.error);
            n.bandwidth_bytes_per_s = b.value;
            bandwidth = true;
        } else {
            if (latency)
                return fail(quoted(s) + " gives two latencies; " + std::string(kNetworkForms));
            const Parsed<double> l = parse_latency(part, "the latency");
            if (!l)
                return fail(l.error + " (a bandwidth ends in /s)");
            n.latency_s = l.value;
            latency = true;
        }
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return {n, {}};
}

std::string describe(const Network& n)
{
    const double gbit = n.bandwidth_bytes_per_s * 8 / 1e9;
    std::string bw;
    if (gbit >= 1)
        bw = figure(gbit) + " Gb/s";
    else
        bw = figure(gbit * 1e3) + " Mb/s";
    const double us = n.latency_s * 1e6;
    const std::string lat = us >= 1000 ? figure(us / 1e3) + " ms" : us >= 1 ? figure(us) + " µs" : figure(us * 1e3) + " ns";
    return bw + ", " + lat;
}

} // namespace chunkscope

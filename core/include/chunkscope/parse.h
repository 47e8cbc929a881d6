// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parsing of command-line style values, with messages that say what was wrong and what is allowed.

#include "chunkscope/network.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chunkscope {

template <typename T>
struct Parsed {
    T value{};
    std::string error;   // empty when value is valid
    explicit operator bool() const { return error.empty(); }
};

// "10000000", "10M", "1e7", "2K", "1G" (K, M, G, T are powers of 1000; Ki, Mi, Gi of 1024).
// what names the option in the message ("--size").
Parsed<std::size_t> parse_size(std::string_view text, std::string_view what = "size");
// A whole number in [lo, hi].
Parsed<long long> parse_int(std::string_view text, long long lo, long long hi, std::string_view what);
// "1,2,4,8": each a size >= 1; not empty; no empty item.
Parsed<std::vector<std::size_t>> parse_list(std::string_view text, std::string_view what);

// A bandwidth: a number and a unit of bits or bytes per second, "100Gb/s", "12.5GB/s",
// "800Mbit/s", "1e9B/s" (k, M, G, T are powers of 1000; b and bit are bits, B is bytes).
// Bytes per second.
Parsed<double> parse_bandwidth(std::string_view text, std::string_view what = "bandwidth");
// A latency: a number and ns, us (or µs), ms or s: "2us", "500 ns". Seconds.
Parsed<double> parse_latency(std::string_view text, std::string_view what = "latency");
// A network typed as a bandwidth, a latency or both, comma-separated in either order:
// "100Gb/s,2us", "10GB/s", "2us". What is left out is taken from defaults.
Parsed<Network> parse_network(std::string_view text, std::string_view what = "network", const Network& defaults = {});

} // namespace chunkscope

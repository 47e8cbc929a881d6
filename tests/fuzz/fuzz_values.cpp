// SPDX-License-Identifier: GPL-3.0-or-later
// The value parsers behind every option and field a user types: sizes ("10M", "1e7", "4Ki"),
// whole numbers in a range, lists ("1,2,4,8"), bandwidths, latencies and networks. The first
// byte picks the parser, the rest is the text. What a parser accepts is within what it allows.

#include "fuzz_support.h"

#include "chunkscope/parse.h"

#include <cmath>

using namespace chunkscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::string text = fuzz::text_of(data + 1, size - 1);
    switch (data[0] % 6) {
    case 0: {
        const auto p = parse_size(text, "--size");
        fuzz::require(p || !p.error.empty(), "a refusal says why");
        break;
    }
    case 1: {
        const auto p = parse_int(text, 1, 256, "--workers");
        fuzz::require(!p || (p.value >= 1 && p.value <= 256), "a whole number accepted is in its range");
        break;
    }
    case 2: {
        const auto p = parse_list(text, "--splits-list");
        fuzz::require(!p || !p.value.empty(), "a list accepted is not empty");
        for (const std::size_t v : p.value)
            fuzz::require(!p || v >= 1, "each item of a list accepted is at least 1");
        break;
    }
    case 3: {
        const auto p = parse_bandwidth(text);
        fuzz::require(!p || (std::isfinite(p.value) && p.value > 0), "a bandwidth accepted is finite and positive");
        break;
    }
    case 4: {
        const auto p = parse_latency(text);
        fuzz::require(!p || (std::isfinite(p.value) && p.value >= 0), "a latency accepted is finite and not negative");
        break;
    }
    default: {
        const auto p = parse_network(text);
        fuzz::require(!p || (std::isfinite(p.value.bandwidth_bytes_per_s) && p.value.bandwidth_bytes_per_s > 0 &&
                             std::isfinite(p.value.latency_s) && p.value.latency_s >= 0),
                      "a network accepted has a finite positive bandwidth and a latency");
        break;
    }
    }
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A network as the model sees it (Hockney): a message of n bytes takes latency + n / bandwidth.

#include <string>

namespace chunkscope {

struct Network {
    double latency_s = 2e-6;                 // alpha: one way, for an empty message
    double bandwidth_bytes_per_s = 12.5e9;   // beta: 100 Gb/s
    bool operator==(const Network&) const = default;

    // One message of n bytes, one way.
    double message_s(double bytes) const { return latency_s + bytes / bandwidth_bytes_per_s; }
};

// "100 Gb/s, 2 µs" (bits per second when the figure is a whole number of Gb/s, else GB/s).
std::string describe(const Network& n);

} // namespace chunkscope

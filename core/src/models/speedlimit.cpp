// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/speedlimit.h"

#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "clock.h"
#include "stream.h"

#include <algorithm>
#include <vector>

namespace chunkscope {

double SpeedLimits::ns_per_item(Function f, Kernel k) const
{
    for (const KernelThroughput& t : throughput)
        if (t.function == f && t.kernel == k)
            return t.ns_per_item;
    return 0;
}

namespace {

bool stop(const CancelToken* cancel) { return cancel && cancel->cancelled(); }

} // namespace

std::size_t stream_array_bytes() { return detail::stream_array_bytes(); }

SpeedLimits measure_speed_limits(std::size_t array_bytes, const CancelToken* cancel)
{
    SpeedLimits out;
    out.last_level_cache_bytes = detail::last_level_cache_bytes();
    const detail::StreamBandwidth stream = detail::measure_stream(array_bytes, cancel);
    out.copy_bandwidth = stream.copy;
    out.scale_bandwidth = stream.scale;
    out.triad_bandwidth = stream.triad;
    out.threads = stream.threads;
    out.repetitions = stream.repetitions;
    out.bytes = stream.array_bytes;
    // Arithmetic alone: a block that stays in the cache, applied for ~7 ms at a time; each
    // kernel's best of three such windows, taken in turns (every kernel's first, then every
    // second, ...), so that a kernel's three lie ~70 ms apart: on a shared host a burst next door
    // that slows one core for tens of milliseconds spoils one window, not all three.
    constexpr std::size_t kItems = 1 << 15;
    std::vector<double> in(kItems), res(kItems);
    fill_data_serial(in.data(), 0, kItems, Workload{.seed = 2});
    for (Function f : all_functions())
        for (Kernel k : {Kernel::Scalar, Kernel::Simd})
            out.throughput.push_back({f, k, 0.0});
    for (int window = 0; window < 3; ++window) {
        for (KernelThroughput& t : out.throughput) {
            if (stop(cancel)) {
                std::erase_if(out.throughput, [](const KernelThroughput& m) { return m.ns_per_item <= 0; });
                return out;
            }
            if (window == 0)
                apply_kernel(t.function, t.kernel, 1, in.data(), res.data(), kItems); // warm-up
            std::size_t rounds = 0;
            const double t0 = detail::now_s();
            double now = t0;
            do {
                apply_kernel(t.function, t.kernel, 1, in.data(), res.data(), kItems);
                ++rounds;
                now = detail::now_s();
            } while (now - t0 < 0.007);
            const double ns = (now - t0) / static_cast<double>(rounds * kItems) * 1e9;
            t.ns_per_item = window == 0 ? ns : std::min(t.ns_per_item, ns);
        }
    }
    if (!stop(cancel))
        out.mechanisms = measure_mechanisms(cancel);
    return out;
}

double floor_seconds(const RunConfig& c, const SpeedLimits& limits, int logical_cores)
{
    const double per_item = limits.ns_per_item(c.workload.function, c.workload.kernel);
    if (per_item <= 0 || limits.bandwidth() <= 0)
        return 0;
    const double n = static_cast<double>(c.workload.size);
    const double memory_s = 2.0 * n * sizeof(double) / limits.bandwidth();
    const int workers = c.strategy == StrategyKind::Sequential ? 1 : c.workers;
    const int cores = std::max(1, std::min(workers, logical_cores));
    const double compute_s = n * c.workload.intensity * per_item * 1e-9 / cores;
    return std::max(memory_s, compute_s);
}

} // namespace chunkscope

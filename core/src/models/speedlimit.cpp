// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/speedlimit.h"

#include "chunkscope/buffer.h"
#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/machine.h"
#include "clock.h"

#include <algorithm>
#include <thread>
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

// Runs body(begin, end) over [0, n) on `threads` threads; returns the wall time.
template <typename Body>
double timed_parallel(std::size_t n, int threads, Body body)
{
    std::vector<std::thread> pool;
    const double t0 = detail::now_s();
    for (int t = 0; t < threads; ++t) {
        const std::size_t b = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
        const std::size_t e = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
        pool.emplace_back([=] { body(b, e); });
    }
    for (auto& th : pool)
        th.join();
    return detail::now_s() - t0;
}

bool stop(const CancelToken* cancel) { return cancel && cancel->cancelled(); }

} // namespace

SpeedLimits measure_speed_limits(std::size_t array_bytes, const CancelToken* cancel)
{
    SpeedLimits out;
    out.threads = logical_cores();
    const std::size_t n = std::max<std::size_t>(array_bytes / sizeof(double), 1024);
    out.bytes = n * sizeof(double);
    {
        Buffer a(n, BufferMemory::Private), c(n, BufferMemory::Private);
        fill_data(a.data(), 0, n, Workload{.seed = 1});
        double* pa = a.data();
        double* pc = c.data();
        double best_copy = 1e30, best_scale = 1e30;
        for (int rep = 0; rep < 5 && !stop(cancel); ++rep) {
            best_copy = std::min(best_copy, timed_parallel(n, out.threads, [=](std::size_t b, std::size_t e) {
                                     for (std::size_t i = b; i < e; ++i)
                                         pc[i] = pa[i];
                                 }));
            best_scale = std::min(best_scale, timed_parallel(n, out.threads, [=](std::size_t b, std::size_t e) {
                                      for (std::size_t i = b; i < e; ++i)
                                          pa[i] = 3.0 * pc[i];
                                  }));
        }
        if (best_copy < 1e30) {
            out.copy_bandwidth = 2.0 * static_cast<double>(out.bytes) / best_copy;
            out.scale_bandwidth = 2.0 * static_cast<double>(out.bytes) / best_scale;
        }
    }
    // Arithmetic alone: a block that stays in the cache, applied until it adds up to ~20 ms.
    constexpr std::size_t kItems = 1 << 15;
    std::vector<double> in(kItems), res(kItems);
    fill_data_serial(in.data(), 0, kItems, Workload{.seed = 2});
    for (Function f : all_functions()) {
        for (Kernel k : {Kernel::Scalar, Kernel::Simd}) {
            if (stop(cancel))
                return out;
            apply_kernel(f, k, 1, in.data(), res.data(), kItems); // warm-up
            double best = 1e30;
            for (int rep = 0; rep < 3; ++rep) {
                std::size_t rounds = 0;
                const double t0 = detail::now_s();
                double t = t0;
                do {
                    apply_kernel(f, k, 1, in.data(), res.data(), kItems);
                    ++rounds;
                    t = detail::now_s();
                } while (t - t0 < 0.007);
                best = std::min(best, (t - t0) / static_cast<double>(rounds * kItems));
            }
            out.throughput.push_back({f, k, best * 1e9});
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

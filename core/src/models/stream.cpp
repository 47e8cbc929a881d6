// SPDX-License-Identifier: GPL-3.0-or-later
// STREAM's copy, scale and triad (McCalpin, https://www.cs.virginia.edu/stream/) as an OpenMP
// program: this file is compiled with OpenMP (libgomp under GCC, libomp under clang) and with the
// SIMD kernels' flags (models/CMakeLists.txt), so its loads and stores are as wide as theirs.
//
// Stores: ordinary ones. STREAM leaves that to the compiler; GCC and clang emit no non-temporal
// stores for these loops (checked with objdump: vmovupd, no vmovntpd), and the loops are kept
// loops rather than a call to memcpy (which, above a size glibc chooses, stores non-temporally):
// the engine's kernels store ordinarily too, so a stored line is read first (the write-allocate)
// on both sides, and counting it on neither keeps the floor's bytes and the bandwidth's alike.

#include "stream.h"

#include "clock.h"

#include <omp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <sys/mman.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

// "32768K" (sysfs's cache sizes are in KiB or MiB) in bytes; 0 when unreadable.
std::size_t sysfs_size(const std::string& path)
{
    std::ifstream in(path);
    std::size_t value = 0;
    std::string unit;
    if (!(in >> value))
        return 0;
    in >> unit;
    const char u = unit.empty() ? 'B' : static_cast<char>(std::toupper(static_cast<unsigned char>(unit[0])));
    return u == 'K' ? value << 10 : u == 'M' ? value << 20 : u == 'G' ? value << 30 : value;
}

// Memory mapped but not touched, so that the first write places each page (first touch); asked
// for in 2 MiB pages as the engine's buffers are (Buffer), with 4 KiB pages where the kernel has none.
struct Unmap {
    std::size_t bytes;
    void operator()(double* p) const { munmap(p, bytes); }
};
using Mapping = std::unique_ptr<double, Unmap>;

Mapping map_untouched(std::size_t bytes)
{
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::runtime_error("mapping " + std::to_string(bytes) + " bytes for the bandwidth test failed: " +
                                 std::strerror(errno));
    madvise(p, bytes, MADV_HUGEPAGE);
    return Mapping(static_cast<double*>(p), Unmap{bytes});
}

bool stop(const CancelToken* cancel) { return cancel && cancel->cancelled(); }

// STREAM's NTIMES is 10 and it leaves the first repetition out of its figures (k starts at 1):
// the first pass is the one that meets cold TLBs and a team just woken. Here the first is left
// out too, and at least ten more are counted, for at least a second in all (a shared VM's
// bandwidth dips for tens of milliseconds at a time: a longer window holds more of its quiet
// moments), at most a hundred.
constexpr int kUncounted = 1;
constexpr int kAtLeastCounted = 10;
constexpr int kAtMostCounted = 100;
constexpr double kAtLeastSeconds = 1.0;

} // namespace

std::size_t last_level_cache_bytes()
{
    std::size_t largest = 0;
    for (int index = 0; index < 16; ++index) {
        const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
        std::ifstream type(dir + "/type");
        std::string t;
        if (!(type >> t))
            break;
        if (t != "Instruction")
            largest = std::max(largest, sysfs_size(dir + "/size"));
    }
    if (largest > 0)
        return largest;
    for (int name : {_SC_LEVEL4_CACHE_SIZE, _SC_LEVEL3_CACHE_SIZE, _SC_LEVEL2_CACHE_SIZE}) {
        const long v = sysconf(name);
        if (v > 0)
            return static_cast<std::size_t>(v);
    }
    return 0;
}

std::size_t stream_array_bytes()
{
    // STREAM's rule: each array at least four times all the last-level cache the run may use. A
    // guest sees one cache where the host may give each vCPU its own (here sysfs says 32 MiB shared
    // by both vCPUs, yet with 128 MiB arrays scale read part of its input from cache, 1.5 times
    // the bandwidth it showed with 256 MiB): count one per thread of the team.
    constexpr std::size_t kAtLeast = std::size_t{128} << 20, kAtMost = std::size_t{1} << 30;
    const auto threads = static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
    return std::clamp(4 * last_level_cache_bytes() * threads, kAtLeast, kAtMost);
}

StreamBandwidth measure_stream(std::size_t array_bytes, const CancelToken* cancel)
{
    StreamBandwidth out;
    if (stop(cancel))
        return out;
    const std::size_t n = std::max<std::size_t>(array_bytes / sizeof(double), 1024);
    const std::size_t bytes = n * sizeof(double);
    out.array_bytes = bytes;
    const auto count = static_cast<long>(n);
    Mapping ma = map_untouched(bytes), mb = map_untouched(bytes), mc = map_untouched(bytes);
    double* const a = ma.get();
    double* const b = mb.get();
    double* const c = mc.get();
    const double s = 3.0;

    // First touch in the kernels' own layout (each thread's static block is the one it streams
    // later); this region also starts the team, which the later regions reuse.
    int threads = 1;
#pragma omp parallel
    {
        if (omp_get_thread_num() == 0)
            threads = omp_get_num_threads();
#pragma omp for schedule(static)
        for (long i = 0; i < count; ++i) {
            a[i] = 1.0;
            b[i] = 2.0;
            c[i] = 0.0;
        }
    }
    double best_copy = 0, best_scale = 0, best_triad = 0, counted_s = 0;
    int counted = 0;
    for (int rep = 0; (counted < kAtLeastCounted || counted_s < kAtLeastSeconds) && counted < kAtMostCounted &&
                      !stop(cancel);
         ++rep) {
        double t0 = now_s();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < count; ++i)
            c[i] = a[i];
        const double copy = now_s() - t0;
        t0 = now_s();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < count; ++i)
            b[i] = s * c[i];
        const double scale = now_s() - t0;
        t0 = now_s();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < count; ++i)
            a[i] = b[i] + s * c[i];
        const double triad = now_s() - t0;
        if (rep < kUncounted)
            continue;
        counted_s += copy + scale + triad;
        best_copy = counted ? std::min(best_copy, copy) : copy;
        best_scale = counted ? std::min(best_scale, scale) : scale;
        best_triad = counted ? std::min(best_triad, triad) : triad;
        ++counted;
    }
    // The team's threads spin a while after the last region before they sleep (libgomp's
    // GOMP_SPINCOUNT: a worker kept running 7.5 ms after it here), and the next measurement is of
    // one core: let them settle first.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (counted > 0) {
        const auto moved = static_cast<double>(bytes);
        out.copy = 2 * moved / best_copy;
        out.scale = 2 * moved / best_scale;
        out.triad = 3 * moved / best_triad;
        out.threads = threads;
        out.repetitions = counted;
    }
    return out;
}

} // namespace chunkscope::detail

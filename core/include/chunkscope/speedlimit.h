// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the machine allows: memory bandwidth (STREAM-like copy and scale over all cores) and
// the single-core throughput of each function and kernel. From them, every run's floor.

#include "chunkscope/config.h"
#include "chunkscope/mechanisms.h"
#include "chunkscope/mpilink.h"
#include "chunkscope/observer.h"
#include "chunkscope/pythoncosts.h"

#include <vector>

namespace chunkscope {

struct KernelThroughput {
    Function function = Function::Exp;
    Kernel kernel = Kernel::Simd;
    double ns_per_item = 0;   // one core, intensity 1, data in cache
};

struct SpeedLimits {
    double copy_bandwidth = 0;   // bytes per second, read + write, all cores
    double scale_bandwidth = 0;  // bytes per second, read + write, all cores
    int threads = 0;             // threads the bandwidth was measured with
    std::size_t bytes = 0;       // size of each array the bandwidth was measured on
    std::vector<KernelThroughput> throughput;
    MechanismCosts mechanisms;   // what forks, pipes, pages and threads cost (the strategies' own floors)
    std::vector<MpiLink> mpi_links;  // MPI's alpha and beta where measured (machine --mpi): the mpi floors
    PythonCosts python;          // the tutorial's mechanisms, where measured (machine, --floors): the py floors

    double bandwidth() const { return copy_bandwidth > scale_bandwidth ? copy_bandwidth : scale_bandwidth; }
    double ns_per_item(Function f, Kernel k) const;
};

// Takes about a second. array_bytes: each of the two arrays of the bandwidth test (choose it
// well above the last-level cache). Returns what was measured before a cancellation.
SpeedLimits measure_speed_limits(std::size_t array_bytes = std::size_t{128} << 20, const CancelToken* cancel = nullptr);

// The fastest this run could possibly be: the larger of the bytes it must move (read the input,
// write the output) over the bandwidth and its arithmetic over the cores it may use.
// 0 when the limits hold no figure for the run's function and kernel.
double floor_seconds(const RunConfig& config, const SpeedLimits& limits, int logical_cores);

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the machine allows: memory bandwidth (STREAM's copy, scale and triad under OpenMP over all
// cores) and the single-core throughput of each function and kernel. From them, every run's floor.
//
// Bytes are counted as STREAM counts them, in the bandwidths and in the floors alike: what a loop
// reads and writes (copy c = a and scale b = s * c: 2 x 8 bytes an item; triad a = b + s * c: 3 x 8;
// y = f(x): 2 x 8), not the write-allocate read of each line it stores (an ordinary, not
// non-temporal, store reads its line first: the bandwidth kernels and the engine's kernels both
// store ordinarily, so both move 24 bytes an item for the 16 counted, and the ratio holds).

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
    double copy_bandwidth = 0;   // bytes per second, read + written (not the write-allocate), all cores
    double scale_bandwidth = 0;  // bytes per second, read + written (not the write-allocate), all cores
    double triad_bandwidth = 0;  // the same for STREAM's triad (two loads, one store): for reference
    int threads = 0;             // threads the bandwidth was measured with (the OpenMP team)
    std::size_t bytes = 0;       // size of each of the three arrays the bandwidth was measured on
    std::size_t last_level_cache_bytes = 0;  // the largest cache, as Linux reports it (0: unknown)
    int repetitions = 0;         // timed repetitions of each kernel whose best is taken
    std::vector<KernelThroughput> throughput;
    MechanismCosts mechanisms;   // what forks, pipes, pages and threads cost (the strategies' own floors)
    std::vector<MpiLink> mpi_links;  // MPI's alpha and beta where measured (machine --mpi): the mpi floors
    PythonCosts python;          // the tutorial's mechanisms, where measured (machine, --floors): the py floors
    DaskClusterCosts dask;       // a Dask cluster's costs, where measured (machine --dask, --floors): its floors

    // The floor's bandwidth: the better of copy and scale, the two kernels that move what y = f(x)
    // moves (one load stream, one store stream). floor_kernel() names which one it is.
    double bandwidth() const { return copy_bandwidth > scale_bandwidth ? copy_bandwidth : scale_bandwidth; }
    const char* floor_kernel() const { return copy_bandwidth > scale_bandwidth ? "copy" : "scale"; }
    double ns_per_item(Function f, Kernel k) const;
};

// Each array of the bandwidth test: four times the last-level cache for each thread of the team
// (a VM's vCPUs may each sit on their own cache of the host's), at least 128 MiB, at most 1 GiB.
std::size_t stream_array_bytes();

// Takes two to three seconds. array_bytes: each of the three arrays of the bandwidth test (choose
// it well above the last-level cache). The bandwidth takes each kernel's best of at least ten
// repetitions and one second of them (at most a hundred), after one left out as STREAM does.
// Returns what was measured before a cancellation (seen between repetitions).
SpeedLimits measure_speed_limits(std::size_t array_bytes = stream_array_bytes(), const CancelToken* cancel = nullptr);

// The fastest this run could possibly be: the larger of the bytes it must move (read the input,
// write the output) over the bandwidth and its arithmetic over the cores it may use.
// 0 when the limits hold no figure for the run's function and kernel.
double floor_seconds(const RunConfig& config, const SpeedLimits& limits, int logical_cores);

} // namespace chunkscope

#pragma once
// Facts about the machine that go with every result.

#include <cstddef>
#include <string>
#include <vector>

namespace chunkscope {

struct MachineInfo {
    std::string cpu_model;
    int logical_cores = 0;
    std::size_t memory_total_bytes = 0;
    std::size_t memory_available_bytes = 0;
    std::string os;            // kernel name and release
    std::string compiler;      // e.g. "GCC 12.2.0"
    std::string build_flags;   // flags of the kernels' translation unit and build type
    std::string tbb_version;
    std::string libc_version;
    std::string chunkscope_version;
    // The machine's state when the report was made, where Linux says (empty / negative: unknown).
    std::string governor;        // cpufreq scaling governor of the CPUs ("performance", "powersave", ...)
    std::string boost;           // turbo / boost: "on", "off", or empty when Linux does not say
    double load_average = -1;    // the 1-minute load average
};

MachineInfo machine_info();
// Logical cores this process may use (at least 1).
int logical_cores();
// MemAvailable from /proc/meminfo, in bytes (0 if unknown).
std::size_t available_memory_bytes();
// Free space for POSIX shared memory (the tmpfs at /dev/shm), in bytes (0 if unknown).
std::size_t shared_memory_available_bytes();
// Reasons the next measurements may not be trustworthy: a CPU frequency governor other than
// "performance", or other load running (the 1-minute load average). Empty when none is seen.
std::vector<std::string> measurement_warnings();

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
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
// The same reasons, from a report's machine state (its governor, load and cores): a run made
// under them was noisy, and its report says so in a note. Load counts as other load above
// half the logical cores (a run uses them all, so anything more competes with it).
std::vector<std::string> machine_state_warnings(const MachineInfo& m);
// The machine's state in one line, for footers, reports and tables: "governor performance,
// boost on, load 0.42 on 2 cores when the run started"; what Linux does not say reads "not
// reported by Linux" (a VM often has no cpufreq).
std::string describe_machine_state(const MachineInfo& m);
// The cpufreq governors of the CPUs ("performance"; several distinct ones joined with " + "),
// boost ("on", "off") and the 1-minute load average, as machine_info() fills them in.
std::string cpu_governor();
std::string cpu_boost();
double load_average();

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/machine.h"

#include "parsetext.h"

#include <oneapi/tbb/version.h>

#include <gnu/libc-version.h>
#include <sched.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

#ifndef CHUNKSCOPE_VERSION
#define CHUNKSCOPE_VERSION "unknown"
#endif
#ifndef CHUNKSCOPE_BUILD_FLAGS
#define CHUNKSCOPE_BUILD_FLAGS "unknown"
#endif

namespace chunkscope {

namespace {

// The value after "key:" on the first line of a /proc file that starts with key.
std::string proc_field(const char* path, std::string_view key)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto colon = line.find(':');
        if (colon != std::string::npos && detail::trim(std::string_view(line).substr(0, colon)) == key)
            return std::string(detail::trim(std::string_view(line).substr(colon + 1)));
    }
    return {};
}

// A /proc/meminfo line "MemTotal:       16318480 kB", in bytes (0 if absent).
std::size_t meminfo_bytes(std::string_view key)
{
    std::istringstream value(proc_field("/proc/meminfo", key));
    std::size_t amount = 0;
    std::string unit;
    if (!(value >> amount))
        return 0;
    value >> unit;
    return unit == "kB" ? amount * 1024 : amount;
}

std::string cpu_model()
{
    // x86 says "model name"; some ARM kernels say "Hardware" or "Model" instead.
    for (const std::string_view key : {"model name", "Hardware", "Model"}) {
        std::string model = proc_field("/proc/cpuinfo", key);
        if (!model.empty())
            return model;
    }
    return "unknown";
}

std::string compiler()
{
#if defined(__clang__)
    return "Clang " + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
           std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
    return "GCC " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
           std::to_string(__GNUC_PATCHLEVEL__);
#else
    return "unknown";
#endif
}

std::string os_name()
{
    utsname u{};
    if (uname(&u) != 0)
        return "unknown";
    return std::string(u.sysname) + " " + u.release;
}

} // namespace

int logical_cores()
{
    // The affinity mask, not the machine's count: taskset and cgroup cpusets shrink it.
    for (int cpus = CPU_SETSIZE; cpus <= (1 << 16); cpus *= 2) {
        cpu_set_t* set = CPU_ALLOC(cpus);
        if (set == nullptr)
            break;
        const std::size_t bytes = CPU_ALLOC_SIZE(cpus);
        CPU_ZERO_S(bytes, set);
        const int rc = sched_getaffinity(0, bytes, set);
        const int count = rc == 0 ? CPU_COUNT_S(bytes, set) : 0;
        CPU_FREE(set);
        if (rc == 0 && count > 0)
            return count;
        if (rc != 0 && errno != EINVAL)   // EINVAL: the mask is larger than this set
            break;
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

std::size_t available_memory_bytes() { return meminfo_bytes("MemAvailable"); }

std::size_t shared_memory_available_bytes()
{
    // shm_open's segments are files of the tmpfs at /dev/shm (glibc's choice on Linux).
    struct statvfs fs {};
    if (statvfs("/dev/shm", &fs) != 0)
        return 0;
    return static_cast<std::size_t>(fs.f_bavail) * static_cast<std::size_t>(fs.f_frsize);
}

MachineInfo machine_info()
{
    MachineInfo m;
    m.cpu_model = cpu_model();
    m.logical_cores = logical_cores();
    m.memory_total_bytes = meminfo_bytes("MemTotal");
    if (m.memory_total_bytes == 0) {
        const long pages = sysconf(_SC_PHYS_PAGES);
        const long page_size = sysconf(_SC_PAGE_SIZE);
        if (pages > 0 && page_size > 0)
            m.memory_total_bytes = static_cast<std::size_t>(pages) * static_cast<std::size_t>(page_size);
    }
    m.memory_available_bytes = available_memory_bytes();
    m.os = os_name();
    m.compiler = compiler();
    m.build_flags = CHUNKSCOPE_BUILD_FLAGS;
    m.tbb_version = TBB_runtime_version();
    m.libc_version = gnu_get_libc_version();
    m.chunkscope_version = CHUNKSCOPE_VERSION;
    m.governor = cpu_governor();
    m.boost = cpu_boost();
    m.load_average = load_average();
    return m;
}

std::string cpu_governor()
{
    std::vector<std::string> seen;
    for (int cpu = 0;; ++cpu) {
        const std::string dir = "/sys/devices/system/cpu/cpu" + std::to_string(cpu);
        if (access(dir.c_str(), F_OK) != 0)
            break;
        std::ifstream in(dir + "/cpufreq/scaling_governor");
        std::string g;
        if (in >> g && std::find(seen.begin(), seen.end(), g) == seen.end())
            seen.push_back(g);
    }
    std::string out;
    for (const std::string& g : seen)
        out += (out.empty() ? "" : " + ") + g;
    return out;
}

std::string cpu_boost()
{
    int v = -1;
    if (std::ifstream in("/sys/devices/system/cpu/cpufreq/boost"); in >> v)
        return v ? "on" : "off";
    if (std::ifstream in("/sys/devices/system/cpu/intel_pstate/no_turbo"); in >> v)
        return v ? "off" : "on";
    return {};
}

double load_average()
{
    std::ifstream in("/proc/loadavg");
    double load = -1;
    if (!(in >> load) || !std::isfinite(load) || load < 0)
        return -1;
    return load;
}

std::string describe_machine_state(const MachineInfo& m)
{
    std::string out;
    if (m.governor.empty() && m.boost.empty())
        out = "CPU governor and boost not reported by Linux";
    else
        out = "governor " + (m.governor.empty() ? std::string("not reported by Linux") : m.governor) + ", boost " +
              (m.boost.empty() ? std::string("not reported by Linux") : m.boost);
    if (m.load_average < 0) {
        out += ", load not reported by Linux";
    } else {
        std::ostringstream os;
        os.precision(2);
        os << std::fixed << ", load " << m.load_average;
        if (m.logical_cores > 0)
            os << " on " << m.logical_cores << (m.logical_cores == 1 ? " core" : " cores");
        os << " when the run started";
        out += os.str();
    }
    return out;
}

std::vector<std::string> machine_state_warnings(const MachineInfo& m)
{
    std::vector<std::string> out;
    if (!m.governor.empty() && m.governor != "performance")
        out.push_back("the CPU frequency governor is \"" + m.governor +
                      "\", not \"performance\": clock speeds may change during the runs");
    const int cores = std::max(1, m.logical_cores);
    if (m.load_average >= 0 && m.load_average > 0.5 * cores) {
        std::ostringstream os;
        os.precision(2);
        os << std::fixed << "other load is running (load average " << m.load_average << " on " << cores
           << " cores): timings will be noisy";
        out.push_back(os.str());
    }
    return out;
}

std::vector<std::string> measurement_warnings()
{
    MachineInfo now;
    now.governor = cpu_governor();
    now.load_average = load_average();
    now.logical_cores = logical_cores();
    return machine_state_warnings(now);
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helpers, read from /proc and /dev/shm: the processes below this one or another, a
// process group's members, our shared-memory entries, and waiting for a condition to hold.

#include <dirent.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <ios>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace chunkscope::support {

struct ProcessEntry {
    pid_t pid = 0;
    pid_t ppid = 0;
    pid_t pgrp = 0;
    char state = '?';     // 'Z': a zombie, ended but not reaped yet
    std::string cmdline;  // every word, each followed by '\0'
};

// Every process in /proc.
inline std::vector<ProcessEntry> processes()
{
    std::vector<ProcessEntry> list;
    DIR* d = opendir("/proc");
    if (!d)
        return list;
    while (const dirent* e = readdir(d)) {
        char* end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (pid <= 0 || *end != '\0')
            continue;
        const std::string dir = "/proc/" + std::string(e->d_name);
        std::ifstream in(dir + "/stat");
        std::string stat;
        if (!std::getline(in, stat))
            continue;   // it ended meanwhile
        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        const auto close = stat.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(stat.substr(close + 1));
        ProcessEntry p;
        p.pid = static_cast<pid_t>(pid);
        rest >> p.state >> p.ppid >> p.pgrp;
        if (!rest)
            continue;
        try {
            std::ifstream c(dir + "/cmdline");
            p.cmdline.assign(std::istreambuf_iterator<char>(c), std::istreambuf_iterator<char>());
        } catch (const std::ios_base::failure&) {
            continue;   // it ended between the two reads: libstdc++ throws on read()'s ESRCH
        }
        list.push_back(p);
    }
    closedir(d);
    return list;
}

// Processes whose parent is `parent` (zombies included: they are not reaped yet).
inline std::vector<pid_t> children_of(pid_t parent)
{
    std::vector<pid_t> out;
    for (const ProcessEntry& p : processes())
        if (p.ppid == parent)
            out.push_back(p.pid);
    return out;
}

// Every process below root (children, theirs, ...), parents first, zombies included.
inline std::vector<ProcessEntry> descendants(pid_t root = getpid())
{
    const std::vector<ProcessEntry> all = processes();
    std::vector<ProcessEntry> out;
    std::vector<pid_t> parents{root};
    for (std::size_t i = 0; i < parents.size(); ++i)
        for (const ProcessEntry& p : all)
            if (p.ppid == parents[i]) {
                out.push_back(p);
                parents.push_back(p.pid);
            }
    return out;
}

inline std::vector<pid_t> pids(const std::vector<ProcessEntry>& list)
{
    std::vector<pid_t> out;
    for (const ProcessEntry& p : list)
        out.push_back(p.pid);
    return out;
}

// The processes of group pgrp; zombies too unless living_only.
inline std::vector<pid_t> members_of_group(pid_t pgrp, bool living_only = false)
{
    std::vector<pid_t> out;
    for (const ProcessEntry& p : processes())
        if (p.pgrp == pgrp && !(living_only && p.state == 'Z'))
            out.push_back(p.pid);
    return out;
}

inline bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Entries of /dev/shm whose name starts with prefix (every entry for "").
inline std::vector<std::string> shm_entries(const std::string& prefix = "chunkscope")
{
    std::vector<std::string> out;
    if (DIR* d = opendir("/dev/shm")) {
        while (const dirent* e = readdir(d)) {
            const std::string name = e->d_name;
            if (name != "." && name != ".." && name.rfind(prefix, 0) == 0)
                out.push_back(name);
        }
        closedir(d);
    }
    return out;
}

// Polls pred every 20 ms until it holds (true) or limit has passed (false).
template <typename Pred>
bool wait_for(Pred pred, std::chrono::milliseconds limit)
{
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// No process is left below this one (zombies count) within limit.
inline bool nothing_left_below(std::chrono::milliseconds limit = std::chrono::seconds(2))
{
    return wait_for([] { return descendants().empty(); }, limit);
}

// No living process is left in group pgrp within limit.
inline bool group_gone(pid_t pgrp, std::chrono::milliseconds limit = std::chrono::seconds(2))
{
    return wait_for([&] { return members_of_group(pgrp, true).empty(); }, limit);
}

} // namespace chunkscope::support

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helpers beside processes.h: every descendant of a process (children, their children,
// ...), a process's name, and whether it still runs (a zombie has ended).

#include "support/processes.h"

#include <fstream>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace chunkscope::support {

// Descendants of root, parents before their children.
inline std::vector<pid_t> descendants_of(pid_t root)
{
    std::vector<pid_t> out;
    std::vector<pid_t> todo{root};
    while (!todo.empty()) {
        const pid_t parent = todo.back();
        todo.pop_back();
        for (pid_t child : children_of(parent)) {
            out.push_back(child);
            todo.push_back(child);
        }
    }
    return out;
}

// The process's command name (comm, at most 15 characters), or empty when it is gone.
inline std::string process_name(pid_t pid)
{
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(comm, name);
    return name;
}

// Whether pid exists and is not a zombie.
inline bool still_running(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return false;
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

// The descendants of this process that still run (not zombies).
inline std::set<pid_t> living_descendants()
{
    std::set<pid_t> out;
    for (pid_t pid : descendants_of(getpid()))
        if (still_running(pid))
            out.insert(pid);
    return out;
}

} // namespace chunkscope::support

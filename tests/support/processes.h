#pragma once
// Test helpers: the child processes of this process, and our shared-memory entries.

#include <dirent.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

namespace chunkscope::testing {

// Processes whose parent is `parent` (zombies included: they are not reaped yet).
inline std::vector<pid_t> children_of(pid_t parent)
{
    std::vector<pid_t> out;
    DIR* d = opendir("/proc");
    if (!d)
        return out;
    while (dirent* e = readdir(d)) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid <= 0)
            continue;
        std::ifstream stat("/proc/" + std::string(e->d_name) + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            continue;
        // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(line.substr(close + 1));
        char state = 0;
        pid_t ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent)
            out.push_back(pid);
    }
    closedir(d);
    return out;
}

// Entries of /dev/shm whose name starts with prefix.
inline std::vector<std::string> shm_entries(const std::string& prefix = "chunkscope")
{
    std::vector<std::string> out;
    if (DIR* d = opendir("/dev/shm")) {
        while (dirent* e = readdir(d))
            if (std::string(e->d_name).rfind(prefix, 0) == 0)
                out.emplace_back(e->d_name);
        closedir(d);
    }
    return out;
}

} // namespace chunkscope::testing

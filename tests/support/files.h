// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file under /tmp for one test, its name unique to this process, removed when the process ends.

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace chunkscope::support {

// The files temp_file() wrote, removed at the test process's exit.
struct TempFiles {
    std::vector<std::string> paths;
    ~TempFiles()
    {
        for (const std::string& p : paths)
            std::remove(p.c_str());
    }
};

// Writes text to /tmp/chunkscope-test-<pid>-<name> and returns the path.
inline std::string temp_file(const std::string& name, const std::string& text)
{
    static TempFiles written;
    const std::string path = "/tmp/chunkscope-test-" + std::to_string(getpid()) + "-" + name;
    std::ofstream(path) << text;
    written.paths.push_back(path);
    return path;
}

} // namespace chunkscope::support

#pragma once
// A file under /tmp for one test, its name unique to this process.

#include <fstream>
#include <string>

#include <unistd.h>

namespace chunkscope::support {

// Writes text to /tmp/chunkscope-test-<pid>-<name> and returns the path.
inline std::string temp_file(const std::string& name, const std::string& text)
{
    const std::string path = "/tmp/chunkscope-test-" + std::to_string(getpid()) + "-" + name;
    std::ofstream(path) << text;
    return path;
}

} // namespace chunkscope::support

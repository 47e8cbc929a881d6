#pragma once
// Finding the programs the engine starts (a Python interpreter, mpirun): a regular file we
// may execute, looked up on PATH as a shell would.

#include <cstdlib>
#include <sstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace chunkscope::detail {

inline bool is_file(const std::string& path)
{
    struct stat st {};
    return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

inline bool executable(const std::string& path) { return is_file(path) && ::access(path.c_str(), X_OK) == 0; }

// The first dir/name on PATH that is executable, or empty.
inline std::string on_path(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && executable(dir + "/" + name))
            return dir + "/" + name;
    return {};
}

} // namespace chunkscope::detail

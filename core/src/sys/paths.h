// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding the programs the engine starts (a Python interpreter, mpirun): a regular file we
// may execute, looked up on PATH as a shell would; and the files installed beside this program
// (its Python module, the MPI worker), relative to its own directory.

#include <climits>
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

// The directory of this process's executable (/usr/bin, build/app), or empty.
inline std::string self_dir()
{
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    const std::string exe = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string();
    const auto slash = exe.rfind('/');
    return slash == std::string::npos ? std::string() : exe.substr(0, slash);
}

// relative (from the install's bin directory, such as "../share/chunkscope/python/x.py") resolved
// against this program's directory, without "..", when it exists (else the path unresolved).
inline std::string beside_self(const std::string& relative)
{
    const std::string dir = self_dir();
    if (dir.empty())
        return {};
    const std::string path = dir + "/" + relative;
    char real[PATH_MAX];
    return ::realpath(path.c_str(), real) ? std::string(real) : path;
}

} // namespace chunkscope::detail

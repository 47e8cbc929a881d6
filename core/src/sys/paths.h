// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding the programs the engine starts (a Python interpreter, mpirun): a regular file we
// may execute, looked up on PATH as a shell would; and the files installed beside this program
// (its Python module, the MPI worker), relative to its own directory.

#include <climits>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

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

// Where an installed file (the Python module, the MPI worker) may be, each kind of place as its
// caller knows it; find_installed looks in this order, the same for every file:
struct InstalledFile {
    const char* env = nullptr;           // a variable naming it: when set, that is the answer
    std::vector<std::string> from_bin;   // relative to this program's directory, in this order
    std::string build;                   // the build tree's (or the sources') copy
    std::string installed;               // the configured install prefix's copy
};

// The first candidate that `found` accepts (a file, an executable, a directory: the caller's
// test), or empty: $env as given; then beside this program (an installed package's own copy,
// and a staged DESTDIR or moved install's, before any other on the machine); then the build
// tree's (a program run from its build tree has no copy beside it); the prefix's last.
template <class Found>
std::string find_installed(const InstalledFile& f, Found found)
{
    if (f.env)
        if (const char* given = std::getenv(f.env); given && *given)
            return given;
    for (const std::string& relative : f.from_bin)
        if (const std::string path = relative.empty() ? std::string() : beside_self(relative); found(path))
            return path;
    for (const std::string& path : {f.build, f.installed})
        if (!path.empty() && found(path))
            return path;
    return {};
}

} // namespace chunkscope::detail

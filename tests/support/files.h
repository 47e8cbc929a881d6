// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file under /tmp for one test, its name unique to this process, removed when the process ends.

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <csignal>

#include <sys/resource.h>
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

// While it lives, a write of this process past `bytes` fails with EFBIG, as on a full disk (SIGXFSZ
// ignored, so that the write returns instead of killing the test); the old limit and signal
// disposition come back when it goes.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigaction(SIGXFSZ, &ignore, &old_action_);
        getrlimit(RLIMIT_FSIZE, &old_limit_);
        rlimit small = old_limit_;
        small.rlim_cur = bytes;
        in_force_ = setrlimit(RLIMIT_FSIZE, &small) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &old_limit_);
        sigaction(SIGXFSZ, &old_action_, nullptr);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool in_force() const { return in_force_; }

private:
    struct sigaction old_action_ {};
    rlimit old_limit_{};
    bool in_force_ = false;
};

} // namespace chunkscope::support

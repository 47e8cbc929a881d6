// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/python.h"
#include "paths.h"

#include "pythonserver.h"

#include <cstdlib>
#include <string>
#include <vector>
#include <map>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

// CHUNKSCOPE_PYTHON_MODULE_{SOURCE,FROM_BIN,INSTALLED}: where the module is, from
// core/CMakeLists.txt.

namespace chunkscope {

using detail::executable;
using detail::is_file;
using detail::on_path;

namespace {

std::mutex g_mutex;
std::string g_chosen;

// Whether `path -c "import numpy"` succeeds: run without a shell, output discarded.
bool has_numpy(const std::string& path)
{
    if (!executable(path))
        return false;
    const pid_t pid = fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        execl(path.c_str(), path.c_str(), "-c", "import numpy", static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

void set_python_interpreter(const std::string& path)
{
    std::lock_guard lock(g_mutex);
    g_chosen = path;
}

std::string python_interpreter()
{
    {
        std::lock_guard lock(g_mutex);
        if (!g_chosen.empty())
            return g_chosen;
    }
    static const std::string found = [] {
        std::vector<std::string> candidates;
        if (const char* env = std::getenv("CHUNKSCOPE_PYTHON"); env && *env)
            candidates.emplace_back(env);
        candidates.emplace_back("/usr/bin/python3");
        candidates.push_back(on_path("python3"));
        for (const std::string& c : candidates)
            if (has_numpy(c))
                return c;
        return std::string("/usr/bin/python3");
    }();
    return found;
}

std::string python_module_path()
{
    // An installed program finds the module installed with it (relative to its own directory,
    // so a staged or relocated install works too), a build tree's program its sources' copy,
    // and the configured prefix's copy comes last.
    const detail::InstalledFile module{"CHUNKSCOPE_PYTHON_MODULE", {CHUNKSCOPE_PYTHON_MODULE_FROM_BIN},
                                       CHUNKSCOPE_PYTHON_MODULE_SOURCE, CHUNKSCOPE_PYTHON_MODULE_INSTALLED};
    const std::string found = detail::find_installed(module, is_file);
    // None there: the one a build tree would use, to say what is missing.
    return !found.empty() ? found : module.build.empty() ? module.installed : module.build;
}

const PythonProbe& python_probe()
{
    static std::mutex mutex;
    static std::map<std::string, PythonProbe> probes;
    const std::string interpreter = python_interpreter();
    std::lock_guard lock(mutex);
    if (const auto it = probes.find(interpreter); it != probes.end())
        return it->second;
    PythonProbe p;
    p.interpreter = interpreter;
    detail::PythonServer server;
    if (!server.start_tutorial()) {
        p.error = server.error();
    } else {
        const auto& h = server.hello();
        const auto text = [&](const char* key) {
            return h.contains(key) && h[key].is_string() ? h[key].get<std::string>() : std::string();
        };
        p.ok = true;
        p.python = text("python");
        p.numpy = text("numpy");
        p.numexpr = text("numexpr");
        p.numba = text("numba");
        p.numexpr_error = text("numexpr_error");
        p.numba_error = text("numba_error");
        p.joblib = text("joblib");
        p.joblib_error = text("joblib_error");
        p.dask = text("dask");
        p.dask_error = text("dask_error");
        p.distributed = text("distributed");
        p.distributed_error = text("distributed_error");
        server.stop();
    }
    return probes.emplace(interpreter, std::move(p)).first->second;
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#include "pythonserver.h"

#include "chunkscope/python.h"
#include "paths.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <vector>

#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

// Every /dev/shm entry whose name starts with prefix: the segments of py-shm and the folders
// joblib memory-maps py-joblib's parts from (the module names both with the prefix).
void remove_segments(const std::string& prefix)
{
    if (prefix.empty())
        return;
    DIR* d = opendir("/dev/shm");
    if (!d)
        return;
    std::vector<std::string> folders;
    while (const dirent* e = readdir(d)) {
        if (!std::string_view(e->d_name).starts_with(prefix))
            continue;
        if (e->d_type == DT_DIR)
            folders.emplace_back(e->d_name);
        else
            shm_unlink(std::string("/").append(e->d_name).c_str());
    }
    closedir(d);
    std::error_code ignored;
    for (const std::string& folder : folders)
        std::filesystem::remove_all(std::filesystem::path("/dev/shm") / folder, ignored);
}

std::string text_of(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The named POSIX semaphores (/dev/shm/sem.*) that the processes of group pgid have mapped, by
// inode: the process that made one maps it under glibc's temporary name, since unlinked, so only
// the inode tells which name it has now. Python's multiprocessing unlinks those of the spawn start
// method (Dask's Nanny starts its workers so) only in the process that made them or in its
// resource tracker, and a SIGKILL of the group ends both: read before the kill, removed after it
// (remove_semaphores).
std::vector<ino_t> group_semaphores(pid_t pgid)
{
    std::vector<ino_t> found;
    if (pgid <= 0)
        return found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid = entry.path().filename().string();
        if (pid.empty() || !std::all_of(pid.begin(), pid.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        // /proc/P/stat: "pid (comm) state ppid pgrp ...", comm may hold spaces and parentheses.
        const std::string stat = text_of(entry.path() / "stat");
        const std::size_t close = stat.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream fields(stat.substr(close + 1));
        std::string state;
        long ppid = 0, pgrp = 0;
        if (!(fields >> state >> ppid >> pgrp) || pgrp != pgid)
            continue;
        // /proc/P/maps: "address perms offset dev inode path"
        std::istringstream maps(text_of(entry.path() / "maps"));
        for (std::string line; std::getline(maps, line);) {
            if (line.find(" /dev/shm/sem.") == std::string::npos)
                continue;
            std::istringstream mapping(line);
            std::string address, perms, offset, dev;
            unsigned long long inode = 0;
            if (mapping >> address >> perms >> offset >> dev >> inode && inode != 0 &&
                std::find(found.begin(), found.end(), static_cast<ino_t>(inode)) == found.end())
                found.push_back(static_cast<ino_t>(inode));
        }
    }
    return found;
}

// The /dev/shm/sem.* entries whose inode is one of inodes.
void remove_semaphores(const std::vector<ino_t>& inodes)
{
    if (inodes.empty())
        return;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/shm", ec)) {
        struct stat st {};
        if (entry.path().filename().string().starts_with("sem.") && ::lstat(entry.path().c_str(), &st) == 0 &&
            std::find(inodes.begin(), inodes.end(), st.st_ino) != inodes.end())
            std::filesystem::remove(entry.path(), ec);
    }
}

std::string next_prefix()
{
    static std::atomic<unsigned> counter{0};
    return "chunkscope-py-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-";
}

} // namespace

bool PythonServer::start(const std::string& interpreter, const std::string& module)
{
    stop();
    error_.clear();
    prefix_ = next_prefix();
    if (!child_.spawn({interpreter, "-u", module, "serve", "--shm-prefix", prefix_}, "the Python interpreter " + interpreter,
                      error_)) {
        if (error_.starts_with("cannot start"))
            error_ += " (choose one with --python, or install python3: apt-get install python3-numpy)";
        return false;
    }
    const auto hello = next(nullptr);
    if (!hello || hello->value("type", "") != "hello") {
        if (hello)
            error_ = "the Python module did not greet as the protocol says: " + hello->dump();
        kill();
        return false;
    }
    hello_ = *hello;
    return true;
}

bool PythonServer::start_tutorial()
{
    const std::string module = python_module_path();
    if (!is_file(module)) {
        error_ = "the tutorial's Python module is missing (looked for " + module +
                 "; set CHUNKSCOPE_PYTHON_MODULE to its path)";
        return false;
    }
    return start(python_interpreter(), module);
}

bool PythonServer::send(const nlohmann::json& request)
{
    if (child_.send(request))
        return true;
    error_ = death();
    kill();
    return false;
}

std::optional<nlohmann::json> PythonServer::next(const std::atomic<bool>* cancel)
{
    const JsonLineChild::Next got = child_.next_line(cancel);
    if (got.got == JsonLineChild::Got::line) {
        try {
            return nlohmann::json::parse(got.line);
        } catch (const nlohmann::json::exception&) {
            error_ = "the Python interpreter printed something that is not the protocol: \"" + got.line.substr(0, 200) +
                     "\"";
        }
    } else {
        error_ = got.got == JsonLineChild::Got::cancelled ? "cancelled" : death();
    }
    kill();
    return std::nullopt;
}

std::string PythonServer::death()
{
    child_.settle(2000);
    std::string tail = child_.said();
    std::replace(tail.begin(), tail.end(), '\n', ' ');
    while (!tail.empty() && tail.back() == ' ')
        tail.pop_back();
    return "the Python interpreter " + child_.how_it_ended() + (tail.empty() ? std::string() : "; it said: " + tail);
}

void PythonServer::kill()
{
    const std::vector<ino_t> semaphores = group_semaphores(child_.group());
    child_.kill();
    remove_segments(prefix_);
    remove_semaphores(semaphores);
}

void PythonServer::stop()
{
    if (child_.running() && child_.send_line(R"({"op":"quit"})"))
        child_.reap(1000);
    if (child_.running() || child_.reaped())
        kill();
}

} // namespace chunkscope::detail

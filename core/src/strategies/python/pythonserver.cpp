// SPDX-License-Identifier: GPL-3.0-or-later
#include "pythonserver.h"

#include "chunkscope/python.h"
#include "paths.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

#include <dirent.h>
#include <sys/mman.h>
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
    child_.kill();
    remove_segments(prefix_);
}

void PythonServer::stop()
{
    if (child_.running() && child_.send_line(R"({"op":"quit"})"))
        child_.reap(1000);
    if (child_.running() || child_.reaped())
        kill();
}

} // namespace chunkscope::detail

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One interpreter running chunkscope_tutorial.py serve, spoken to in JSON lines. It runs in a
// process group of its own, so that killing the group ends it and every pool worker; its
// shared-memory segments carry a prefix of ours, so that they can be removed even after a
// SIGKILL.

#include "jsonlinechild.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <optional>
#include <string>

namespace chunkscope::detail {

class PythonServer {
public:
    PythonServer() = default;
    ~PythonServer() { stop(); }
    PythonServer(const PythonServer&) = delete;
    PythonServer& operator=(const PythonServer&) = delete;

    // Starts the interpreter and reads its hello; false (and error()) when it cannot.
    bool start(const std::string& interpreter, const std::string& module);
    // The same on the chosen interpreter and the tutorial's module (python.h), saying where the
    // module was looked for when it is missing.
    bool start_tutorial();
    bool running() const { return child_.running(); }
    const nlohmann::json& hello() const { return hello_; }
    const std::string& error() const { return error_; }

    bool send(const nlohmann::json& request);
    // The next reply; nothing when cancelled (the interpreter is then killed), when the
    // interpreter died or printed something that is not the protocol (error() says which).
    std::optional<nlohmann::json> next(const std::atomic<bool>* cancel);

    // Asks it to quit, then kills the group if it does not within a second; removes segments.
    void stop();
    // Kills the group now, reaps it and removes its segments.
    void kill();

private:
    std::string death();

    JsonLineChild child_{2000};   // the last 2000 bytes of stderr: a dying interpreter's last words
    std::string prefix_;
    nlohmann::json hello_;
    std::string error_;
};

} // namespace chunkscope::detail

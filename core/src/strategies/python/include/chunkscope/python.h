// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tutorial's own Python, run by the engine: which interpreter (the one that has numpy, or
// the user's choice), where the module is, and what that interpreter can import.

#include <optional>
#include <string>

namespace chunkscope {

// The user's choice (the CLI's --python, the window's setting); empty: find one.
void set_python_interpreter(const std::string& path);
// The chosen interpreter, else the first of $CHUNKSCOPE_PYTHON, /usr/bin/python3 and the
// python3 on PATH that can import numpy (else /usr/bin/python3, to say what is missing).
std::string python_interpreter();
// core/python/chunkscope_tutorial.py: $CHUNKSCOPE_PYTHON_MODULE as given, else the copy installed
// relative to the running program (../share/chunkscope/python), else the sources' (a build
// tree's), else the install prefix's (paths.h's find_installed).
std::string python_module_path();

// What the interpreter reported when started (its hello), cached per interpreter.
struct PythonProbe {
    bool ok = false;           // the module started: Python and numpy are there
    std::string error;         // why not, when not
    std::string interpreter;
    std::string python, numpy, numexpr, numba, joblib, dask;   // versions; empty when missing
    std::string numexpr_error, numba_error, joblib_error, dask_error;
    std::string distributed, distributed_error;   // dask.distributed (py-dask-cluster, ...)
};
const PythonProbe& python_probe();

// What is wrong with a Dask scheduler's address (RunConfig::dask_scheduler): not tcp://HOST:PORT,
// or nothing answers a TCP connection there within timeout_ms; nothing when it answers.
std::optional<std::string> dask_scheduler_problem(const std::string& address, int timeout_ms = 3000);
// Its form only (no connection: the window checks it as it is typed).
std::optional<std::string> dask_scheduler_form_problem(const std::string& address);

} // namespace chunkscope

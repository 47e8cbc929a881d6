// SPDX-License-Identifier: GPL-3.0-or-later
// The Python half of "one place per fact": the registry says which strategies are the tutorial's
// Python and which knobs each takes; the module (core/python/chunkscope_tutorial/strategies.py)
// says it again in STRATEGIES, and RUNNERS maps each to its run_* function. Asked of the module
// itself, with the interpreter the engine starts: every Python strategy of the registry has a
// runner there, and the two knob lists are the same.

#include "chunkscope/python.h"
#include "chunkscope/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>

#include <sys/wait.h>

using namespace chunkscope;

namespace {

// The module's table, as JSON: {"knobs": {strategy: [knob, ...]}, "runners": [strategy, ...]}
// (a strategy is listed among the runners when RUNNERS maps it to something callable).
const nlohmann::json& python_module_table()
{
    static const nlohmann::json table = [] {
        const std::string module = python_module_path();   // .../chunkscope_tutorial.py
        const std::string parent = module.substr(0, module.find_last_of('/'));
        setenv("CHUNKSCOPE_TEST_PACKAGE_PARENT", parent.c_str(), 1);
        const std::string code =
            "import json, os, sys\n"
            "sys.path.insert(0, os.environ['CHUNKSCOPE_TEST_PACKAGE_PARENT'])\n"
            "from chunkscope_tutorial import strategies as s\n"
            "print(json.dumps({'knobs': {k: list(v) for k, v in s.STRATEGIES.items()},\n"
            "                  'runners': sorted(k for k, f in s.RUNNERS.items() if callable(f))}))\n";
        const std::string command = "'" + python_interpreter() + "' -c \"" + code + "\"";
        std::string out;
        if (FILE* pipe = popen(command.c_str(), "r")) {
            std::array<char, 4096> buf{};
            while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
                out.append(buf.data(), n);
            const int status = pclose(pipe);
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
        }
        unsetenv("CHUNKSCOPE_TEST_PACKAGE_PARENT");
        return nlohmann::json::parse(out, nullptr, false);
    }();
    return table;
}

std::string python_knob_name(Knob k)
{
    switch (k) {
    case Knob::Workers: return "workers";
    case Knob::Splits: return "splits";
    case Knob::Chunksize: return "chunksize";
    case Knob::Pool: return "pool";
    case Knob::Partitioner: return "partitioner";
    case Knob::Schedule: return "schedule";
    case Knob::Memmap: return "memmap";
    case Knob::DaskScheduler: return "scheduler";
    }
    return "knob " + std::to_string(static_cast<int>(k));
}

// Not DaskScheduler: the request's "scheduler" is optional (absent: a LocalCluster), not in STRATEGIES.
constexpr std::array kPythonTableKnobs{Knob::Workers, Knob::Splits, Knob::Chunksize, Knob::Pool, Knob::Partitioner,
                                      Knob::Schedule, Knob::Memmap};

} // namespace

TEST(PythonTable, EveryPythonStrategyOfTheRegistryHasItsRunnerInTheModule)
{
    const nlohmann::json& table = python_module_table();
    ASSERT_TRUE(table.is_object() && table.contains("runners")) << "the module's table could not be read";
    const auto runners = table["runners"].get<std::set<std::string>>();
    std::set<std::string> python;
    for (const StrategyInfo& s : strategy_registry()) {
        if (!s.tutorial_python)
            continue;
        python.emplace(s.name);
        EXPECT_TRUE(runners.count(std::string(s.name)))
            << s.name << " is a Python strategy of the registry (tutorial_python) with no runner in the module: "
            << "add its run_* function and its RUNNERS entry in core/python/chunkscope_tutorial/strategies.py";
    }
    EXPECT_FALSE(python.empty());
    for (const std::string& name : runners)
        EXPECT_TRUE(python.count(name)) << name << " has a runner in the module but is no Python strategy of the registry";
}

TEST(PythonTable, TheModuleTakesTheRegistrysKnobsForEachPythonStrategy)
{
    const nlohmann::json& table = python_module_table();
    ASSERT_TRUE(table.is_object() && table.contains("knobs")) << "the module's table could not be read";
    const nlohmann::json& knobs = table["knobs"];
    std::set<std::string> python;
    for (const StrategyInfo& s : strategy_registry()) {
        if (!s.tutorial_python)
            continue;
        const std::string name(s.name);
        python.insert(name);
        std::set<std::string> registry;
        for (const Knob k : kPythonTableKnobs)
            if (s.uses(k))
                registry.insert(python_knob_name(k));
        ASSERT_TRUE(knobs.contains(name)) << name << " is missing from the module's STRATEGIES";
        const auto module = knobs[name].get<std::set<std::string>>();
        EXPECT_EQ(module, registry) << name << ": STRATEGIES in core/python/chunkscope_tutorial/strategies.py "
                                    << "and the registry's knobs (registry.cpp) differ";
    }
    for (const auto& [name, list] : knobs.items())
        EXPECT_TRUE(python.count(name)) << name << " is in the module's STRATEGIES but is no Python strategy of the registry";
}

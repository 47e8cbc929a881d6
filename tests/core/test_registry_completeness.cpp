// SPDX-License-Identifier: GPL-3.0-or-later
// The registry is complete (registry.h): every StrategyKind has exactly one entry, and every entry
// has all its facts: a way to make it, a description, its own-floor model (the function and the
// words, from its family's strategies/<family>/<family>facts.cpp) and its lesson. A strategy left
// without one fails here, instead of silently reading "not modelled" or showing no lesson.

#include "chunkscope/ownfloor.h"
#include "chunkscope/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace chunkscope {
namespace {

// Every enumerator of StrategyKind, by its name: a new one without its case here does not compile.
#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wswitch"
bool is_enumerator(StrategyKind kind)
{
    switch (kind) {
    case StrategyKind::Sequential:
    case StrategyKind::ForkItems:
    case StrategyKind::ForkSplit:
    case StrategyKind::ForkShm:
    case StrategyKind::Threads:
    case StrategyKind::Tbb:
    case StrategyKind::Omp:
    case StrategyKind::StdPar:
    case StrategyKind::PySequential:
    case StrategyKind::PyItems:
    case StrategyKind::PySplit:
    case StrategyKind::PyShm:
    case StrategyKind::PyThreads:
    case StrategyKind::PyNumexpr:
    case StrategyKind::PyNumba:
    case StrategyKind::PyFutures:
    case StrategyKind::PyJoblib:
    case StrategyKind::PyDask:
    case StrategyKind::PyDaskCluster:
    case StrategyKind::PyDaskDistributed:
    case StrategyKind::Mpi:
    case StrategyKind::MpiDistributed:
        return true;
    }
    return false;
}
#pragma GCC diagnostic pop

TEST(RegistryCompleteness, EveryEntryHasItsMakerDescriptionFloorModelAndLesson)
{
    ASSERT_FALSE(strategy_registry().empty());
    for (const StrategyInfo& s : strategy_registry()) {
        SCOPED_TRACE(std::string(s.name));
        EXPECT_FALSE(s.name.empty());
        EXPECT_FALSE(s.description.empty()) << "its description, for --help, tooltips and reports";
        EXPECT_NE(s.make, nullptr) << "its make: the strategy's implementation";
        ASSERT_NE(s.facts, nullptr) << "its facts, in its family's <family>facts.cpp";
        EXPECT_NE(s.facts->own_floor, nullptr) << "its own floor, in its family's <family>facts.cpp";
        EXPECT_FALSE(s.facts->floor_model.empty()) << "its own floor's model in words, in its family's <family>facts.cpp";
        EXPECT_FALSE(s.facts->lesson.empty()) << "its lesson, in its family's <family>facts.cpp";
        EXPECT_EQ(own_floor_model(s.kind), s.facts->floor_model) << "own_floor_model reads the entry";
    }
}

TEST(RegistryCompleteness, EveryStrategyKindIsRegisteredExactlyOnce)
{
    const auto registry = strategy_registry();
    std::size_t enumerators = 0;
    // StrategyKind's values run from 0 up; is_enumerator names each one.
    for (int i = 0; i < 256; ++i) {
        const auto kind = static_cast<StrategyKind>(i);
        if (!is_enumerator(kind))
            continue;
        ++enumerators;
        EXPECT_EQ(std::ranges::count(registry, kind, &StrategyInfo::kind), 1) << "StrategyKind value " << i;
    }
    EXPECT_EQ(registry.size(), enumerators) << "an entry of a kind that is no enumerator, or one twice";
    for (const StrategyInfo& s : registry)
        EXPECT_TRUE(is_enumerator(s.kind)) << s.name;
}

TEST(RegistryCompleteness, EveryNameIsRegisteredOnceAndAllStrategiesFollowTheRegistry)
{
    const auto registry = strategy_registry();
    for (const StrategyInfo& s : registry)
        EXPECT_EQ(std::ranges::count(registry, s.name, &StrategyInfo::name), 1) << s.name;
    const auto all = all_strategies();
    ASSERT_EQ(all.size(), registry.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        EXPECT_EQ(static_cast<int>(all[i]), static_cast<int>(registry[i].kind))
            << "all_strategies() in the registry's order, at " << i << " (" << registry[i].name << ")";
}

} // namespace
} // namespace chunkscope

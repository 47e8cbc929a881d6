#include "chunkscope/registry.h"

#include "chunkscope/strategy.h"
#include "forkstrategy.h"
#include "sequentialstrategy.h"
#include "tbbstrategy.h"
#include "threadstrategy.h"

#include <array>

namespace chunkscope {

namespace {

constexpr std::uint32_t knobs(std::initializer_list<Knob> list)
{
    std::uint32_t bits = 0;
    for (Knob k : list)
        bits |= 1U << static_cast<unsigned>(k);
    return bits;
}

template <typename S, StrategyKind Kind>
std::unique_ptr<Strategy> make()
{
    if constexpr (std::is_constructible_v<S, StrategyKind>)
        return std::make_unique<S>(Kind);
    else
        return std::make_unique<S>();
}

using Fork = detail::ForkStrategy;
using enum Knob;

const std::array<StrategyInfo, 6> kRegistry{{
    {.kind = StrategyKind::Sequential,
     .name = "sequential",
     .description = "one thread applies the function to the whole vector: the baseline",
     .memory = Memory::Private,
     .knobs = knobs({}),
     .make = make<detail::SequentialStrategy, StrategyKind::Sequential>},
    {.kind = StrategyKind::ForkItems,
     .name = "fork-items",
     .description = "like Pool.map(f, data, chunksize): forked worker processes get chunksize items per task "
                    "through a pipe and send the results back through a pipe",
     .memory = Memory::Private,
     .processes = true,
     .parts_are_items = true,
     .copies_tasks = true,
     .knobs = knobs({Workers, Chunksize, Pool}),
     .make = make<Fork, StrategyKind::ForkItems>},
    {.kind = StrategyKind::ForkSplit,
     .name = "fork-split",
     .description = "like the tutorial's split version: the vector is cut into splits parts, chunksize parts per "
                    "task travel to forked workers and back through pipes, and are joined in order",
     .memory = Memory::Private,
     .processes = true,
     .copies_tasks = true,
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .make = make<Fork, StrategyKind::ForkSplit>},
    {.kind = StrategyKind::ForkShm,
     .name = "fork-shm",
     .description = "as fork-split, but input and output live in shared memory: only task descriptors go through "
                    "pipes, no item is copied",
     .memory = Memory::Shared,
     .processes = true,
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .make = make<Fork, StrategyKind::ForkShm>},
    {.kind = StrategyKind::Threads,
     .name = "threads",
     .description = "like ThreadPool.map: threads pull chunksize parts per task from a shared queue and write the "
                    "results in place",
     .memory = Memory::Private,
     .knobs = knobs({Workers, Splits, Chunksize, Pool}),
     .make = make<detail::ThreadStrategy, StrategyKind::Threads>},
    {.kind = StrategyKind::Tbb,
     .name = "tbb",
     .description = "oneTBB parallel_for over the parts, grainsize = chunksize parts, in a task_arena of W threads",
     .memory = Memory::Private,
     .knobs = knobs({Workers, Splits, Chunksize, Partitioner}),
     .make = make<detail::TbbStrategy, StrategyKind::Tbb>},
}};

constexpr std::array kAllKinds{StrategyKind::Sequential, StrategyKind::ForkItems, StrategyKind::ForkSplit,
                               StrategyKind::ForkShm,    StrategyKind::Threads,   StrategyKind::Tbb};

} // namespace

std::span<const StrategyInfo> strategy_registry() { return kRegistry; }

const StrategyInfo& strategy_info(StrategyKind kind)
{
    for (const StrategyInfo& s : kRegistry)
        if (s.kind == kind)
            return s;
    return kRegistry.front();
}

Availability availability(StrategyKind kind)
{
    const StrategyInfo& s = strategy_info(kind);
    return s.check ? s.check() : Availability{};
}

std::string strategy_names()
{
    std::string text;
    for (const StrategyInfo& s : kRegistry)
        text.append(text.empty() ? "" : ", ").append(s.name);
    return text;
}

std::string_view to_string(StrategyKind s) { return strategy_info(s).name; }
std::string_view describe(StrategyKind s) { return strategy_info(s).description; }
std::span<const StrategyKind> all_strategies() { return kAllKinds; }

std::optional<StrategyKind> parse_strategy(std::string_view name)
{
    for (const StrategyInfo& s : kRegistry)
        if (s.name == name)
            return s.kind;
    return std::nullopt;
}

std::unique_ptr<Strategy> make_strategy(StrategyKind kind) { return strategy_info(kind).make(); }

} // namespace chunkscope

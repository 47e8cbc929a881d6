#include "chunkscope/config.h"

#include "chunkscope/memory.h"
#include "chunkscope/registry.h"
#include "names.h"

#include <array>

namespace chunkscope {

namespace {
constexpr std::array<std::string_view, 4> kPartitionerNames{"simple", "auto", "static", "affinity"};
constexpr std::array kPartitioners{Partitioner::Simple, Partitioner::Auto, Partitioner::Static, Partitioner::Affinity};
constexpr std::array kPools{PoolLifetime::Fresh, PoolLifetime::Warm};

} // namespace

std::string_view to_string(PoolLifetime p) { return p == PoolLifetime::Fresh ? "fresh" : "warm"; }
std::string_view to_string(Partitioner p) { return kPartitionerNames[static_cast<std::size_t>(p)]; }

std::span<const Partitioner> all_partitioners() { return kPartitioners; }
std::span<const PoolLifetime> all_pools() { return kPools; }

std::optional<PoolLifetime> parse_pool(std::string_view name) { return detail::find_named(kPools, name); }

std::optional<Partitioner> parse_partitioner(std::string_view name)
{
    return detail::find_named(kPartitioners, name);
}

std::size_t effective_splits(const RunConfig& c)
{
    const StrategyInfo& s = strategy_info(c.strategy);
    if (s.parts_are_items)
        return c.workload.size;
    return s.uses(Knob::Splits) ? c.splits : 1;
}

std::size_t effective_chunksize(const RunConfig& c)
{
    if (!strategy_info(c.strategy).uses(Knob::Chunksize))
        return 1;
    if (c.chunksize_auto) {
        // Python's multiprocessing rule: ceil(len(iterable) / (4 * processes)).
        const std::size_t parts = effective_splits(c);
        const std::size_t denom = 4 * static_cast<std::size_t>(c.workers < 1 ? 1 : c.workers);
        const std::size_t chunk = (parts + denom - 1) / denom;
        return chunk == 0 ? 1 : chunk;
    }
    return c.chunksize;
}

std::size_t task_count(const RunConfig& c)
{
    const std::size_t parts = effective_splits(c);
    const std::size_t chunk = effective_chunksize(c);
    return chunk == 0 ? 0 : (parts + chunk - 1) / chunk;
}

std::optional<std::string> validate(const RunConfig& c) { return validate(c, memory_budget()); }

std::optional<std::string> validate(const RunConfig& c, const MemoryBudget& m)
{
    const Workload& w = c.workload;
    if (w.size == 0)
        return std::string("size must be at least 1 item");
    if (w.size > kMaxAddressableItems)
        return "size " + std::to_string(w.size) + " is too large to address";
    if (w.intensity < 1 || w.intensity > kMaxIntensity)
        return "intensity must be a whole number from 1 to " + std::to_string(kMaxIntensity) + ", got " +
               std::to_string(w.intensity);
    if (const Availability a = availability(c.strategy); !a.available)
        return std::string(strategy_info(c.strategy).name) + " cannot run here: " + a.reason +
               (a.install.empty() ? std::string() : " (install with: " + a.install + ")");
    if (strategy_info(c.strategy).external && w.intensity != 1)
        return std::string(strategy_info(c.strategy).name) +
               " runs the tutorial's code, which evaluates the function once per item: intensity must be 1, got " +
               std::to_string(w.intensity);
    if (c.workers < 1 || c.workers > kMaxWorkers)
        return "workers must be from 1 to " + std::to_string(kMaxWorkers) + ", got " + std::to_string(c.workers);
    if (c.repeats < 1)
        return "repeats must be at least 1, got " + std::to_string(c.repeats);
    if (c.warmup < 0)
        return "warmup must be 0 or more, got " + std::to_string(c.warmup);
    const StrategyInfo& s = strategy_info(c.strategy);
    const bool uses_splits = s.uses(Knob::Splits);
    if (uses_splits && c.splits == 0)
        return std::string("splits must be at least 1");
    if (uses_splits && c.splits > w.size)
        return "splits (" + std::to_string(c.splits) + ") must not exceed the size (" + std::to_string(w.size) +
               "): every part needs at least one item";
    if (s.uses(Knob::Chunksize) && !c.chunksize_auto && c.chunksize == 0)
        return std::string("chunksize must be at least 1 (or auto)");
    return memory_problem(c, m);
}

} // namespace chunkscope

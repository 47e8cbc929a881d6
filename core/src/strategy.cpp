#include "chunkscope/strategy.h"

#include "forkstrategy.h"
#include "sequentialstrategy.h"
#include "tbbstrategy.h"
#include "threadstrategy.h"

namespace chunkscope {

std::size_t part_begin(std::size_t size, std::size_t parts, std::size_t p) noexcept
{
    if (parts == 0)
        return 0;
    const std::size_t base = size / parts;
    const std::size_t extra = size % parts;
    return p * base + (p < extra ? p : extra);
}

std::unique_ptr<Strategy> make_strategy(StrategyKind kind)
{
    switch (kind) {
    case StrategyKind::Sequential:
        return std::make_unique<detail::SequentialStrategy>();
    case StrategyKind::ForkItems:
    case StrategyKind::ForkSplit:
    case StrategyKind::ForkShm:
        return std::make_unique<detail::ForkStrategy>(kind);
    case StrategyKind::Threads:
        return std::make_unique<detail::ThreadStrategy>();
    case StrategyKind::Tbb:
        return std::make_unique<detail::TbbStrategy>();
    }
    return nullptr;
}

} // namespace chunkscope

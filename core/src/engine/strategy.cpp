// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/strategy.h"


namespace chunkscope {

std::size_t part_begin(std::size_t size, std::size_t parts, std::size_t p) noexcept
{
    if (parts == 0)
        return 0;
    const std::size_t base = size / parts;
    const std::size_t extra = size % parts;
    return p * base + (p < extra ? p : extra);
}

Strategy::CellRuns Strategy::run_cell(const RunConfig&, const std::function<void(double)>&, const std::atomic<bool>*)
{
    CellRuns runs;
    runs.status = Status::Failed;
    runs.error = "this strategy runs on the engine's data, one run at a time";
    return runs;
}

} // namespace chunkscope

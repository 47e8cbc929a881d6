// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/ownfloor.h"

#include "chunkscope/registry.h"

namespace chunkscope {

// Each strategy's model lives with its family (strategies/<family>/<family>facts.h), reached
// through its registry entry; every model builds on the machine floor.
OwnFloor own_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    if (floor_seconds(c, l, cores) <= 0)
        return {};
    return strategy_info(c.strategy).facts->own_floor(c, l, cores);
}

void set_floors(CellResult& r, const SpeedLimits& l, int cores)
{
    const OwnFloor own = own_floor(r.config, l, cores);
    r.floors.machine_s = floor_seconds(r.config, l, cores);
    r.floors.own_s = own.total_s;
    r.floors.own_phases = own.phases;
}

std::string_view own_floor_model(StrategyKind kind) { return strategy_info(kind).facts->floor_model; }

} // namespace chunkscope

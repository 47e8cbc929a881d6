// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Each strategy against its own limit: the fastest its mechanism allows on this machine, built
// from the measured costs (mechanisms.h) and the machine's bandwidth and kernel throughput
// (speedlimit.h). The machine floor asks "how far from what the hardware allows"; the own
// floor asks "how far from what pipes (or shared pages, or forks) allow".

#include "chunkscope/config.h"
#include "chunkscope/phases.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <string_view>

namespace chunkscope {

struct OwnFloor {
    Phases phases;        // each phase's floor (the phase bar draws them beside the measurement)
    double total_s = 0;   // the run's floor: phases that the design overlaps are not summed
    bool modelled() const { return total_s > 0; }
};

// A strategy's facts, kept by its family (core/src/strategies/<family>/<family>facts.cpp) and
// reached through its registry entry: its own floor, that model in words and its lesson.
struct StrategyFacts {
    OwnFloor (*own_floor)(const RunConfig&, const SpeedLimits&, int logical_cores) = nullptr;
    std::string_view floor_model;   // two lines, for --help, tooltips and machine --floors
    std::string_view lesson;        // where its time goes, for the window's notes
};

// Nothing (total 0) for a strategy without a model here, or limits without the figures.
OwnFloor own_floor(const RunConfig& config, const SpeedLimits& limits, int logical_cores);

// Sets result.floors from the limits: the machine floor and, where modelled, the own floor.
void set_floors(CellResult& result, const SpeedLimits& limits, int logical_cores);

// The model in two lines, for the README, --help and tooltips.
std::string_view own_floor_model(StrategyKind kind);

} // namespace chunkscope

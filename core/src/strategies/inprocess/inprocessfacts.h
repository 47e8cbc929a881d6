// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The in-process family's facts (sequential, threads, tbb, std-par): each strategy's own floor, that model
// in words (--help, tooltips, machine --floors) and its lesson, where its time goes (the window's
// notes). The registry entry of each strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

namespace chunkscope::facts {

extern const StrategyFacts kSequential;
extern const StrategyFacts kThreads;
extern const StrategyFacts kTbb;
extern const StrategyFacts kStdPar;

} // namespace chunkscope::facts

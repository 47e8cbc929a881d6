// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The fork family's facts (fork-items, fork-split, fork-shm): each strategy's own floor from the
// mechanisms measured here (mechanisms.h), that model in words (--help, tooltips, machine
// --floors) and its lesson, where its time goes (the window's notes). The registry entry of each
// strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

namespace chunkscope::facts {

extern const StrategyFacts kForkItems;
extern const StrategyFacts kForkSplit;
extern const StrategyFacts kForkShm;

} // namespace chunkscope::facts

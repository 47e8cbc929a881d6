// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Python family's facts (every py-* strategy): each strategy's own floor from the module's
// measured costs (pythoncosts.h), that model in words (--help, tooltips, machine --floors) and its
// lesson, where its time goes (the window's notes). The registry entry of each strategy points at
// them (registry.cpp).

#include "chunkscope/ownfloor.h"

namespace chunkscope::facts {

extern const StrategyFacts kPySequential;
extern const StrategyFacts kPyItems;
extern const StrategyFacts kPySplit;
extern const StrategyFacts kPyShm;
extern const StrategyFacts kPyThreads;
extern const StrategyFacts kPyNumexpr;
extern const StrategyFacts kPyNumba;
extern const StrategyFacts kPyFutures;
extern const StrategyFacts kPyJoblib;
extern const StrategyFacts kPyDask;
extern const StrategyFacts kPyDaskCluster;
extern const StrategyFacts kPyDaskDistributed;

} // namespace chunkscope::facts

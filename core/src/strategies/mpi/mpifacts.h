// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The MPI family's facts (mpi, mpi-distributed): each strategy's own floor from the network model
// (netmodel.h) on the link measured here (machine --mpi), that model in words (--help, tooltips,
// machine --floors) and its lesson, where its time goes (the window's notes). The registry entry
// of each strategy points at them (registry.cpp).

#include "chunkscope/ownfloor.h"

namespace chunkscope::facts {

extern const StrategyFacts kMpi;
extern const StrategyFacts kMpiDistributed;

} // namespace chunkscope::facts

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// chunkscope-cli's own tables, beside the reporters': compare's speedups, scale's speedups with
// the Amdahl fit, and machine's speed limits.

#include "chunkscope/machine.h"
#include "chunkscope/mpi.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/reporters.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <iosfwd>
#include <span>

namespace chunkscope::cli {

// compare, table format: how many times faster than sequential each strategy ran.
void write_speedups(std::ostream& os, std::span<const CellResult> results);
// scale, table format: speedup over sequential at each worker count, and the Amdahl fit; with
// a model, its prediction beside each point on the link measured here, and measured / model.
void write_scaling(std::ostream& os, std::span<const CellResult> results, const CellResult& sequential,
                   const ScaleModel* model = nullptr);
// machine: the speed limits (and, with --mpi, Open MPI's latency and bandwidth), as a table or
// as JSON under "machine".
void write_machine(std::ostream& os, Format format, const MachineInfo& m, const SpeedLimits& l,
                   const MpiLink* link = nullptr);

} // namespace chunkscope::cli

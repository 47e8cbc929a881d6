// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// chunkscope-cli's own tables, beside the reporters': compare's speedups, scale's speedups with
// the Amdahl fit, and machine's speed limits.

#include "chunkscope/machine.h"
#include "chunkscope/mpi.h"
#include "chunkscope/projection.h"
#include "chunkscope/reporters.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <iosfwd>
#include <span>
#include <string>

namespace chunkscope::cli {

// compare, table format: how many times faster than sequential each strategy ran.
void write_speedups(std::ostream& os, std::span<const CellResult> results);
// A model's predictions at the measured points, and what the model is, in words.
struct ModelBeside {
    std::span<const MeasuredPoint> points;
    std::string what;   // "the network model on the link measured here, 6 Gb/s, 20 µs"
};
// scale, table format: speedup over sequential at each worker count, and the Amdahl fit; with
// a model, its prediction beside each point, and measured / model.
void write_scaling(std::ostream& os, std::span<const CellResult> results, const CellResult& sequential,
                   const ModelBeside& model = {});
// machine: the speed limits (and, with --mpi, Open MPI's latency and bandwidth), as a table or
// as JSON under "machine".
void write_machine(std::ostream& os, Format format, const MachineInfo& m, const SpeedLimits& l,
                   const MpiLink* link = nullptr);

} // namespace chunkscope::cli

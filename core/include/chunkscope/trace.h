// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run's task events as Chrome trace-event JSON (ui.perfetto.dev and chrome://tracing open it).

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <iosfwd>

namespace chunkscope {

// {"traceEvents": [...]}: one "X" event per task (ts and dur in microseconds); for process
// strategies one pid per worker process, for threads one tid per thread of one process;
// the coordinator's startup and shutdown on a track of their own; names as "M" metadata.
void write_trace(std::ostream& os, const CellResult& result, const MachineInfo& machine);

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// chunkscope-cli's images (--png, --svg, --pdf): the sweep's heatmap, the charts of run, compare
// and scale, drawn by the window's chart classes (ui/charts) without a window, each with the
// machine's state when the runs started in its footer.

#include "commandline.h"

#include "chunkscope/observer.h"
#include "chunkscope/machine.h"
#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chunkscope::cli {

// Whether the command asked for any image.
bool wants_images(const CommandLine& cl);

// What the charts show besides the cells, and the machine when the runs started.
struct ChartInputs {
    const std::optional<SpeedLimits>& limits;      // measured after the runs (--floors, --color-by floor)
    const std::optional<CellResult>& sequential;   // scale: the baseline
    const std::optional<ScaleModel>& model;        // scale --project, an mpi strategy
    const std::optional<DaskScaleModel>& dask;     // scale --project, a Dask cluster ...
    const std::optional<TwinProjection>& twin;     // ... and its mpi twin's projection
    const MachineInfo& machine;                    // read before the runs
    const std::vector<std::string>& warnings;      // measurement_warnings() before the runs
    std::time_t started;
};

// Writes the images the command asked for, of the cells that finished; returns false, having
// said why on standard error, when one cannot be written. The heatmap coloured by speedup runs
// its sequential baseline first (cancel stops it).
bool write_images(const CommandLine& cl, std::span<const CellResult> finished, const ChartInputs& in,
                  const CancelToken* cancel, int argc, char** argv);

} // namespace chunkscope::cli

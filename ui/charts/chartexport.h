// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's charts as images, for the command-line tool (run, compare and scale with --png,
// --svg, --pdf): drawn by the same chart classes the window shows, written by imagewriter.h
// with its footer (the machine and its state when the runs started). The heatmap has its own
// export (heatmapexport.h). Needs a QApplication (see heatmapexport.h); no event loop.

#include "imagewriter.h"

#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QString>

#include <optional>
#include <vector>

namespace chunkscope::ui {

// Where an image goes and how it looks.
struct ChartImage {
    QString path;
    ImageFormat format = ImageFormat::Png;
    ImageSize size;
    FooterFacts facts;   // the footer's machine, date and warnings
};

// One run: its heading (the experiment and its median), its phases (PhaseChart, with floor as
// its second bar when given) and its tasks on the workers (TimelineView). A run with more workers
// than image.size has room for gets a taller picture (the same width), not lanes too small to read.
bool renderRun(const CellResult& cell, const std::optional<OwnFloor>& floor, const ChartImage& image,
               QString* error);

// compare: every strategy's median side by side (CompareChart), sequential first, with the
// floor line when limits are given.
bool renderCompare(const std::vector<CellResult>& cells, const std::optional<SpeedLimits>& limits, int logicalCores,
                   const ChartImage& image, QString* error);

// scale: speedup over baselineSeconds (the sequential run's median) at each worker count, the
// ideal line and the Amdahl curve fitted up to fitLimit workers (ScalingChart), with model's
// prediction and projection when given (an mpi strategy's), or dask's and its mpi twin's projection
// (a Dask cluster's).
bool renderScaling(double baselineSeconds, const std::vector<CellResult>& cells, int fitLimit,
                   const std::optional<ScaleModel>& model, const ChartImage& image, QString* error,
                   const std::optional<DaskScaleModel>& dask = std::nullopt,
                   const std::optional<TwinProjection>& twin = std::nullopt);

} // namespace chunkscope::ui

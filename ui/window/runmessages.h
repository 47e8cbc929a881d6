// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the status bar says about a run: while it goes, cell by cell, and when it ends; and what
// a comparison of the strategies or a scaling over workers found.

#include "chunkscope/config.h"
#include "chunkscope/results.h"

#include <QString>

#include <optional>

namespace chunkscope::ui {

class CompareChart;
class ResultsModel;
class ScalingChart;

// "Running…", with the measurement's warnings (a debug build, a busy machine) when there are any.
QString runningMessage();
// "Cell 3 of 64: splits 4 × chunksize 8", or the sequential baseline that an experiment of
// another strategy runs first.
QString cellStartedMessage(const RunConfig& config, StrategyKind experiment, int index, int total);
// A run: "Done: 12.3 ms (splits 4 × chunksize 8)." (lastRun, the cell it ran); a sweep: the
// cells of model's grid and the fastest of them.
QString runDoneMessage(const ResultsModel& model, const CellResult* lastRun, bool sweep);
// "2 cells failed. The first: …", or empty when none failed.
QString failedCellsMessage(const ResultsModel& model);
// "Compared: the fastest is threads (1.9×)." from the chart's speedups over sequential.
QString comparedMessage(const CompareChart& chart);
// "Scaled: serial fraction 0.123." from the chart's Amdahl fit.
QString scaledMessage(const ScalingChart& chart);

} // namespace chunkscope::ui

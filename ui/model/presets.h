// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tutorial's five experiments and the two fixes it recommends, with its published figures
// (SuperFastPython, 4 cores, Python) and the same Python code's figures on this project's
// machines (2 cores), from TUTORIAL.md.

#include "chunkscope/config.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <vector>

namespace chunkscope::ui {

struct Preset {
    QString name;
    QString description;       // what the experiment does, in the tutorial's terms
    RunConfig config;
    bool sweep = false;
    std::vector<std::size_t> splits;   // the sweep's grid
    std::vector<std::size_t> chunks;
    QString tutorialFigure;    // published, 4 cores
    // The same experiment as the tutorial's own Python code (the registry's twin), run here by
    // the Python interpreter; its figure is "not measured here" until it has run in this window.
    RunConfig python;
    QString pythonHereFigure;
};

class ResultsModel;

// The presets for a machine with this many workers to give (the tutorial gives one per core).
std::vector<Preset> tutorialPresets(int workers);

// "OpenMP: static vs dynamic vs guided": the omp strategy swept once per schedule, one after
// another, on the same grid and workload (the 8 × 8 sweep's), to be shown side by side.
struct SchedulePreset {
    QString name;
    QString description;
    RunConfig base;                      // omp on the tutorial's workload, the machine's workers
    std::vector<std::size_t> splits;     // the grid every schedule sweeps
    std::vector<std::size_t> chunks;
    std::vector<Schedule> schedules;     // in the order they run: static, dynamic, guided
};
SchedulePreset schedulePreset(int workers);
// Its sweeps, one per schedule, in order: the base with that schedule, on the same grid.
std::vector<SweepSpec> schedulePlan(const SchedulePreset& preset);

// The grid cells of model that ran (status Ok) with the lowest and the highest median, or -1.
struct GridExtremes {
    int best = -1;
    int worst = -1;
};
GridExtremes gridExtremes(const ResultsModel& model);
// "best 64 × 2: 31.2 ms · worst 1 × 128: 120 ms" (grid points as splits × chunksize), or "no
// cell ran" while none has; between: what goes between the two.
QString extremesText(const ResultsModel& model, const QString& between = QStringLiteral(" · "));
// A schedule's heatmap title: "static — " and the extremes.
QString scheduleTitle(Schedule schedule, const ResultsModel& model);

// What Chunkscope measured for preset: a run's median (lastRun, the cell it ran), or a sweep's
// range over the grid of model and its best cell.
QString measuredFigure(const Preset& preset, const ResultsModel& model, const CellResult* lastRun);
// The line above the heatmap: the tutorial's figure, the Python code's here, and ours.
QString presetFiguresHtml(const Preset& preset, const QString& python, const QString& measured);

} // namespace chunkscope::ui

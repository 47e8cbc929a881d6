// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tutorial's five experiments and the two fixes it recommends, with its published figures
// (SuperFastPython, 4 cores, Python) and the same Python code's figures on this project's
// machines (2 cores), from TUTORIAL.md.

#include "chunkscope/config.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"

#include <QString>
#include <QStringList>

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

// Several sweeps on one grid, one after another, shown side by side on one colour scale: the
// same base run, each sweep with its own strategy (and schedule). Presets ▸ "OpenMP: static vs
// dynamic vs guided" and ▸ "Python pools side by side" are two of them.
struct SweepSeries {
    struct Member {
        StrategyKind strategy = StrategyKind::Sequential;
        Schedule schedule = Schedule::Default;
        QString label;     // its heatmap's name: the schedule, the library
        QString caption;   // the line under its plot: the code it runs
    };
    QString name;
    QString description;
    QString subject;                     // what runs, for the view's heading ("omp", "Python's pools, …")
    QString what;                        // what differs between the heatmaps ("schedule", "library")
    QString exportName;                  // the picture's suggested file name
    bool defaultsInTitles = false;       // each title also gives the fastest cell of the library's default
    RunConfig base;                      // the tutorial's workload, the machine's workers
    std::vector<std::size_t> splits;     // the grid every sweep sweeps (a strategy without a knob: one value)
    std::vector<std::size_t> chunks;
    std::vector<Member> members;         // in the order they run
};
// "OpenMP: static vs dynamic vs guided": omp swept once per schedule on the 8 × 8 grid.
SweepSeries schedulePreset(int workers);
// "Python pools side by side": py-split (multiprocessing.Pool), py-futures, py-joblib and py-dask,
// each from a fresh pool as the tutorial's, on one 6 × 5 grid of 10M exp (presets.cpp says why).
SweepSeries pythonPoolsPreset(int workers);

// The sweeps of a series that can run here, in order (each member's base on the same grid), and
// a line for each member that cannot (its strategy unavailable: the reason and the install command).
struct SeriesPlan {
    std::vector<SweepSpec> sweeps;
    std::vector<std::size_t> members;   // the member of series.members each sweep runs
    QStringList leftOut;
};
SeriesPlan seriesPlan(const SweepSeries& series);
// The side-by-side view's heading: what ran, on which grid, what the marks are; shown: how many
// heatmaps it shows.
QString seriesAbout(const SweepSeries& series, std::size_t shown);

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
// A series' heatmap title (rich text): its label in bold, then its best and worst cell a line each
// (and, withDefault, the fastest cell of the library's default), so that every title is as tall.
QString seriesTitle(const QString& label, const ResultsModel& model, bool withDefault);

// What Chunkscope measured for preset: a run's median (lastRun, the cell it ran), or a sweep's
// range over the grid of model and its best cell.
QString measuredFigure(const Preset& preset, const ResultsModel& model, const CellResult* lastRun);
// The line above the heatmap: the tutorial's figure, the Python code's here, and ours.
QString presetFiguresHtml(const Preset& preset, const QString& python, const QString& measured);

} // namespace chunkscope::ui

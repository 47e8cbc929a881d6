// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which of the tutorial's presets the experiment on screen is: the one last loaded, for as long
// as the panel keeps its parameters. Its figures (the tutorial's, the Python code's here and
// Chunkscope's) stand above the heatmap; when a run of it ends, what Chunkscope measured goes
// to the tutorial's table too.

#include "presets.h"

#include "chunkscope/machine.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace chunkscope::ui {

class ExperimentPanel;
class HeatmapPage;
class ResultsModel;
class TutorialPanel;

class PresetTracker : public QObject {
    Q_OBJECT
public:
    // Python figures measured before (kept in the settings with their machine and date) go to
    // the tutorial's table: as measured here on the machine that measured them, as measured
    // elsewhere on any other.
    PresetTracker(std::vector<Preset> presets, ExperimentPanel* panel, TutorialPanel* tutorial, HeatmapPage* page,
                  const MachineInfo& machine, QObject* parent = nullptr);
    // What tells this machine from others in the kept figures: its id, host name, CPU and cores.
    static QString machineKey(const MachineInfo& machine);

    const std::vector<Preset>& presets() const { return presets_; }
    // The preset the panel shows, or -1.
    int active() const { return active_; }

    // Puts the preset's parameters (and its sweep's grid) in the panel, keeping the panel's cell
    // budget (presettracker.cpp says why), and shows its figures;
    // nullptr when there is no such preset.
    // python: its Python twin instead, whose figure goes to the "Python here" column.
    const Preset* load(int preset, bool python = false);
    // The experiment is no preset any more (a session was opened).
    void forget();
    // A run or a sweep starts: it measures the preset shown, if any.
    void runStarted();
    // It ended: its figure (lastRun: the cell a run measured) goes to the tutorial's table and,
    // while the preset is still shown, above the heatmap.
    void runFinished(const ResultsModel& model, const CellResult* lastRun);
    // Cancelled or failed: nothing to report.
    void runStopped() { running_ = -1; }

private:
    // The panel's parameters changed: are they still the preset's?
    void checkPanel();
    void showFigures();
    void keepPythonFigure(int preset, const QString& figure);
    void restorePythonFigures();

    std::vector<Preset> presets_;
    MachineInfo machine_;
    ExperimentPanel* panel_;
    TutorialPanel* tutorial_;
    HeatmapPage* page_;
    int active_ = -1;    // the preset the panel shows, while its parameters are unchanged
    int running_ = -1;   // the preset the current run measures
    bool python_ = false;         // the panel shows the preset's Python twin
    bool runningPython_ = false;  // and the current run measures it
};

} // namespace chunkscope::ui

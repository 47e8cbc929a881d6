// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's run lifecycle: checks what the panel asks for, lays the experiment out in the
// model, starts the controller's job and follows it to its end, for runs, sweeps, presets,
// comparisons and scalings. MainWindow only wires it to the actions.

#include "metatypes.h"
#include "session.h"

#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/speedlimit.h"

#include <QObject>
#include <QString>

#include <optional>
#include <vector>

class QTabWidget;

namespace chunkscope::ui {

class CellSelection;
class ComparePage;
class ExperimentPanel;
class HeatmapPage;
class PredictionGame;
class PresetTracker;
class ResultsModel;
class RunController;
class RunProgress;
class ScalingPage;

class RunCoordinator : public QObject {
    Q_OBJECT
public:
    struct Parts {
        ResultsModel* model;
        RunController* controller;
        CellSelection* selection;
        ExperimentPanel* panel;
        HeatmapPage* heatmapPage;
        ComparePage* comparePage;
        ScalingPage* scalingPage;
        QTabWidget* tabs;
        RunProgress* progress;
        PresetTracker* presets;
        PredictionGame* game;
    };
    RunCoordinator(const Parts& parts, const MachineInfo& machine, QObject* parent);

    void startRun();
    void startSweep();
    void cancelRun();
    // python: its Python twin (the tutorial's own code) instead.
    void runPreset(int preset, bool python = false);
    void compareStrategies();
    void scaleWorkers();
    // Shows the sweep's empty grid and waits for the class's guess; the click starts it.
    void predictThenSweep();
    // A heatmap cell was clicked: the guess while waiting for one, else the cell to show.
    void cellClicked(int row, int column);

    // Shows the cells of the unfinished sweep's journal at path and runs only its missing cells,
    // appending them to it; false (and *error) when it cannot be restored.
    bool resumeSweep(const QString& path, QString* error);
    // The journal of the sweep running now (empty when none).
    const QString& journalPath() const { return journalPath_; }

    // This machine's speed limits, once measured; the model gets them for results from here.
    void setSpeedLimits(const SpeedLimits& limits);
    const std::optional<SpeedLimits>& speedLimits() const { return limits_; }
    // Gives the model this machine's speed limits when its results were measured here.
    void applySpeedLimits();

    // The cells of the last comparison and the last scaling, which a saved session records.
    const AnalysisCells& analyses() const { return analyses_; }
    // An opened session's comparison and scaling: the Compare and Scaling views draw them (and
    // are emptied when it holds none).
    void showAnalyses(AnalysisCells analyses);

Q_SIGNALS:
    void stateChanged();
    void message(const QString& text, int timeout);

private:
    // Checks the sweep and lays its empty grid out in the model; nothing when it cannot run.
    std::optional<SweepSpec> startGrid();
    void stampModel();
    void sweepGrid();
    void problem(const QString& text);
    // Lays a comparison's or a scaling's rows out in the model (see startAnalysis's comment).
    void startAnalysis(const RunConfig& config);
    void onAnalysisCell(const CellPtr& cell, int index, int total);
    void onStarted(int cells);
    void onFinished();
    void onCancelled();
    void onFailed(const QString& message);

    Parts p_;
    MachineInfo machine_;
    std::optional<SpeedLimits> limits_;
    // Removed when the sweep finishes or the user cancels it; left by a crash, a kill, or a
    // window closed mid-sweep, and offered on the next start (JournalRestore).
    QString journalPath_;
    // The cells of the comparison or scaling running (or last run), in the order they ended.
    std::vector<CellResult> analysisCells_;
    // The same cells, as the model holds them, by analysis: the last of each kind.
    AnalysisCells analyses_;
};

} // namespace chunkscope::ui

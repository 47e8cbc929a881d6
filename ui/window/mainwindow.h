// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The explorer window: the experiment's controls on the left, the heatmap (and the results
// table, and the tutorial's figures) in the middle, progress in the status bar.

#include "heatmapchart.h"
#include "heatmapexport.h"
#include "prediction.h"

#include "chunkscope/machine.h"
#include "chunkscope/runner.h"
#include "chunkscope/speedlimit.h"

#include <QMainWindow>

#include <optional>
#include <vector>

class QAction;
class QChartView;
class QTabWidget;

namespace chunkscope::ui {

class CellSelection;
class ColorByActions;
class CompareChart;
class ComparePage;
class ExperimentPanel;
class FileDialogs;
class HeatmapPage;
class PhaseChart;
class PhasesPage;
class PredictionGame;
class PresetTracker;
class ScalingChart;
class ScalingPage;
class SeriesSweeps;
class SpeedLimitPanel;
class TimelineView;
class HeatmapChart;
class ResultsModel;
class ResultsTable;
class RunController;
class ReferenceController;
class RunCoordinator;
class RunProgress;
class TutorialPanel;
class TutorialReplay;
class WindowActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ExperimentPanel* panel() const { return panel_; }
    ResultsModel* model() const { return model_; }
    HeatmapPage* heatmapPage() const { return heatmapPage_; }
    HeatmapChart* heatmap() const;
    QChartView* heatmapView() const;
    ResultsTable* resultsTable() const { return table_; }
    TutorialPanel* tutorial() const { return tutorial_; }
    // Replay the tutorial: its experiments in order, Python and C++, on the Tutorial tab.
    TutorialReplay* replay() const { return replay_; }
    // The Reference menu: the second result set the heatmap is measured against.
    ReferenceController* references() const { return references_; }
    WindowActions* windowActions() const { return actions_; }
    // Presets ▸ OpenMP: static vs dynamic vs guided, and ▸ Python pools side by side.
    SeriesSweeps* scheduleSweeps() const { return schedules_; }
    SeriesSweeps* pythonPools() const { return pythonPools_; }
    RunController* controller() const { return controller_; }
    RunProgress* progress() const { return progress_; }
    PhasesPage* phasesPage() const { return phasesPage_; }
    PhaseChart* phaseChart() const;
    TimelineView* timeline() const;
    ComparePage* comparePage() const { return comparePage_; }
    CompareChart* compareChart() const;
    ScalingPage* scalingPage() const { return scalingPage_; }
    ScalingChart* scalingChart() const;
    SpeedLimitPanel* speedLimitPanel() const;
    // View ▸ Colour by: one checkable action per way of colouring the heatmap.
    QAction* colorByAction(HeatmapChart::ColorBy by) const;
    QAction* predictAction() const;
    // Waiting for the class to click the cell it thinks will be fastest.
    bool isPredicting() const;
    // The class's guess for the current sweep, if it made one.
    const std::optional<GridPoint>& prediction() const;
    QTabWidget* tabs() const { return tabs_; }
    // The cell the phase breakdown and the timeline show (the last one run, until one is
    // chosen); null when none.
    const CellResult* selectedCell() const;
    void selectRow(int modelRow);
    bool exportTrace(const QString& path, QString* error);
    bool isPresenting() const { return presenting_; }
    // The message shown over the heatmap when a run fails (empty when none).
    QString problem() const;
    bool isRunning() const;

    // Without dialogs (the menu actions wrap these): false and *error when it did not work.
    bool openSession(const QString& path, QString* error);
    bool saveSession(const QString& path, QString* error);
    bool exportChart(const QString& path, const ExportOptions& options, QString* error);
    bool exportData(const QString& path, QString* error);   // .csv or .json by suffix

public Q_SLOTS:
    void startRun();
    void startSweep();
    void cancelRun();
    // Loads preset i's parameters and runs it (or sweeps).
    void runPreset(int preset);
    void copyChart();
    void compareStrategies();
    void scaleWorkers();
    void measureMachine();
    void setPresentationMode(bool on);
    void setColorBy(chunkscope::ui::HeatmapChart::ColorBy by);
    // "Predict, then run": shows the sweep's empty grid and waits for a click on the cell the
    // class thinks will be fastest; the sweep starts then. Esc stops waiting.
    void predictThenSweep();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // The speed limits measured, and the experiment's Dask cluster when it runs on one.
    void measureSpeedLimits();
    void createDock();
    void createTabs();
    void createActions();
    void createStatusBar();
    void createReplay();
    void showStrategyNote();
    void readSettings();
    void writeSettings() const;
    void updateActions();
    void showSelectedPhases();   // the selected cell in the Phases tab, with its own floor

    MachineInfo machine_;
    bool presenting_ = false;

    ResultsModel* model_ = nullptr;
    RunController* controller_ = nullptr;
    CellSelection* selection_ = nullptr;
    RunCoordinator* runs_ = nullptr;
    ReferenceController* references_ = nullptr;
    ExperimentPanel* panel_ = nullptr;
    HeatmapPage* heatmapPage_ = nullptr;
    HeatmapChart* chart_ = nullptr;
    ResultsTable* table_ = nullptr;
    TutorialPanel* tutorial_ = nullptr;
    PresetTracker* presetTracker_ = nullptr;
    TutorialReplay* replay_ = nullptr;
    SeriesSweeps* schedules_ = nullptr;     // Presets ▸ OpenMP: static vs dynamic vs guided
    SeriesSweeps* pythonPools_ = nullptr;   // Presets ▸ Python pools side by side
    QTabWidget* tabs_ = nullptr;
    RunProgress* progress_ = nullptr;
    PhasesPage* phasesPage_ = nullptr;
    ComparePage* comparePage_ = nullptr;
    ScalingPage* scalingPage_ = nullptr;
    QFont normalFont_;

    WindowActions* actions_ = nullptr;
    ColorByActions* colorBy_ = nullptr;
    FileDialogs* files_ = nullptr;
    PredictionGame* game_ = nullptr;
};

} // namespace chunkscope::ui

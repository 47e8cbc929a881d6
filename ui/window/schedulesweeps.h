// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presets ▸ OpenMP: static vs dynamic vs guided (Ctrl+Shift+M): the omp strategy swept once per
// schedule, one after another, each as the window's Sweep runs one (the panel shows it, the
// heatmap fills live, the status bar counts its cells, its journal keeps it), then the three
// heatmaps side by side on one colour scale (ScheduleView). Cancel (Esc) stops it between
// sweeps or inside one; what ran stays. When it ends, every sweep's cells are in the results
// model together (the Results table, a saved session), the first schedule's on the heatmap.

#include "presets.h"

#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class QAction;
class QWidget;

namespace chunkscope::ui {

class ExperimentPanel;
class HeatmapPage;
class ResultsModel;
class RunController;
class RunCoordinator;
class ScheduleView;

class ScheduleSweeps : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QWidget* window;
        RunCoordinator* runs;
        RunController* controller;
        ExperimentPanel* panel;
        ResultsModel* model;
        HeatmapPage* heatmapPage;
    };
    ScheduleSweeps(const Parts& parts, SchedulePreset preset, QObject* parent);

    // The Presets menu's entry.
    QAction* action() const { return action_; }
    const SchedulePreset& preset() const { return preset_; }
    void setPreset(SchedulePreset preset) { preset_ = std::move(preset); }
    bool isActive() const { return active_; }
    // The sweep running now (an index into schedulePlan), or the last one run.
    int current() const { return current_; }
    // The side-by-side view of the last start (null before one, or once closed).
    ScheduleView* view() const;

public Q_SLOTS:
    // Cancels a run going on, then sweeps the first schedule.
    void start();
    // Stops the sweep running (its cells stay) and the ones still to come.
    void cancel();

Q_SIGNALS:
    void message(const QString& text, int timeout);
    void stateChanged();
    // Every sweep ended (completed), or it stopped early; the view shows what ran.
    void finished(bool completed);

private:
    void next();
    void sweepEnded(bool completed);
    void end(bool completed);

    Parts p_;
    SchedulePreset preset_;
    std::vector<SweepSpec> plan_;
    std::vector<std::vector<CellResult>> results_;   // per sweep, as the model held them when it ended
    MachineInfo machine_;
    QDateTime date_;
    int current_ = -1;
    bool active_ = false;
    bool sweeping_ = false;   // the controller runs our sweep
    QPointer<ScheduleView> view_;
    QAction* action_;
};

} // namespace chunkscope::ui

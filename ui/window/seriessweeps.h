// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A series of sweeps (presets.h's SweepSeries: Presets ▸ OpenMP: static vs dynamic vs guided,
// Ctrl+Shift+M; Presets ▸ Python pools side by side, Ctrl+Shift+P): one sweep per member, one
// after another, each as the window's Sweep runs one (the panel shows it, the heatmap fills live,
// the status bar counts its cells, its journal keeps it), then their heatmaps side by side on one
// colour scale (SeriesView). A member whose strategy cannot run here is left out, with a line
// saying why. Cancel (Esc) stops it between sweeps or inside one; what ran stays. When it ends,
// every sweep's cells are in the results model together (the Results table, a saved session),
// the first sweep's on the heatmap.

#include "presets.h"

#include "chunkscope/machine.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QKeySequence>
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
class SeriesView;

class SeriesSweeps : public QObject {
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
    // The Presets menu's entry is named actionName, on shortcut.
    SeriesSweeps(const Parts& parts, SweepSeries series, const QString& actionName, const QKeySequence& shortcut,
                 QObject* parent);

    // The Presets menu's entry.
    QAction* action() const { return action_; }
    const SweepSeries& preset() const { return series_; }
    void setPreset(SweepSeries series) { series_ = std::move(series); }
    bool isActive() const { return active_; }
    // The sweep running now (an index into the plan of the last start), or the last one run.
    int current() const { return current_; }
    // The members the last start left out (their strategy unavailable), a line each.
    const QStringList& leftOut() const { return plan_.leftOut; }
    // The side-by-side view of the last start (null before one, or once closed).
    SeriesView* view() const;

public Q_SLOTS:
    // Cancels a run going on, then sweeps the first member.
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
    // "the dynamic schedule", "py-futures · concurrent.futures": the member sweep i runs.
    QString label(int i) const;

    Parts p_;
    SweepSeries series_;
    SeriesPlan plan_;
    std::vector<std::vector<CellResult>> results_;   // per sweep, as the model held them when it ended
    MachineInfo machine_;
    QDateTime date_;
    int current_ = -1;
    bool active_ = false;
    bool sweeping_ = false;   // the controller runs our sweep
    QPointer<SeriesView> view_;
    QAction* action_;
};

} // namespace chunkscope::ui

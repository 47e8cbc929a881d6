// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Reference menu: which second result set the heatmap is measured against, and how it is
// made — the results on screen kept, a file loaded, or the same grid swept with the strategy's
// twin in the other language (the tutorial's own Python for ours, ours for it). The twin's sweep
// runs in the main model, so it paints live; when it ends its cells become the reference and
// the sweep it is measured against comes back.

#include "heatmapchart.h"
#include "presets.h"

#include "chunkscope/config.h"
#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

class QWidget;

namespace chunkscope::ui {

class ColorByActions;
class ExperimentPanel;
class HeatmapPage;
class Reference;
class ResultsModel;
class RunController;
class RunCoordinator;
class WindowActions;

class ReferenceController : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QWidget* window;
        ResultsModel* model;
        RunController* controller;
        RunCoordinator* runs;
        ExperimentPanel* panel;
        HeatmapPage* heatmapPage;
        ColorByActions* colorBy;
        WindowActions* actions;
        const std::vector<Preset>* presets;   // the 8 × 8 sweep's (Presets ▸ … beside its Python twin)
    };
    explicit ReferenceController(const Parts& parts, QObject* parent = nullptr);

    Reference* reference() const { return reference_; }

    void keepCurrent();
    void load();
    // The path's results as the reference (a session or the CLI's JSON); false and error when not.
    bool loadFile(const QString& path, QString* error);
    void clear();
    // Sweeps the experiment's grid with the twin of its strategy; its cells become the reference.
    void sweepTwin();
    // Why the twin's sweep cannot run now (empty: it can).
    QString twinProblem() const;
    // preset (a sweep): runs it, then its twin's sweep as the reference, then shows both.
    void sweepBesideTwin(int preset);
    void setSideBySide(bool on);
    // The actions' enabled states.
    void update();
    bool twinSweepRunning() const { return saved_.has_value(); }

Q_SIGNALS:
    void message(const QString& text, int timeout);

private:
    struct Saved {
        MachineInfo machine;
        std::vector<CellResult> results;
        QDateTime date;
        RunConfig config;
        HeatmapChart::ColorBy colorBy;
    };
    void runEnded(bool completed);
    void showRatio();

    Parts p_;
    Reference* reference_ = nullptr;
    std::optional<Saved> saved_;      // the sweep the twin's is measured against, while it runs
    int chainedPreset_ = -1;          // sweepBesideTwin: the preset's sweep runs, the twin's follows
    bool chainTwin_ = false;          // the twin's sweep of the chain runs
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Replay the tutorial": the tutorial's experiments in its order (sequential, Pool.map with the
// default chunksize, chunksize 1000, 64 parts, the 8 × 8 sweep, then shared memory and
// threads), each as its Python timed the tutorial's way (one cold run), its Python as the lab
// times it (a warmed median) and its C++ twin, filling the Tutorial tab row by row with one
// sentence per step saying what to look at. Pausable between steps, cancellable (the run's
// processes are reaped by the engine), steppable one experiment at a time, and sized to the
// machine: the per-item Pool.map rows run at fewer items when their predicted cost here (the
// Python module's measured cost of one item) would be too long, and say so.
// It drives the window's RunCoordinator and RunController through their public API.

#include "chunkscope/config.h"
#include "chunkscope/pythoncosts.h"

#include "metatypes.h"

#include <QObject>
#include <QString>

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

class QAction;
class QTabWidget;

namespace chunkscope {
class CancelToken;
}

namespace chunkscope::ui {

class ExperimentPanel;
class HeatmapPage;
class PresetTracker;
class ResultsModel;
class RunController;
class RunCoordinator;
class TutorialPanel;

class TutorialReplay : public QObject {
    Q_OBJECT
public:
    struct Parts {
        RunCoordinator* runs;
        RunController* controller;
        PresetTracker* presets;
        ExperimentPanel* panel;
        ResultsModel* model;
        TutorialPanel* tutorial;
        HeatmapPage* heatmapPage;
        QTabWidget* tabs;
    };
    struct Options {
        std::size_t size = 10'000'000;   // the tutorial's n
        int repeats = 0;                 // 0: each preset's own
        int warmup = -2;                 // -2: each preset's own (kWarmupSettle is -1)
        // A slow row is sized down so that one of its runs is predicted to take about this.
        double runBudgetS = 8.0;
        std::size_t minimumSize = 1000;
        // The sweep's grid; empty: the preset's 8 × 8.
        std::vector<std::size_t> sweepSplits;
        std::vector<std::size_t> sweepChunks;
    };
    enum class Timing { AsTutorial, PythonWarmed, Cpp };
    struct Step {
        int preset = 0;
        Timing timing = Timing::AsTutorial;
    };
    enum class State { Idle, Measuring, Running, Paused };

    TutorialReplay(const Parts& parts, QObject* parent);
    ~TutorialReplay() override;

    void setOptions(const Options& options) { options_ = options; }
    const Options& options() const { return options_; }

    // Replay, Pause/Resume, Next step and Stop, with their shortcuts (F5, F6, F7; Stop is the
    // window's Cancel, Esc, as well).
    QList<QAction*> actions() const;
    QAction* replayAction() const { return replay_; }
    QAction* pauseAction() const { return pause_; }
    QAction* nextAction() const { return next_; }
    QAction* stopAction() const { return stop_; }

    State state() const { return state_; }
    bool isActive() const { return state_ != State::Idle; }
    // Every step of a replay, in order: per preset, its Python as the tutorial timed it, its
    // Python warmed, its C++.
    const std::vector<Step>& steps() const { return steps_; }
    // The step running now (or the last one run, when paused), -1 before the first.
    int currentStep() const { return current_; }
    // The config step i runs (its preset's, sized and with the replay's options).
    RunConfig configFor(const Step& step) const;
    // The items the preset's rows run at, and why when fewer than the replay's size (empty when
    // not sized down).
    std::size_t sizeFor(int preset) const;
    QString sizeNote(int preset) const;

public Q_SLOTS:
    // From the first step, straight through.
    void start();
    // After the step that runs now.
    void pause();
    void resume();
    // Runs the next experiment (its three steps), then pauses; from idle, starts so.
    void nextStep();
    // Stops the step's run (the engine reaps its processes) and the replay.
    void cancel();
    // One step alone (the Tutorial tab's "Time its Python as the tutorial did"), at the
    // replay's size, not sized down; nothing when a run or a replay goes on.
    void runStep(int preset, chunkscope::ui::TutorialReplay::Timing timing);

Q_SIGNALS:
    void stepStarted(int step, const QString& sentence);
    void stepFinished(int step, const QString& figure);
    void stateChanged();
    void finished();
    void message(const QString& text, int timeout);

private:
    void begin(bool stepping);
    void costsMeasured(const chunkscope::PythonCosts& costs);
    void advance();
    void launch();
    void stepEnded(const QString& figure);
    void onCellFinished(const chunkscope::ui::CellPtr& cell);
    void onFinished();
    void onCancelled();
    void onFailed(const QString& text);
    void setState(State state);
    void updateActions();
    void joinMeasurer();
    QString sentence(const Step& step) const;
    void putFigure(const Step& step, const QString& figure);

    Parts p_;
    Options options_;
    std::vector<Step> steps_;
    std::vector<std::size_t> sizes_;   // per preset
    std::vector<QString> notes_;       // per preset: why sized down
    int current_ = -1;
    State state_ = State::Idle;
    bool pauseAfterStep_ = false;
    int stepPreset_ = -1;               // stepping: the experiment Next step runs
    bool jobRunning_ = false;
    bool single_ = false;               // runStep: one step, not the tutorial
    CellPtr lastCell_;

    std::thread measurer_;
    int measureGeneration_ = 0;        // a cancelled replay's measurement is not this one's
    std::shared_ptr<CancelToken> measureCancel_;

    QAction* replay_;
    QAction* pause_;
    QAction* next_;
    QAction* stop_;
};

} // namespace chunkscope::ui

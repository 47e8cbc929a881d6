// SPDX-License-Identifier: GPL-3.0-or-later
#include "tutorialreplay.h"

#include "experimentpanel.h"
#include "heatmappage.h"
#include "presets.h"
#include "presettracker.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runcoordinator.h"
#include "tutorialpanel.h"
#include "uiformat.h"

#include "chunkscope/observer.h"
#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QAction>
#include <QDateTime>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// The largest 1, 2, 5 × 10^k at most n (sizes a class reads at a glance).
std::size_t roundDown125(std::size_t n)
{
    std::size_t decade = 1;
    while (decade <= n / 10)
        decade *= 10;
    for (std::size_t m : {5, 2, 1})
        if (m * decade <= n)
            return m * decade;
    return n;
}

// What to look at in each of the tutorial's experiments.
QString lookAt(const Preset& p)
{
    switch (p.config.strategy) {
    case StrategyKind::Sequential:
        return TutorialReplay::tr("one core, no pool: the baseline every other row is measured against.");
    case StrategyKind::ForkItems:
        return p.config.chunksize_auto
                   ? TutorialReplay::tr("every item is a task, pickled to a worker and back: see how long the "
                                        "same exp takes when each value travels alone.")
                   : TutorialReplay::tr("1000 items per task cut the messages, yet every item is still pickled: "
                                        "faster than the default chunksize, still far slower than sequential.");
    case StrategyKind::ForkSplit:
        return p.sweep ? TutorialReplay::tr("the heatmap fills cell by cell: where is the fastest corner, and is "
                                            "any cell faster than sequential?")
                       : TutorialReplay::tr("64 big parts: few messages, but the whole vector still travels to the "
                                            "workers and back.");
    case StrategyKind::ForkShm:
        return TutorialReplay::tr("the vector lives in shared memory and only task descriptors travel: does "
                                  "it beat sequential now?");
    case StrategyKind::Threads:
        return TutorialReplay::tr("threads share the vector, nothing is copied: the closest to the machine's "
                                  "floor.");
    default:
        return p.description;
    }
}

} // namespace

TutorialReplay::TutorialReplay(const Parts& parts, QObject* parent) : QObject(parent), p_(parts)
{
    const auto make = [this](const QString& name, const QString& text, const QString& tip, const QKeySequence& key,
                             QStyle::StandardPixmap icon) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setToolTip(tip);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        if (auto* w = qobject_cast<QWidget*>(this->parent()))
            a->setIcon(w->style()->standardIcon(icon));
        return a;
    };
    replay_ = make(u"replayTutorial"_s, tr("Replay the &tutorial"),
                   tr("Run the tutorial's experiments in its order, each in Python (as the tutorial timed it, and "
                      "warmed) and in C++, filling the Tutorial tab row by row (F5)"),
                   QKeySequence(Qt::Key_F5), QStyle::SP_MediaSeekForward);
    pause_ = make(u"pauseReplay"_s, tr("&Pause replay"), tr("Pause the replay after the step that runs now (F6)"),
                  QKeySequence(Qt::Key_F6), QStyle::SP_MediaPause);
    next_ = make(u"nextReplayStep"_s, tr("&Next step"),
                 tr("Run the tutorial's next experiment (its Python and C++ rows), then pause (F7)"),
                 QKeySequence(Qt::Key_F7), QStyle::SP_MediaSkipForward);
    stop_ = make(u"stopReplay"_s, tr("&Stop replay"),
                 tr("Stop the replay and its run now; the rows that finished stay (Esc cancels too)"), {},
                 QStyle::SP_MediaStop);
    connect(replay_, &QAction::triggered, this, &TutorialReplay::start);
    connect(pause_, &QAction::triggered, this, [this] {
        if (state_ == State::Paused)
            resume();
        else
            pause();
    });
    connect(next_, &QAction::triggered, this, &TutorialReplay::nextStep);
    connect(stop_, &QAction::triggered, this, &TutorialReplay::cancel);

    RunController* c = p_.controller;
    connect(c, &RunController::cellFinished, this, [this](const CellPtr& cell) { onCellFinished(cell); });
    connect(c, &RunController::finished, this, &TutorialReplay::onFinished);
    connect(c, &RunController::cancelled, this, &TutorialReplay::onCancelled);
    connect(c, &RunController::failed, this, &TutorialReplay::onFailed);
    // Another run (the window's Run, Sweep, ...) keeps Replay, Resume and Next step waiting.
    for (auto signal : {&RunController::finished, &RunController::cancelled})
        connect(c, signal, this, &TutorialReplay::updateActions);
    connect(c, &RunController::started, this, &TutorialReplay::updateActions);
    connect(c, &RunController::failed, this, &TutorialReplay::updateActions);
    updateActions();
}

TutorialReplay::~TutorialReplay() { joinMeasurer(); }

QList<QAction*> TutorialReplay::actions() const { return {replay_, pause_, next_, stop_}; }

void TutorialReplay::joinMeasurer()
{
    if (measureCancel_)
        measureCancel_->cancel();
    if (measurer_.joinable())
        measurer_.join();
}

std::size_t TutorialReplay::sizeFor(int preset) const
{
    return preset >= 0 && preset < static_cast<int>(sizes_.size()) ? sizes_[static_cast<std::size_t>(preset)]
                                                                    : options_.size;
}

QString TutorialReplay::sizeNote(int preset) const
{
    return preset >= 0 && preset < static_cast<int>(notes_.size()) ? notes_[static_cast<std::size_t>(preset)]
                                                                    : QString();
}

RunConfig TutorialReplay::configFor(const Step& step) const
{
    const Preset& p = p_.presets->presets()[static_cast<std::size_t>(step.preset)];
    RunConfig c = step.timing == Timing::Cpp ? p.config : p.python;
    c.workload.size = sizeFor(step.preset);
    if (options_.repeats > 0)
        c.repeats = options_.repeats;
    if (options_.warmup != -2)
        c.warmup = options_.warmup;
    c.splits = std::min<std::size_t>(c.splits, c.workload.size);
    if (step.timing == Timing::AsTutorial) {
        // One cold run, as the tutorial's programs print Took (config.h).
        c.as_tutorial = true;
        c.repeats = 1;
        c.warmup = 0;
        c.pool = PoolLifetime::Fresh;
    }
    return c;
}

void TutorialReplay::start()
{
    if (isActive() || p_.controller->isRunning())
        return;
    begin(false);
}

void TutorialReplay::runStep(int preset, Timing timing)
{
    const auto& presets = p_.presets->presets();
    if (isActive() || p_.controller->isRunning() || preset < 0 || preset >= static_cast<int>(presets.size()))
        return;
    joinMeasurer();
    single_ = true;
    steps_ = {{preset, timing}};
    sizes_.assign(presets.size(), options_.size);
    notes_.assign(presets.size(), QString());
    current_ = -1;
    pauseAfterStep_ = false;
    stepPreset_ = -1;
    setState(State::Running);
    advance();
}

void TutorialReplay::begin(bool stepping)
{
    single_ = false;
    const auto& presets = p_.presets->presets();
    steps_.clear();
    for (int i = 0; i < static_cast<int>(presets.size()); ++i)
        for (Timing t : {Timing::AsTutorial, Timing::PythonWarmed, Timing::Cpp})
            steps_.push_back({i, t});
    sizes_.assign(presets.size(), options_.size);
    notes_.assign(presets.size(), QString());
    current_ = -1;
    pauseAfterStep_ = false;
    stepPreset_ = stepping && !steps_.empty() ? steps_.front().preset : -1;
    setState(State::Measuring);
    p_.tutorial->setReplayText(tr("<b>Replay the tutorial</b>: measuring what one item costs the tutorial's Python "
                                  "here, to size the slow rows to this machine…"));
    if (p_.tabs->indexOf(p_.tutorial) >= 0)
        p_.tabs->setCurrentWidget(p_.tutorial);
    // The per-item rows' cost, from the Python module's own measurement (about a second).
    int workers = 1;
    for (const Preset& p : presets)
        workers = std::max(workers, p.python.workers);
    joinMeasurer();   // a cancelled replay's measurement, ending
    measureCancel_ = std::make_shared<CancelToken>();
    const int generation = ++measureGeneration_;
    measurer_ = std::thread([this, token = measureCancel_, workers, generation] {
        PythonCosts costs = measure_python_costs(workers, token.get());
        QMetaObject::invokeMethod(
            this,
            [this, costs, generation] {
                if (generation == measureGeneration_)
                    costsMeasured(costs);
            },
            Qt::QueuedConnection);
    });
}

void TutorialReplay::costsMeasured(const PythonCosts& costs)
{
    if (measurer_.joinable())
        measurer_.join();
    if (state_ != State::Measuring)
        return;
    const auto& presets = p_.presets->presets();
    for (std::size_t i = 0; i < presets.size(); ++i) {
        const Preset& p = presets[i];
        if (p.config.strategy != StrategyKind::ForkItems || p.sweep)
            continue;
        if (!costs.measured()) {
            notes_[i] = tr("at the full size: the cost of one item could not be measured here (%1)")
                            .arg(qs(costs.error));
            continue;
        }
        // The parent pickles every item out and unpickles it back, one at a time; the workers
        // share unpickling, calling and pickling it again.
        const int w = std::max(1, p.python.workers);
        const double perItem = 2 * costs.item_pickle_s + (costs.item_pickle_s + costs.item_call_s) / w;
        const double fixed = costs.pool_start(w) + costs.pool_close_s;
        const double predicted = fixed + perItem * static_cast<double>(options_.size);
        if (predicted <= options_.runBudgetS || perItem <= 0)
            continue;
        const double fits = std::max(0.0, (options_.runBudgetS - fixed) / perItem);
        std::size_t n = roundDown125(std::max(options_.minimumSize, static_cast<std::size_t>(fits)));
        n = std::min(n, options_.size);
        if (n >= options_.size)
            continue;
        sizes_[i] = n;
        notes_[i] = tr("sized down to %1 items from %2: a run at %2 is predicted to take %3 here (%4 an item, "
                       "as the Python module measured pickling and calling one)")
                        .arg(formatCount(n), formatCount(options_.size), formatDuration(predicted),
                             formatSeconds(perItem));
    }
    if (state_ == State::Measuring)
        setState(State::Running);
    advance();
}

void TutorialReplay::advance()
{
    if (state_ != State::Running || jobRunning_)
        return;
    const int next = current_ + 1;
    const auto& presets = p_.presets->presets();
    if (next >= static_cast<int>(steps_.size())) {
        setState(State::Idle);
        if (single_) {
            p_.tutorial->setReplayText(QString());
            Q_EMIT finished();
            return;
        }
        p_.tutorial->setReplayRow(-1);
        p_.tutorial->setReplayText(
            tr("<b>Replay finished.</b> Every row has its figures from this machine: compare the two Python "
               "columns (the cold start and the data inside the clock against a warmed median) and the C++ column "
               "(the same work without the interpreter)."));
        if (p_.tabs->indexOf(p_.tutorial) >= 0)
            p_.tabs->setCurrentWidget(p_.tutorial);
        Q_EMIT message(tr("Replay of the tutorial finished."), 0);
        Q_EMIT finished();
        return;
    }
    const Preset& upcoming = presets[static_cast<std::size_t>(steps_[static_cast<std::size_t>(next)].preset)];
    const bool stepDone = stepPreset_ >= 0 && steps_[static_cast<std::size_t>(next)].preset != stepPreset_;
    if (pauseAfterStep_ || stepDone) {
        pauseAfterStep_ = false;
        stepPreset_ = -1;
        setState(State::Paused);
        p_.tutorial->setReplayText(tr("<b>Paused</b> before step %1 of %2: %3. Resume (F6) runs on, Next step (F7) "
                                      "runs this experiment only.")
                                       .arg(next + 1)
                                       .arg(steps_.size())
                                       .arg(upcoming.name.toHtmlEscaped()));
        if (p_.tabs->indexOf(p_.tutorial) >= 0)
            p_.tabs->setCurrentWidget(p_.tutorial);
        return;
    }
    current_ = next;
    launch();
}

QString TutorialReplay::sentence(const Step& step) const
{
    const Preset& p = p_.presets->presets()[static_cast<std::size_t>(step.preset)];
    const RunConfig c = configFor(step);
    QString how;
    switch (step.timing) {
    case Timing::AsTutorial:
        how = tr("its Python <b>as the tutorial timed it</b>: one cold run, a fresh interpreter, the pool and "
                 "rand(%1) inside the clock (the tutorial printed %2 on 4 cores)")
                  .arg(formatCount(c.workload.size), p.tutorialFigure.toHtmlEscaped());
        break;
    case Timing::PythonWarmed:
        how = tr("the same Python <b>warmed</b>: the data made beforehand, the median after warm-up runs (how "
                 "much of the cold figure was starting up?)");
        break;
    case Timing::Cpp:
        how = tr("<b>in C++</b> (%1): the same work without the interpreter").arg(qs(to_string(c.strategy)));
        break;
    }
    QString text = single_ ? tr("<b>%1</b>, %2.").arg(p.name.toHtmlEscaped(), how)
                           : tr("<b>Step %1 of %2 — %3</b>, %4. Look at: %5")
                                 .arg(current_ + 1)
                                 .arg(steps_.size())
                                 .arg(p.name.toHtmlEscaped(), how, lookAt(p).toHtmlEscaped());
    if (const QString note = sizeNote(step.preset); !note.isEmpty())
        text += u"<br><i>"_s + tr("This row runs %1.").arg(note.toHtmlEscaped()) + u"</i>"_s;
    return text;
}

void TutorialReplay::launch()
{
    const Step step = steps_[static_cast<std::size_t>(current_)];
    const Preset& p = p_.presets->presets()[static_cast<std::size_t>(step.preset)];
    lastCell_.reset();
    const QString text = sentence(step);
    p_.tutorial->setReplayRow(step.preset);
    p_.tutorial->setReplayText(text);
    Q_EMIT stepStarted(current_, text);

    const RunConfig c = configFor(step);
    if (auto problem = validate(c)) {
        stepEnded(tr("cannot run here: %1").arg(qs(*problem)));
        return;
    }
    p_.presets->load(step.preset, step.timing != Timing::Cpp);
    if (p.sweep && !options_.sweepSplits.empty() && !options_.sweepChunks.empty())
        p_.panel->setSweepLists(options_.sweepSplits, options_.sweepChunks);
    p_.panel->setConfig(c);   // what runs, on screen (the panel has no as-tutorial setting: the model has)
    jobRunning_ = true;
    if (step.timing == Timing::AsTutorial) {
        // The window's Run and Sweep take the panel's config; this one carries as_tutorial.
        p_.model->setDate(QDateTime::currentDateTime());
        if (p.sweep) {
            SweepSpec spec = sweep_plan(p_.panel->sweepSpec());
            spec.base.as_tutorial = true;
            p_.model->startExperiment(spec.base, spec.splits_list, spec.chunks_list);
            p_.controller->sweep(spec, false);
        } else {
            p_.model->startExperiment(c, {c.splits}, {c.chunksize});
            p_.controller->run(c, false);
        }
        if (p_.tabs->indexOf(p_.heatmapPage) >= 0)
            p_.tabs->setCurrentWidget(p_.heatmapPage);
    } else if (p.sweep) {
        p_.runs->startSweep();
    } else {
        p_.runs->startRun();
    }
    if (!p_.controller->isRunning()) {
        jobRunning_ = false;
        stepEnded(tr("cannot run here: %1").arg(p.sweep ? p_.panel->sweepProblem() : p_.panel->runProblem()));
        return;
    }
    // A run's figure goes to the Tutorial tab; a sweep is watched on its heatmap.
    if (p.sweep)
        p_.heatmapPage->showPresetFigures(text);
    else if (p_.tabs->indexOf(p_.tutorial) >= 0)
        p_.tabs->setCurrentWidget(p_.tutorial);
    updateActions();
}

void TutorialReplay::putFigure(const Step& step, const QString& figure)
{
    // Short in the cell (the table stays readable), why in its tooltip and the step's sentence.
    QString text = figure;
    const std::size_t n = sizeFor(step.preset);
    if (n != options_.size)
        text += u' ' + tr("(sized down to %1 items)").arg(formatCount(n));
    else if (n != p_.presets->presets()[static_cast<std::size_t>(step.preset)].config.workload.size)
        text += u' ' + tr("(at %1 items)").arg(formatCount(n));
    p_.tutorial->setFigureNote(step.preset, sizeNote(step.preset));
    switch (step.timing) {
    case Timing::AsTutorial:
        p_.tutorial->setTutorialTimed(step.preset, text);
        break;
    case Timing::PythonWarmed:
        p_.tutorial->setPythonMeasured(step.preset, text);
        break;
    case Timing::Cpp:
        p_.tutorial->setMeasured(step.preset, text);
        break;
    }
}

void TutorialReplay::stepEnded(const QString& figure)
{
    jobRunning_ = false;
    const Step step = steps_[static_cast<std::size_t>(current_)];
    putFigure(step, figure);
    Q_EMIT stepFinished(current_, figure);
    updateActions();
    // After the controller's own handlers have seen the job end.
    QTimer::singleShot(0, this, &TutorialReplay::advance);
}

void TutorialReplay::onCellFinished(const CellPtr& cell)
{
    if (!jobRunning_ || !cell || current_ < 0)
        return;
    if (cell->config.strategy == configFor(steps_[static_cast<std::size_t>(current_)]).strategy)
        lastCell_ = cell;
}

void TutorialReplay::onFinished()
{
    if (!jobRunning_)
        return;
    const Step step = steps_[static_cast<std::size_t>(current_)];
    const Preset& p = p_.presets->presets()[static_cast<std::size_t>(step.preset)];
    QString figure = measuredFigure(p, *p_.model, lastCell_.get());
    if (lastCell_ && lastCell_->status != Status::Ok && !lastCell_->error.empty())
        figure = tr("failed: %1").arg(qs(lastCell_->error));
    stepEnded(figure);
}

void TutorialReplay::onCancelled()
{
    if (!isActive())
        return;
    const bool running = jobRunning_;
    jobRunning_ = false;
    const int at = current_;
    setState(State::Idle);
    const QString name = at >= 0 ? p_.presets->presets()[static_cast<std::size_t>(steps_[static_cast<std::size_t>(at)].preset)].name
                                 : QString();
    p_.tutorial->setReplayText(running ? tr("<b>Replay cancelled</b> during step %1 (%2): its run was stopped; the "
                                            "rows that finished stay.")
                                             .arg(at + 1)
                                             .arg(name.toHtmlEscaped())
                                       : tr("<b>Replay stopped.</b> The rows that finished stay."));
    Q_EMIT message(tr("Replay of the tutorial cancelled."), 0);
}

void TutorialReplay::onFailed(const QString& text)
{
    if (jobRunning_)
        stepEnded(tr("failed: %1").arg(text));
}

void TutorialReplay::pause()
{
    if (state_ == State::Running || state_ == State::Measuring) {
        pauseAfterStep_ = true;
        stepPreset_ = -1;
        Q_EMIT message(tr("The replay pauses after this step."), 0);
        if (!jobRunning_ && state_ == State::Running)
            advance();
        updateActions();
    }
}

void TutorialReplay::resume()
{
    if (state_ != State::Paused || p_.controller->isRunning())
        return;
    pauseAfterStep_ = false;
    stepPreset_ = -1;
    setState(State::Running);
    advance();
}

void TutorialReplay::nextStep()
{
    if (state_ == State::Idle) {
        if (!p_.controller->isRunning())
            begin(true);
        return;
    }
    if (state_ == State::Paused && p_.controller->isRunning())
        return;   // another run goes on: the step waits for it
    const int next = state_ == State::Paused ? current_ + 1 : std::max(current_, 0);
    if (next >= static_cast<int>(steps_.size()))
        return;
    stepPreset_ = steps_[static_cast<std::size_t>(next)].preset;
    pauseAfterStep_ = false;
    if (state_ == State::Paused) {
        setState(State::Running);
        advance();
    }
}

void TutorialReplay::cancel()
{
    if (!isActive())
        return;
    if (measureCancel_)
        measureCancel_->cancel();
    if (jobRunning_) {
        p_.runs->cancelRun();   // cancelled() arrives before this returns: onCancelled ends the replay
        if (!isActive())
            return;
    }
    jobRunning_ = false;
    onCancelled();
}

void TutorialReplay::setState(State state)
{
    if (state_ == state)
        return;
    state_ = state;
    updateActions();
    Q_EMIT stateChanged();
}

void TutorialReplay::updateActions()
{
    const bool busy = p_.controller->isRunning();
    replay_->setEnabled(state_ == State::Idle && !busy);
    const bool otherRun = busy && !jobRunning_;
    pause_->setEnabled(state_ != State::Idle && !(state_ == State::Paused && otherRun));
    pause_->setText(state_ == State::Paused ? tr("&Resume replay") : tr("&Pause replay"));
    next_->setEnabled(state_ == State::Running || state_ == State::Measuring || (!busy && state_ != State::Running));
    stop_->setEnabled(state_ != State::Idle);
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
// Replay the tutorial: its experiments in the tutorial's order, each in Python (as the tutorial
// timed it, and warmed) and in C++, filling the Tutorial tab row by row; pause and resume,
// stepping one experiment at a time, cancel without a process left, the slow rows sized down
// and saying so. Small real runs (100k items, one repetition); behaviour only, never timings.

#include "testcells.h"

#include "mainwindow.h"
#include "presets.h"
#include "runcontroller.h"
#include "tutorialpanel.h"
#include "tutorialreplay.h"
#include "uiformat.h"
#include "windowactions.h"

#include "support/proctree.h"

#include "chunkscope/machine.h"
#include "chunkscope/registry.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableWidget>
#include <QTabWidget>
#include <QtTest>

#include <algorithm>
#include <set>
#include <unistd.h>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 600'000;

// 100k items, one repetition, no warm-up, a 2 × 2 sweep; the per-item rows sized down to the
// smallest size (a budget no run meets).
TutorialReplay::Options tiny()
{
    TutorialReplay::Options o;
    o.size = 100'000;
    o.repeats = 1;
    o.warmup = 0;
    o.runBudgetS = 1e-9;
    o.minimumSize = 1000;
    o.sweepSplits = {1, 4};
    o.sweepChunks = {1, 2};
    return o;
}

struct Ran {
    int step;
    RunConfig config;
};

// Every cell the controller starts, with the replay step it belongs to.
struct Recorder {
    std::vector<int> started;    // steps, as they start
    std::vector<Ran> cells;
    std::vector<QString> sentences;

    Recorder(MainWindow& w)
    {
        TutorialReplay* r = w.replay();
        QObject::connect(r, &TutorialReplay::stepStarted, r, [this](int step, const QString& text) {
            started.push_back(step);
            sentences.push_back(text);
        });
        QObject::connect(w.controller(), &RunController::cellStarted, r, [this](const RunConfig& c) {
            cells.push_back({started.empty() ? -1 : started.back(), c});
        });
    }
};

// A shown window whose replay runs the tiny() experiments, and a Recorder of what it runs.
struct ReplayWindow {
    MainWindow w;
    TutorialReplay* replay = w.replay();
    Recorder rec{w};
    ReplayWindow()
    {
        w.show();
        replay->setOptions(tiny());
    }
};

using support::living_descendants;

} // namespace

class TestTutorialReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replaysInOrderWithPythonAndCppRows();
    void pauseWaitsBetweenStepsAndResumeGoesOn();
    void nextStepRunsOneExperimentAtATime();
    void cancelMidReplayLeavesNoProcess();
    void oneRowTimedAsTheTutorialFromItsButton();

private:
    testcells::IsolatedSettings settings_;
};

void TestTutorialReplay::replaysInOrderWithPythonAndCppRows()
{
    ReplayWindow window;
    auto& [w, replay, rec] = window;
    QSignalSpy finished(replay, &TutorialReplay::finished);
    // One action: the menu's and the tool bar's entry, with its shortcut.
    QAction* action = replay->replayAction();
    QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(w.windowActions()->presetsMenu()->actions().contains(action));
    action->trigger();
    QVERIFY(replay->isActive());
    QVERIFY(finished.wait(kTimeout));
    QCOMPARE(replay->state(), TutorialReplay::State::Idle);

    // The tutorial's order: each experiment as its Python timed the tutorial's way, its Python
    // warmed, its C++.
    const std::vector<Preset>& presets = tutorialPresets(std::max(1, logical_cores()));
    const auto& steps = replay->steps();
    QCOMPARE(steps.size(), presets.size() * 3);
    const std::vector<int> all = [&] {
        std::vector<int> v(steps.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = static_cast<int>(i);
        return v;
    }();
    QCOMPARE(rec.started, all);
    const StrategyKind order[] = {StrategyKind::Sequential, StrategyKind::ForkItems, StrategyKind::ForkItems,
                                  StrategyKind::ForkSplit,  StrategyKind::ForkSplit, StrategyKind::ForkShm,
                                  StrategyKind::Threads};
    QCOMPARE(presets.size(), std::size(order));
    QVERIFY(presets[1].config.chunksize_auto);
    QCOMPARE(presets[2].config.chunksize, std::size_t(1000));
    QCOMPARE(presets[3].config.splits, std::size_t(64));
    QVERIFY(presets[4].sweep);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        QCOMPARE(s.preset, static_cast<int>(i / 3));
        const StrategyKind cpp = order[i / 3];
        const StrategyKind want = s.timing == TutorialReplay::Timing::Cpp ? cpp : strategy_info(cpp).twin;
        QVERIFY(strategy_info(want).tutorial_python == (s.timing != TutorialReplay::Timing::Cpp));
        // What really ran for the step: its strategy, timed as the step says.
        const bool asTutorial = s.timing == TutorialReplay::Timing::AsTutorial;
        const auto ranIt = std::find_if(rec.cells.begin(), rec.cells.end(), [&](const Ran& r) {
            return r.step == static_cast<int>(i) && r.config.strategy == want;
        });
        QVERIFY2(ranIt != rec.cells.end(), qPrintable(u"step %1 ran no %2 cell"_s.arg(i).arg(qs(to_string(want)))));
        QCOMPARE(ranIt->config.as_tutorial, asTutorial);
        if (asTutorial) {
            QCOMPARE(ranIt->config.repeats, 1);
            QCOMPARE(ranIt->config.warmup, 0);
        }
        // Every cell of the step is the step's (a C++ run's sequential baseline aside).
        for (const Ran& r : rec.cells)
            if (r.step == static_cast<int>(i))
                QVERIFY(r.config.strategy == want || r.config.strategy == StrategyKind::Sequential);
    }

    // Every row filled from this machine, with its lesson; the per-item rows sized down, saying
    // so in the row and on screen; the others at the replay's size.
    TutorialPanel* tab = w.tutorial();
    for (int row = 0; row < static_cast<int>(presets.size()); ++row) {
        for (const QString& figure : {tab->tutorialTimed(row), tab->pythonMeasured(row), tab->measured(row)}) {
            QVERIFY2(!figure.contains(u"not"_s) && !figure.contains(u"failed"_s) && !figure.isEmpty(),
                     qPrintable(u"row %1: %2"_s.arg(row).arg(figure)));
        }
        QVERIFY(tab->lesson(row).contains(tab->tutorialTimed(row)));
        QVERIFY(tab->lesson(row).contains(u"cold"_s));
        const bool items = presets[static_cast<std::size_t>(row)].config.strategy == StrategyKind::ForkItems;
        QCOMPARE(tab->measured(row).contains(u"sized down"_s), items);
        QCOMPARE(tab->tutorialTimed(row).contains(u"sized down"_s), items);
        QCOMPARE(replay->sizeFor(row), items ? std::size_t(1000) : std::size_t(100'000));
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].preset == row)
                QCOMPARE(rec.sentences[i].contains(u"sized down"_s), items);
    }
    for (const Ran& r : rec.cells)
        if (r.config.strategy != StrategyKind::Sequential && r.config.strategy != StrategyKind::PySequential)
            QCOMPARE(r.config.workload.size, replay->sizeFor(steps[static_cast<std::size_t>(r.step)].preset));
    QVERIFY(w.tutorial()->replayText().contains(u"finished"_s));
}

void TestTutorialReplay::pauseWaitsBetweenStepsAndResumeGoesOn()
{
    ReplayWindow window;
    auto& [w, replay, rec] = window;
    QSignalSpy stepped(replay, &TutorialReplay::stepFinished);
    replay->start();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.started.empty(), kTimeout);
    replay->pauseAction()->trigger();   // during step 1: it ends, the next does not start
    QTRY_COMPARE_WITH_TIMEOUT(replay->state(), TutorialReplay::State::Paused, kTimeout);
    QCOMPARE(stepped.size(), 1);
    QVERIFY(!w.isRunning());
    QVERIFY(replay->pauseAction()->text().contains(u"Resume"_s));
    QVERIFY(w.tutorial()->replayText().contains(u"Paused"_s));
    QTest::qWait(1500);
    QCOMPARE(rec.started.size(), std::size_t(1));
    QVERIFY(!w.isRunning());
    replay->pauseAction()->trigger();   // resume
    QTRY_VERIFY_WITH_TIMEOUT(rec.started.size() >= 2, kTimeout);
    QCOMPARE(rec.started[1], 1);
    replay->cancel();
    QCOMPARE(replay->state(), TutorialReplay::State::Idle);
    QVERIFY(!w.isRunning());
}

void TestTutorialReplay::nextStepRunsOneExperimentAtATime()
{
    ReplayWindow window;
    auto& [w, replay, rec] = window;
    QCOMPARE(replay->nextAction()->shortcut(), QKeySequence(Qt::Key_F7));
    replay->nextAction()->trigger();   // from idle: the first experiment only
    QTRY_COMPARE_WITH_TIMEOUT(replay->state(), TutorialReplay::State::Paused, kTimeout);
    QCOMPARE(rec.started, (std::vector<int>{0, 1, 2}));
    QVERIFY(w.tutorial()->tutorialTimed(0) != tutorialPresets(1)[0].pythonHereFigure);
    QVERIFY(w.tutorial()->measured(1).contains(u"not run"_s));   // the next row waits
    replay->nextAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(rec.started.size(), std::size_t(6), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(replay->state(), TutorialReplay::State::Paused, kTimeout);
    QCOMPARE(rec.started, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    QVERIFY(!w.tutorial()->measured(1).contains(u"not run"_s));
    QTest::qWait(500);
    QCOMPARE(rec.started.size(), std::size_t(6));
    replay->cancel();
    QCOMPARE(replay->state(), TutorialReplay::State::Idle);
}

void TestTutorialReplay::cancelMidReplayLeavesNoProcess()
{
    const std::set<pid_t> before = living_descendants();
    {
        MainWindow w;
        w.show();
        TutorialReplay* replay = w.replay();
        TutorialReplay::Options o = tiny();
        o.size = 2'000'000;   // long enough a run to be cancelled while it runs
        o.runBudgetS = 1e9;   // and the per-item rows not sized down
        replay->setOptions(o);
        Recorder rec(w);
        std::set<pid_t> atStep;
        // Cancel the Pool.map row's warmed Python run while it runs (Esc, the window's Cancel).
        QObject::connect(replay, &TutorialReplay::stepStarted, replay, [&](int step) {
            if (step == 4)
                atStep = living_descendants();
        });
        replay->start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.started.size() >= 5 && w.isRunning(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(living_descendants().size() > atStep.size() || !w.isRunning(), 30'000);
        QTest::keyClick(&w, Qt::Key_Escape);
        QCOMPARE(replay->state(), TutorialReplay::State::Idle);
        QVERIFY(!w.isRunning());
        QVERIFY(w.tutorial()->replayText().contains(u"cancelled"_s) || w.tutorial()->replayText().contains(u"stopped"_s));
        // The step's processes (its interpreter's pool) are gone; an interpreter kept for the
        // next cells, started before the step, may stay until the window closes.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (pid_t pid : living_descendants())
                    if (!atStep.contains(pid))
                        return false;
                return true;
            }(),
            5000);
        QTest::qWait(300);
        QCOMPARE(rec.started.size(), std::size_t(5));   // nothing started after the cancel
        QVERIFY(replay->replayAction()->isEnabled());
    }
    // The window closed: nothing of its runs is left.
    QTRY_VERIFY_WITH_TIMEOUT(living_descendants() == before, 5000);
}

void TestTutorialReplay::oneRowTimedAsTheTutorialFromItsButton()
{
    ReplayWindow window;
    auto& [w, replay, rec] = window;
    QSignalSpy finished(replay, &TutorialReplay::finished);
    w.tutorial()->table()->selectRow(3);   // split into 64 parts
    QTest::mouseClick(w.tutorial()->findChild<QPushButton*>(u"tutorialTimingButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeout));
    QCOMPARE(rec.started, std::vector<int>{0});
    QVERIFY(!rec.cells.empty());
    for (const Ran& r : rec.cells) {
        QCOMPARE(r.config.strategy, StrategyKind::PySplit);
        QVERIFY(r.config.as_tutorial);
    }
    QVERIFY(!w.tutorial()->tutorialTimed(3).contains(u"not"_s));
    QCOMPARE(w.tutorial()->pythonMeasured(3), u"not measured here"_s);   // the warmed median is not this
    QCOMPARE(w.tutorial()->measured(3), u"not run yet"_s);
    QCOMPARE(replay->state(), TutorialReplay::State::Idle);
}

QTEST_MAIN(TestTutorialReplay)
#include "tst_tutorialreplay.moc"

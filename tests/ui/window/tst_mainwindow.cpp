// SPDX-License-Identifier: GPL-3.0-or-later
// The window with the engine behind it: sweeps fill the heatmap, Cancel stops at once and the
// window stays usable, closing during a run leaves no child behind, a failure says why.

#include "testcells.h"
#include "windowsetup.h"

#include "support/processes.h"

#include "experimentpanel.h"
#include "heatmapchart.h"
#include "labeledslider.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runprogress.h"
#include "sizeslider.h"
#include "tutorialpanel.h"

#include "chunkscope/registry.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

using testcells::setUp;
constexpr int kTimeout = testcells::kRunTimeout;

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smallSweepFillsEveryCell_data();
    void smallSweepFillsEveryCell();
    void slidersSetWhatRuns();
    void cancelStopsAndTheWindowStaysUsable();
    void closingDuringARunCancelsIt();
    void aFailedRunSaysWhy();
    void shortcutsRunAndCancel();
    void presetShowsTheTutorialsFigure();
    void pythonHereIsMeasuredHere();

private:
    testcells::IsolatedSettings settings_;
};

void TestMainWindow::smallSweepFillsEveryCell_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<QString>("splits");
    QTest::addColumn<QString>("chunks");
    QTest::addRow("threads 3x3, 10K") << int(StrategyKind::Threads) << quint64(10'000) << u"1, 4, 16"_s << u"1, 2, 4"_s;
    QTest::addRow("fork-split 2x2, 100K") << int(StrategyKind::ForkSplit) << quint64(100'000) << u"2, 8"_s << u"1, 4"_s;
    QTest::addRow("fork-shm 2x3, 50K") << int(StrategyKind::ForkShm) << quint64(50'000) << u"4, 16"_s << u"1, 2, 4"_s;
}

void TestMainWindow::smallSweepFillsEveryCell()
{
    QFETCH(int, strategy);
    QFETCH(quint64, size);
    QFETCH(QString, splits);
    QFETCH(QString, chunks);
    MainWindow w;
    w.show();
    setUp(w, StrategyKind(strategy), size, splits, chunks);
    QVERIFY2(w.panel()->canSweep(), qPrintable(w.panel()->sweepProblem()));
    const SweepSpec spec = w.panel()->sweepSpec();
    const int rows = int(spec.splits_list.size());
    const int cols = int(spec.chunks_list.size());

    QSignalSpy finished(w.controller(), &RunController::finished);
    QSignalSpy cells(w.controller(), &RunController::cellFinished);
    QSignalSpy progress(w.controller(), &RunController::progress);
    QTest::mouseClick(w.panel()->sweepButton(), Qt::LeftButton);
    QVERIFY(w.isRunning());
    QVERIFY(!w.panel()->sweepButton()->isEnabled());
    QVERIFY(w.panel()->cancelButton()->isEnabled());
    QVERIFY(finished.wait(kTimeout));
    QVERIFY2(w.problem().isEmpty(), qPrintable(w.problem()));
    QCOMPARE(cells.count(), rows * cols + 1);   // the sequential baseline first
    QVERIFY(progress.count() >= 2);

    // Every cell of the model and of the chart is filled.
    QCOMPARE(w.model()->gridCellsDone(), rows * cols);
    QVERIFY(w.model()->baselineSeconds());
    HeatmapChart* chart = w.heatmap();
    QCOMPARE(chart->rows(), rows);
    QCOMPARE(chart->columns(), cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int row = chart->modelRow(r, c);
            QVERIFY(row >= 0);
            const CellResult& result = w.model()->result(row);
            QVERIFY2(result.status == Status::Ok, result.error.c_str());
            QVERIFY(result.median_s > 0);
            QVERIFY(result.verified);
            QVERIFY(!chart->cellLabel(r, c).isEmpty());
            QVERIFY(chart->cellItem(r, c)->brush().style() == Qt::SolidPattern);
            QVERIFY(chart->cellItem(r, c)->toolTip().contains(u"median"_s));
        }
    QVERIFY(chart->bestItem()->isVisible());
    QVERIFY(!chart->runningItem()->isVisible());
    QCOMPARE(w.progress()->bar()->value(), w.progress()->bar()->maximum());
    QCOMPARE(w.progress()->text(), u"%1/%1 cells"_s.arg(rows * cols + 1));
    QVERIFY(w.panel()->sweepButton()->isEnabled());
    QVERIFY(!w.panel()->cancelButton()->isEnabled());
}

void TestMainWindow::slidersSetWhatRuns()
{
    MainWindow w;
    w.show();
    setUp(w, StrategyKind::Threads, 20'000, u"1"_s, u"1"_s);
    // Drag the sliders: 1 worker, 4 splits, chunksize 2.
    w.panel()->workersSlider()->slider()->setValue(1);
    w.panel()->splitsSlider()->slider()->setValue(2);
    w.panel()->chunksizeSlider()->slider()->setValue(1);
    QSignalSpy finished(w.controller(), &RunController::finished);
    QTest::mouseClick(w.panel()->runButton(), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeout));
    const int row = w.model()->rowAt(4, 2);
    QVERIFY(row >= 0);
    QCOMPARE(w.model()->result(row).config.workers, 1);
    QCOMPARE(w.model()->result(row).config.workload.size, 20'000u);
    QCOMPARE(w.model()->result(row).config.strategy, StrategyKind::Threads);
}

void TestMainWindow::cancelStopsAndTheWindowStaysUsable()
{
    MainWindow w;
    w.show();
    // A sweep of several seconds: 8 x 8 fresh pools of forked workers, 3 repetitions each.
    setUp(w, StrategyKind::ForkSplit, 2'000'000, u"1,2,4,8,16,32,64,128"_s, u"1,2,4,8,16,32,64,128"_s, 3);
    QSignalSpy cellDone(w.controller(), &RunController::cellFinished);
    QSignalSpy cancelled(w.controller(), &RunController::cancelled);
    QTest::mouseClick(w.panel()->sweepButton(), Qt::LeftButton);
    QVERIFY(cellDone.wait(kTimeout));   // the baseline
    QVERIFY(cellDone.wait(kTimeout));   // the first cell of the grid
    QVERIFY(w.isRunning());

    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(w.panel()->cancelButton(), Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!w.isRunning());
    QVERIFY(w.panel()->sweepButton()->isEnabled());
    QVERIFY(w.panel()->runButton()->isEnabled());
    QVERIFY(!w.heatmap()->runningItem()->isVisible());
    const int done = w.model()->gridCellsDone();
    QVERIFY(done >= 1 && done < 64);

    // Nothing of the cancelled sweep arrives afterwards.
    QTest::qWait(300);
    QCOMPARE(w.model()->gridCellsDone(), done);

    // A new small sweep runs to the end: the engine stopped the old one first.
    setUp(w, StrategyKind::Threads, 10'000, u"1,2"_s, u"1,2"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    QTest::mouseClick(w.panel()->sweepButton(), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeout));
    QVERIFY2(clock.elapsed() < 10'000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(w.model()->gridCellsDone(), 4);
    QCOMPARE(w.model()->base().strategy, StrategyKind::Threads);
}

void TestMainWindow::closingDuringARunCancelsIt()
{
    auto* w = new MainWindow;
    w->show();
    setUp(*w, StrategyKind::ForkSplit, 2'000'000, u"1,2,4,8,16,32,64,128"_s, u"1,2,4,8,16,32,64,128"_s, 3);
    QSignalSpy cellDone(w->controller(), &RunController::cellFinished);
    QTest::mouseClick(w->panel()->sweepButton(), Qt::LeftButton);
    QVERIFY(cellDone.wait(kTimeout));
    QVERIFY(w->isRunning());
    QElapsedTimer clock;
    clock.start();
    QVERIFY(w->close());
    delete w;
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QStringList children;
    for (pid_t child : chunkscope::support::children_of(getpid()))
        children += QString::number(child);
    QVERIFY2(children.isEmpty(), qPrintable(children.join(u' ')));
}

void TestMainWindow::aFailedRunSaysWhy()
{
    MainWindow w;
    w.show();
    // The panel never lets this through; the engine refuses it, and the window shows why.
    RunConfig bad = testcells::baseConfig(StrategyKind::ForkSplit);
    bad.workload.size = 10;
    bad.splits = 64;
    QSignalSpy failed(w.controller(), &RunController::failed);
    w.controller()->run(bad, false);
    QVERIFY(failed.wait(kTimeout));
    QVERIFY(!w.isRunning());
    QVERIFY2(w.problem().contains(u"splits"_s), qPrintable(w.problem()));

    // And the window is still usable.
    setUp(w, StrategyKind::Threads, 10'000, u"1,2"_s, u"1"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    QTest::mouseClick(w.panel()->sweepButton(), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeout));
    QCOMPARE(w.model()->gridCellsDone(), 2);
    QVERIFY(w.problem().isEmpty());
}

void TestMainWindow::shortcutsRunAndCancel()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    setUp(w, StrategyKind::ForkSplit, 2'000'000, u"1,2,4,8,16,32,64,128"_s, u"1,2,4,8,16,32,64,128"_s, 3);
    QSignalSpy started(w.controller(), &RunController::started);
    QSignalSpy cancelled(w.controller(), &RunController::cancelled);
    QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(started.count(), 1);
    QCOMPARE(w.model()->splitsAxis().size(), 8u);   // a sweep
    QTest::keyClick(&w, Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    setUp(w, StrategyKind::Threads, 10'000, u"1"_s, u"1"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(started.count(), 2);
    QVERIFY(finished.wait(kTimeout));
    QCOMPARE(w.model()->gridCellsDone(), 1);
}

void TestMainWindow::presetShowsTheTutorialsFigure()
{
    MainWindow w;
    w.show();
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.runPreset(0);   // sequential exp over 10M items
    QVERIFY(finished.wait(kTimeout));
    const QString measured = w.tutorial()->measured(0);
    QVERIFY2(measured.endsWith(u" s"_s) || measured.endsWith(u" ms"_s), qPrintable(measured));
    auto* figures = w.findChild<QLabel*>(u"presetFigures"_s);
    QVERIFY(figures && figures->isVisible());
    QVERIFY(figures->text().contains(u"0.143 s"_s));
    QVERIFY(figures->text().contains(measured));
    // Changing a parameter leaves the preset.
    w.panel()->sizeSlider()->setValue(20'000);
    QVERIFY(!figures->isVisible());
}

void TestMainWindow::pythonHereIsMeasuredHere()
{
    MainWindow w;
    w.show();
    // No figure from another machine is shown as "here".
    for (int row = 0; row < w.tutorial()->table()->rowCount(); ++row)
        QCOMPARE(w.tutorial()->pythonMeasured(row), u"not measured here"_s);
    if (!availability(StrategyKind::PySequential).available)
        QSKIP(availability(StrategyKind::PySequential).reason.c_str());
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.tutorial()->table()->selectRow(0);   // sequential: numpy.exp(data) over 10M items
    auto* twin = w.tutorial()->findChild<QPushButton*>(u"pythonTwinButton"_s);
    QVERIFY(twin);
    QTest::mouseClick(twin, Qt::LeftButton);
    QCOMPARE(w.panel()->config().strategy, StrategyKind::PySequential);
    QVERIFY(finished.wait(kTimeout));
    const QString python = w.tutorial()->pythonMeasured(0);
    QVERIFY2(python.endsWith(u" s"_s) || python.endsWith(u" ms"_s), qPrintable(python));
    QCOMPARE(w.tutorial()->measured(0), u"not run yet"_s);   // ours is a column of its own
    auto* figures = w.findChild<QLabel*>(u"presetFigures"_s);
    QVERIFY(figures && figures->text().contains(python));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

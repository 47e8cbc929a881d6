// SPDX-License-Identifier: GPL-3.0-or-later
// The window in front of a class: colouring the heatmap four ways, "predict, then sweep",
// and presentation mode's high contrast with the note on the strategy on screen.

#include "testcells.h"

#include "colorscaleitem.h"
#include "comparepage.h"
#include "experimentpanel.h"
#include "heatmapchart.h"
#include "heatmappage.h"
#include "labeledslider.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "session.h"
#include "sizeslider.h"
#include "speedlimitpanel.h"
#include "strategynotes.h"
#include "uiformat.h"

#include "chunkscope/registry.h"

#include <QAbstractAxis>
#include <QAction>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 120'000;

void setUpSweep(MainWindow& w, const QString& splits, const QString& chunks)
{
    ExperimentPanel* p = w.panel();
    p->strategyBox()->setCurrentIndex(p->strategyBox()->findData(int(StrategyKind::Threads)));
    p->sizeSlider()->setValue(20'000);
    p->workersSlider()->setValue(2);
    p->repeatsSlider()->setValue(1);
    p->findChild<QSpinBox*>(u"warmupBox"_s)->setValue(0);
    p->splitsListEdit()->setText(splits);
    p->chunksListEdit()->setText(chunks);
}

// A sweep of these splits and chunksizes, and the class asked for its guess first: whether the
// window now waits for the guess.
bool askForAPrediction(MainWindow& w, const QString& splits, const QString& chunks)
{
    setUpSweep(w, splits, chunks);
    w.predictAction()->trigger();
    return w.isPredicting();
}

// Clicks the middle of heatmap cell (row, column) as a person would.
void clickCell(MainWindow& w, int row, int column)
{
    const QRectF cell = w.heatmap()->cellItem(row, column)->sceneBoundingRect();
    const QPoint at = w.heatmapView()->mapFromScene(cell.center());
    QTest::mouseClick(w.heatmapView()->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void colourActionsSwitchTheHeatmap_data();
    void colourActionsSwitchTheHeatmap();
    void floorColouringMeasuresTheMachineFirst();
    void noFloorForAnotherMachinesResults();
    void measuringTheMachineMeasuresTheExperimentsDaskCluster();
    void predictThenSweepScoresTheGuess();
    void predictionCanBeAbandoned();
    void aPlainSweepForgetsTheGuess();
    void presentationModeIsHighContrast();
    void compareShowsWhyEachStrategyWinsOrLoses();
    void theControlsCanBeHiddenAndShown();

private:
    testcells::IsolatedSettings settings_;
};

void TestClassroom::colourActionsSwitchTheHeatmap_data()
{
    QTest::addColumn<int>("by");
    QTest::addColumn<QString>("label");   // the end of the fastest cell's label
    QTest::addRow("time") << int(HeatmapChart::ColorBy::Duration) << u" ms"_s;
    QTest::addRow("speedup") << int(HeatmapChart::ColorBy::Speedup) << u"×"_s;
    QTest::addRow("dominant phase") << int(HeatmapChart::ColorBy::DominantPhase) << u" %"_s;
}

void TestClassroom::colourActionsSwitchTheHeatmap()
{
    QFETCH(int, by);
    QFETCH(QString, label);
    MainWindow w;
    w.model()->setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    const auto mode = HeatmapChart::ColorBy(by);
    QAction* action = w.colorByAction(mode);
    QVERIFY(action && !action->shortcuts().isEmpty());
    action->trigger();
    QCOMPARE(w.heatmap()->effectiveColorBy(), mode);
    QVERIFY2(w.heatmap()->cellLabel(2, 0).endsWith(label), qPrintable(w.heatmap()->cellLabel(2, 0)));
    auto* box = w.findChild<QComboBox*>(u"colorByBox"_s);
    QVERIFY(box);
    QCOMPARE(box->currentData().toInt(), by);
    // The toolbar's box switches back.
    box->setCurrentIndex(box->findData(int(HeatmapChart::ColorBy::Duration)));
    Q_EMIT box->activated(box->currentIndex());
    QCOMPARE(w.heatmap()->colorBy(), HeatmapChart::ColorBy::Duration);
    QVERIFY(w.colorByAction(HeatmapChart::ColorBy::Duration)->isChecked());
}

void TestClassroom::floorColouringMeasuresTheMachineFirst()
{
    MainWindow w;
    w.model()->setResults(machine_info(), testcells::grid(2, 2), QDateTime::currentDateTime());
    QVERIFY(!w.model()->speedLimits());
    w.colorByAction(HeatmapChart::ColorBy::FloorDistance)->trigger();
    // No floor without the machine's figures: durations until they are measured.
    QCOMPARE(w.heatmap()->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->speedLimits().has_value(), kTimeout);
    QCOMPARE(w.heatmap()->effectiveColorBy(), HeatmapChart::ColorBy::FloorDistance);
    QVERIFY(w.heatmap()->cellLabel(1, 0).endsWith(u"×"_s));
    QVERIFY(w.heatmap()->colorScale()->title().contains(u"floor"_s));
    // The Python strategies' own floors come with it: the tutorial's mechanisms, measured too.
    const PythonCosts& py = w.model()->speedLimits()->python;
    QVERIFY2(py.measured(), py.error.c_str());
    const auto pyFloor = w.model()->ownFloorOf(testcells::cell(testcells::baseConfig(StrategyKind::PySplit), 4, 1, 0.5));
    QVERIFY(pyFloor && pyFloor->modelled());
}

void TestClassroom::noFloorForAnotherMachinesResults()
{
    MainWindow w;
    w.model()->setResults(machine_info(), testcells::grid(2, 2), QDateTime::currentDateTime());
    w.colorByAction(HeatmapChart::ColorBy::FloorDistance)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->speedLimits().has_value(), kTimeout);
    // A session measured elsewhere: this machine's bandwidth is no floor for it.
    ResultsModel elsewhere;
    MachineInfo other = testcells::machine();
    other.cpu_model = "Some other CPU";
    other.logical_cores = 64;
    elsewhere.setResults(other, testcells::grid(2, 2), QDateTime::currentDateTime());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"elsewhere.json"_s);
    QString error;
    QVERIFY2(saveSession(path, elsewhere, &error), qPrintable(error));
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QVERIFY(!w.model()->speedLimits());
    QCOMPARE(w.heatmap()->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
    // Running here again brings the floor back.
    w.model()->setResults(machine_info(), testcells::grid(2, 2), QDateTime::currentDateTime());
    setUpSweep(w, u"1"_s, u"1"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.startSweep();
    QVERIFY(finished.wait(kTimeout));
    QVERIFY(w.model()->speedLimits());
    QCOMPARE(w.heatmap()->effectiveColorBy(), HeatmapChart::ColorBy::FloorDistance);
}

void TestClassroom::measuringTheMachineMeasuresTheExperimentsDaskCluster()
{
    if (!availability(StrategyKind::PyDaskCluster).available)
        QSKIP("no dask.distributed here");
    MainWindow w;
    ExperimentPanel* p = w.panel();
    p->strategyBox()->setCurrentIndex(p->strategyBox()->findData(int(StrategyKind::PyDaskCluster)));
    p->workersSlider()->setValue(1);
    QCOMPARE(p->config().strategy, StrategyKind::PyDaskCluster);
    w.measureMachine();
    QTRY_VERIFY_WITH_TIMEOUT(w.model()->speedLimits().has_value(), kTimeout);
    const DaskClusterCosts& d = w.model()->speedLimits()->dask;
    QVERIFY2(d.measured(), d.error.c_str());
    QCOMPARE(d.workers, 1);
    QVERIFY(d.scheduler.empty());
    QVERIFY(w.speedLimitPanel()->text().contains(u"Dask cluster (a LocalCluster of 1)"_s));
    // Its own floor now, from the cluster's figures.
    const auto floor = w.model()->ownFloorOf(testcells::cell(testcells::baseConfig(StrategyKind::PyDaskCluster), 4, 1, 0.5));
    QVERIFY(floor && floor->modelled());
}

void TestClassroom::predictThenSweepScoresTheGuess()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(askForAPrediction(w, u"1, 4"_s, u"1, 2"_s));
    QVERIFY(!w.isRunning());
    // The empty grid is there to choose from, and the class is asked.
    QCOMPARE(w.heatmap()->rows(), 2);
    QCOMPARE(w.heatmap()->columns(), 2);
    QVERIFY(w.heatmapPage()->predictionLabel()->isVisible());
    QVERIFY(w.heatmapPage()->predictionLabel()->text().contains(u"Click"_s));

    QSignalSpy finished(w.controller(), &RunController::finished);
    clickCell(w, 1, 0);   // splits 4 × chunksize 1
    QVERIFY(!w.isPredicting());
    QVERIFY(w.isRunning());
    QCOMPARE(w.prediction(), (std::optional<GridPoint>{{4, 1}}));
    QVERIFY(w.heatmap()->predictionItem()->isVisible());
    QVERIFY(finished.wait(kTimeout));
    QCOMPARE(w.model()->gridCellsDone(), 4);
    // The verdict names the guess and ranks it.
    const QString verdict = w.heatmapPage()->predictionLabel()->text();
    QVERIFY2(verdict.contains(u"splits 4 × chunksize 1"_s), qPrintable(verdict));
    const auto outcome = scorePrediction(*w.model(), {4, 1});
    QVERIFY(outcome);
    QCOMPARE(verdict, predictionVerdict(*outcome));
    QVERIFY(w.heatmap()->predictionItem()->isVisible());
}

void TestClassroom::predictionCanBeAbandoned()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(askForAPrediction(w, u"1, 2"_s, u"1"_s));
    QTest::keyClick(&w, Qt::Key_Escape);
    QVERIFY(!w.isPredicting());
    QVERIFY(!w.isRunning());
    QVERIFY(!w.heatmapPage()->predictionLabel()->isVisible());
    // A click now selects, it does not start a sweep.
    clickCell(w, 0, 0);
    QVERIFY(!w.isRunning());
}

void TestClassroom::aPlainSweepForgetsTheGuess()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    setUpSweep(w, u"1, 2"_s, u"1"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.predictAction()->trigger();
    clickCell(w, 0, 0);
    QVERIFY(finished.wait(kTimeout));
    QVERIFY(w.prediction());
    w.startSweep();
    QVERIFY(!w.prediction());
    QVERIFY(!w.heatmap()->predictionItem()->isVisible());
    QVERIFY(!w.heatmapPage()->predictionLabel()->isVisible());
    QVERIFY(finished.wait(kTimeout));
}

void TestClassroom::presentationModeIsHighContrast()
{
    MainWindow w;
    w.show();
    w.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    QAbstractAxis* axis = w.heatmap()->axes().front();
    const QBrush before = axis->labelsBrush();
    QVERIFY(!w.heatmapPage()->strategyNote()->isVisible());

    w.setPresentationMode(true);
    QVERIFY(w.heatmap()->highContrast());
    QCOMPARE(w.palette().color(QPalette::WindowText), QColor(Qt::black));
    QCOMPARE(w.palette().color(QPalette::Window), QColor(Qt::white));
    QCOMPARE(axis->labelsBrush().color(), QColor(Qt::black));
    // The controls are hidden, so the strategy on screen is explained above the heatmap.
    QVERIFY(w.heatmapPage()->strategyNote()->isVisible());
    QVERIFY(w.heatmapPage()->strategyNote()->text().contains(strategyLesson(StrategyKind::ForkSplit).toHtmlEscaped()));

    w.setPresentationMode(false);
    QVERIFY(!w.heatmap()->highContrast());
    QCOMPARE(axis->labelsBrush(), before);
    QVERIFY(!w.heatmapPage()->strategyNote()->isVisible());
}

void TestClassroom::compareShowsWhyEachStrategyWinsOrLoses()
{
    MainWindow w;
    const QString notes = w.comparePage()->strategyNotes()->text();
    for (StrategyKind s : all_strategies()) {
        QVERIFY2(notes.contains(u"<b>"_s + qs(to_string(s)) + u"</b>"_s), to_string(s).data());
        QVERIFY(!strategyLesson(s).isEmpty());
        QVERIFY2(notes.contains(strategyLesson(s).toHtmlEscaped()), to_string(s).data());
    }
}

void TestClassroom::theControlsCanBeHiddenAndShown()
{
    MainWindow w;
    w.show();
    auto* dock = w.findChild<QDockWidget*>(u"experimentDock"_s);
    QVERIFY(dock && dock->isVisible());
    QAction* toggle = dock->toggleViewAction();
    QVERIFY(toggle->isEnabled());   // View ▸ Experiment
    toggle->trigger();
    QVERIFY(!dock->isVisible());
    toggle->trigger();
    QVERIFY(dock->isVisible());
}

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"

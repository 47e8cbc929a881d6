// SPDX-License-Identifier: GPL-3.0-or-later
// The views that show why: phase breakdown, worker timeline, trace export, strategy comparison
// and scaling, on synthetic results (no engine runs).

#include "comparechart.h"
#include "comparepage.h"
#include "mainwindow.h"
#include "phasechart.h"
#include "resultsmodel.h"
#include "scalingchart.h"
#include "scalingpage.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"
#include "strategynotes.h"
#include "testcells.h"
#include "timelineview.h"
#include "uiformat.h"

#include "chunkscope/config.h"

#include <QBarSet>
#include <QChartView>
#include <QDateTime>
#include <QFile>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSet>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// A cell with tasks on `workers` workers: task i on worker i % workers, 1 ms each, back to back per worker.
CellResult cellWithEvents(int workers, int tasks)
{
    RunConfig base = testcells::baseConfig(StrategyKind::ForkSplit);
    base.workers = workers;
    CellResult r = testcells::cell(base, static_cast<std::size_t>(tasks), 1, 0.02);
    for (int i = 0; i < tasks; ++i) {
        TaskEvent e;
        e.worker = i % workers;
        e.task = static_cast<std::uint32_t>(i);
        e.start_s = 0.002 + 0.0015 * (i / workers) + 0.0001 * (i % workers);
        e.end_s = e.start_s + 0.001;
        e.items = 1000;
        e.bytes = 16000;
        r.events.push_back(e);
    }
    return r;
}

} // namespace

class TestAnalysisViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void phaseBarsAreTheCellsPhases_data();
    void phaseBarsAreTheCellsPhases();
    void phaseBarShowsEachPhasesOwnFloorBesideIt();
    void timelineHasOneLanePerWorkerAndOneItemPerEvent_data();
    void timelineHasOneLanePerWorkerAndOneItemPerEvent();
    void timelineZooms();
    void traceExportWritesTraceEvents();
    void comparisonHasOneBarPerStrategy();
    void comparisonPairsEachStrategyWithItsTwin();
    void compareNotesExplainEveryStrategy();
    void scalingShowsIdealAndAmdahl();
    void scalingWorkerCounts_data();
    void scalingWorkerCounts();

private:
    testcells::IsolatedSettings settings_;
};

void TestAnalysisViews::phaseBarsAreTheCellsPhases_data()
{
    QTest::addColumn<double>("median");
    QTest::addRow("2 ms") << 0.002;
    QTest::addRow("1.5 s") << 1.5;
}

void TestAnalysisViews::phaseBarsAreTheCellsPhases()
{
    QFETCH(double, median);
    const CellResult cell = testcells::cell(testcells::baseConfig(), 4, 16, median);
    PhaseChart chart;
    chart.setCell(&cell);
    const double expected[] = {cell.phases.startup_s, cell.phases.scatter_s, cell.phases.compute_s,
                               cell.phases.gather_s, cell.phases.shutdown_s};
    double sum = 0;
    for (std::size_t i = 0; i < kPhaseCount; ++i) {
        const Phase p = kAllPhases[i];
        QCOMPARE(chart.phaseSet(p)->count(), 1);
        QVERIFY(qFuzzyCompare(chart.phaseSet(p)->at(0), expected[i] * 1000.0));
        QVERIFY(!PhaseChart::phaseExplanation(p).isEmpty());
        sum += chart.phaseSet(p)->at(0);
    }
    QVERIFY(qFuzzyCompare(sum, cell.phases.total() * 1000.0));
    chart.setCell(nullptr);
    for (Phase p : kAllPhases)
        QCOMPARE(chart.phaseSet(p)->at(0), 0.0);
}

void TestAnalysisViews::phaseBarShowsEachPhasesOwnFloorBesideIt()
{
    RunConfig config = testcells::baseConfig();
    config.strategy = StrategyKind::ForkSplit;
    CellResult cell = testcells::cell(config, 4, 16, 0.2);
    OwnFloor floor;
    floor.phases.startup_s = 0.001;
    floor.phases.scatter_s = 0.04;
    floor.phases.compute_s = 0.01;
    floor.phases.gather_s = 0.04;
    floor.total_s = 0.081;
    PhaseChart chart;
    chart.setCell(&cell, floor);
    QVERIFY(chart.showsFloor());
    for (Phase p : kAllPhases) {
        QCOMPARE(chart.phaseSet(p)->count(), 2);
        QVERIFY(qFuzzyCompare(1.0 + chart.phaseSet(p)->at(PhaseChart::kMeasuredBar), 1.0 + cell.phases[p] * 1000.0));
        QVERIFY(qFuzzyCompare(1.0 + chart.phaseSet(p)->at(PhaseChart::kFloorBar), 1.0 + floor.phases[p] * 1000.0));
        QVERIFY(chart.phaseSet(p)->isBarSelected(PhaseChart::kFloorBar));
        QVERIFY(!chart.phaseSet(p)->isBarSelected(PhaseChart::kMeasuredBar));
    }
    const QString tip = chart.barToolTip(Phase::Scatter, PhaseChart::kFloorBar);
    QVERIFY2(tip.contains(formatSeconds(0.04)) && tip.contains(formatSeconds(cell.phases.scatter_s)), qPrintable(tip));
    QVERIFY2(tip.contains(u"pipes"_s), qPrintable(tip));   // fork-split's model, in words
    QVERIFY2(chart.title().contains(formatSeconds(0.081)), qPrintable(chart.title()));
    // A cell without a floor (or a strategy without a model) goes back to one bar.
    chart.setCell(&cell);
    QVERIFY(!chart.showsFloor());
    for (Phase p : kAllPhases)
        QCOMPARE(chart.phaseSet(p)->count(), 1);
    chart.setCell(&cell, OwnFloor{});
    QVERIFY2(!chart.showsFloor(), "an unmodelled floor draws nothing");
}

void TestAnalysisViews::timelineHasOneLanePerWorkerAndOneItemPerEvent_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("tasks");
    QTest::addRow("2 workers, 8 tasks") << 2 << 8;
    QTest::addRow("4 workers, 3 tasks (one idle)") << 4 << 3;
    QTest::addRow("8 workers, 64 tasks") << 8 << 64;
}

void TestAnalysisViews::timelineHasOneLanePerWorkerAndOneItemPerEvent()
{
    QFETCH(int, workers);
    QFETCH(int, tasks);
    const CellResult cell = cellWithEvents(workers, tasks);
    TimelineView view;
    view.resize(800, 400);
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), workers);
    QCOMPARE(static_cast<int>(view.eventItems().size()), tasks);
    const double pps = view.pixelsPerSecond();
    QVERIFY(pps > 0);
    for (int i = 0; i < tasks; ++i) {
        const QGraphicsRectItem* item = view.eventItems()[static_cast<std::size_t>(i)];
        const TaskEvent& e = cell.events[static_cast<std::size_t>(i)];
        QVERIFY(qAbs(item->pos().x() - (TimelineView::LeftMargin + e.start_s * pps)) < 1e-6);
        QVERIFY(qAbs(item->rect().width() - std::max(1.0, (e.end_s - e.start_s) * pps)) < 1e-6);
        // Tasks of one worker share a lane.
        const double laneY = TimelineView::TopMargin + TimelineView::LaneGap / 2 +
                             e.worker * (TimelineView::LaneHeight + TimelineView::LaneGap);
        QVERIFY(qAbs(item->pos().y() - laneY) < 1e-6);
    }
    view.setCell(nullptr);
    QCOMPARE(view.laneCount(), 0);
    QVERIFY(view.eventItems().empty());
}

void TestAnalysisViews::timelineZooms()
{
    const CellResult cell = cellWithEvents(2, 8);
    TimelineView view;
    view.resize(800, 400);
    view.setCell(&cell);
    const double before = view.pixelsPerSecond();
    view.zoomIn();
    QVERIFY(view.pixelsPerSecond() > before);
    const QGraphicsRectItem* item = view.eventItems().back();
    QVERIFY(qAbs(item->pos().x() - (TimelineView::LeftMargin + cell.events.back().start_s * view.pixelsPerSecond())) <
            1e-6);
    view.zoomOut();
    view.zoomOut();
    QVERIFY(view.pixelsPerSecond() < before);
    view.fitToView();
    QVERIFY(qAbs(view.pixelsPerSecond() - before) < 1e-6 * before);
}

void TestAnalysisViews::traceExportWritesTraceEvents()
{
    MainWindow window;
    std::vector<CellResult> cells = testcells::grid(2, 2);
    cells.push_back(cellWithEvents(3, 9));
    window.model()->setResults(testcells::machine(), cells, QDateTime::currentDateTime());
    const int row = window.model()->rowCount() - 1;
    window.selectRow(row);
    QVERIFY(window.selectedCell() != nullptr);
    QCOMPARE(static_cast<int>(window.selectedCell()->events.size()), 9);
    QCOMPARE(window.timeline()->laneCount(), 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"trace.json"_s);
    QString error;
    QVERIFY2(window.exportTrace(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    const QJsonArray events = doc.object().value(u"traceEvents"_s).toArray();
    // One "X" event per task, on one pid per worker process (ts and dur in microseconds).
    int tasks = 0;
    QSet<int> pids;
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(u"ph"_s).toString() != u"X"_s || !e.value(u"name"_s).toString().startsWith(u"task"_s))
            continue;
        ++tasks;
        pids.insert(e.value(u"pid"_s).toInt());
        QVERIFY(e.value(u"dur"_s).toDouble() > 900 && e.value(u"dur"_s).toDouble() < 1100);
    }
    QCOMPARE(tasks, 9);
    QCOMPARE(pids.size(), 3);
    QVERIFY(!window.exportTrace(dir.filePath(u"no/such/dir/trace.json"_s), &error));
}

void TestAnalysisViews::comparisonHasOneBarPerStrategy()
{
    std::vector<CellResult> results;
    double median = 0.1;
    for (StrategyKind kind : all_strategies()) {
        if (strategy_info(kind).external)
            continue;   // the Python twins pair with ours: comparisonPairsEachStrategyWithItsTwin
        RunConfig config = testcells::baseConfig(kind);
        results.push_back(testcells::cell(config, 4, 16, median));
        median *= 0.7;
    }
    CompareChart chart;
    QCOMPARE(chart.barCount(), 0);
    chart.setResults(results);
    QVERIFY(!chart.paired());
    QVERIFY(!chart.twinBars());
    QCOMPARE(chart.barCount(), static_cast<int>(results.size()));
    QCOMPARE(chart.categories().size(), chart.barCount());
    for (int i = 0; i < chart.barCount(); ++i) {
        QVERIFY(qFuzzyCompare(chart.barValue(i), results[static_cast<std::size_t>(i)].median_s * 1000.0));
        // The full name beside the bar, its time and ratio to sequential at its end.
        QCOMPARE(chart.categories().at(i), qs(to_string(results[static_cast<std::size_t>(i)].config.strategy)));
        if (i > 0)
            QVERIFY(chart.valueLabels().at(i)->text().contains(u"× sequential"_s));   // top first
    }
    QVERIFY(qFuzzyCompare(chart.speedup(1), 1 / 0.7));
    QCOMPARE(chart.floorLine()->count(), 0);

    SpeedLimits limits;
    limits.copy_bandwidth = 10e9;
    limits.scale_bandwidth = 12e9;
    limits.throughput.push_back({results.front().config.workload.function, results.front().config.workload.kernel, 2.0});
    chart.setSpeedLimits(limits, 4);
    QCOMPARE(chart.floorLine()->count(), chart.barCount());
    for (const QPointF& p : chart.floorLine()->points())
        QVERIFY(p.x() > 0);   // the floor in ms along the bars, at its row
}

void TestAnalysisViews::comparisonPairsEachStrategyWithItsTwin()
{
    // As compare_plan runs them: ours, then the Python twins; Python ten times slower.
    std::vector<CellResult> results;
    for (StrategyKind kind : all_strategies()) {
        if (strategy_info(kind).external && !strategy_info(kind).tutorial_python)
            continue;   // the mpi strategies: no twin, a category of their own as any
        const bool python = strategy_info(kind).tutorial_python;
        results.push_back(testcells::cell(testcells::baseConfig(kind), 4, 16, python ? 0.1 : 0.01));
    }
    results.back().status = Status::Failed;   // py-dask-distributed
    CompareChart chart;
    chart.setResults(results);
    QVERIFY(chart.paired());
    QVERIFY(chart.twinBars());
    // sequential, fork-items, fork-split, fork-shm, threads with their twins, tbb, omp and std-par
    // (none); then py-numexpr, py-numba, py-futures, py-joblib and py-dask, whose twins are paired
    // already, and py-dask-cluster and py-dask-distributed, whose twins (mpi, mpi-distributed) are
    // not among these results, on rows of their own.
    const QStringList names = chart.categories();
    QCOMPARE(names.size(), 15);
    QCOMPARE(names[2], u"fork-split · py-split"_s);
    QCOMPARE(names[5], u"tbb"_s);   // no twin
    // None: a bar of no length, at the axis' left end.
    QCOMPARE(chart.twinValue(5), static_cast<QLogValueAxis*>(chart.axes(Qt::Horizontal).front())->min());
    QCOMPARE(names[6], u"omp"_s);
    QCOMPARE(names[7], u"std-par"_s);
    QCOMPARE(names[8], u"py-numexpr"_s);   // threads' twin too: a row of its own
    QCOMPARE(names[12], u"py-dask"_s);
    QCOMPARE(names[14], u"py-dask-distributed"_s);
    QCOMPARE(chart.valueText(results.back()), u"failed"_s);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(qFuzzyCompare(chart.barValue(i), 10.0));
        QVERIFY(qFuzzyCompare(chart.twinValue(i), 100.0));
    }
    // Without Python results again, one bar per strategy.
    results.resize(8);
    chart.setResults(results);
    QVERIFY(!chart.paired());
    QCOMPARE(chart.barCount(), 8);
}

void TestAnalysisViews::compareNotesExplainEveryStrategy()
{
    ComparePage page;
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* notes = page.findChild<QLabel*>(u"strategyNotes"_s);
    QVERIFY(notes);
    QCOMPARE(notes, page.strategyNotes());
    QVERIFY(notes->wordWrap());
    QCOMPARE(notes->textFormat(), Qt::RichText);
    // Beside the chart, on its right, and narrow.
    const QRect chart(page.compareView()->mapTo(&page, QPoint()), page.compareView()->size());
    const QRect text(notes->mapTo(&page, QPoint()), notes->size());
    QVERIFY(text.left() > chart.right());
    QVERIFY(text.top() < chart.bottom() && chart.top() < text.bottom());
    QVERIFY(text.width() > 0 && text.width() <= 380);

    // Every strategy, in the order of all_strategies(): its name in bold, what it does, and a
    // lesson of its own on where its time goes.
    const QString html = notes->text();
    QCOMPARE(html, strategyNotesHtml());
    QStringList lessons;
    qsizetype previous = -1;
    for (StrategyKind s : all_strategies()) {
        const QString name = qs(to_string(s));
        const qsizetype at = html.indexOf(u"<b>"_s + name + u"</b>"_s);
        QVERIFY2(at > previous, qPrintable(name));
        previous = at;
        QVERIFY2(html.indexOf(qs(describe(s)).toHtmlEscaped(), at) > at, qPrintable(name));
        const QString lesson = strategyLesson(s);
        QVERIFY2(!lesson.isEmpty(), qPrintable(name));
        QVERIFY2(html.indexOf(lesson.toHtmlEscaped(), at) > at, qPrintable(name));
        QVERIFY2(!lessons.contains(lesson), qPrintable(name));
        lessons.append(lesson);
    }
}

void TestAnalysisViews::scalingShowsIdealAndAmdahl()
{
    std::vector<CellResult> results;
    const double baseline = 0.1;
    const double serial = 0.2;
    for (int w : {1, 2, 4, 8}) {
        RunConfig config = testcells::baseConfig(StrategyKind::Threads);
        config.workers = w;
        results.push_back(testcells::cell(config, 4, 16, baseline * (serial + (1 - serial) / w)));
    }
    ScalingChart chart;
    QCOMPARE(chart.measuredPoints()->count(), 0);
    chart.setResults(baseline, results);
    QCOMPARE(chart.measuredPoints()->count(), 4);
    QVERIFY(chart.idealLine()->count() >= 2);
    QCOMPARE(chart.idealLine()->points().back(), QPointF(8, 8));
    QVERIFY(chart.amdahlLine()->count() > 2);
    QVERIFY(qAbs(chart.serialFraction() - serial) < 0.01);
    QVERIFY(chart.amdahlLine()->name().contains(u"0.2"_s));
    QVERIFY(chart.title().contains(u"0.2"_s));

    // Past the cores, workers only queue: the fit can stop at the core count.
    results.back().median_s = baseline * 2;
    chart.setFitLimit(4);
    chart.setResults(baseline, results);
    QVERIFY(qAbs(chart.serialFraction() - serial) < 0.01);
    QVERIFY(chart.amdahlLine()->name().contains(u"up to 4"_s));
}

void TestAnalysisViews::scalingWorkerCounts_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<std::vector<int>>("workers");
    QTest::addRow("unknown") << 0 << std::vector<int>{1, 2};
    QTest::addRow("1 core") << 1 << std::vector<int>{1, 2};
    QTest::addRow("2 cores") << 2 << std::vector<int>{1, 2, 3, 4};
    QTest::addRow("3 cores") << 3 << std::vector<int>{1, 2, 3, 4, 5, 6};
    QTest::addRow("8 cores") << 8 << std::vector<int>{1, 2, 3, 4, 6, 8, 10, 12, 14, 16};
    QTest::addRow("10 cores") << 10 << std::vector<int>{1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20};
    QTest::addRow("16 cores") << 16 << std::vector<int>{1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 32};
}

void TestAnalysisViews::scalingWorkerCounts()
{
    QFETCH(int, cores);
    QFETCH(std::vector<int>, workers);
    // The window plans what the CLI plans: the core decides (chunkscope::default_workers_list).
    QCOMPARE(default_workers_list(cores), workers);
}

QTEST_MAIN(TestAnalysisViews)
#include "tst_analysisviews.moc"

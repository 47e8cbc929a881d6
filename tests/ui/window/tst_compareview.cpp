// SPDX-License-Identifier: GPL-3.0-or-later
// The analyses in front of a class: Compare paints a bar as each strategy's cell ends, Cancel keeps
// the finished cells (chart, Results table, saved session), the bars carry full names and
// unclipped labels at 1280 × 720 and in presentation mode, a single Run shows as its bar beside
// sequential with its phases, the tutorial's Python shows no kernel, the cell budget reaches
// the run's configuration, and the ETA is a range from the cells that ran.

#include "testcells.h"
#include "windowsetup.h"

#include "comparechart.h"
#include "comparepage.h"
#include "experimentpanel.h"
#include "heatmappage.h"
#include "mainwindow.h"
#include "phasechart.h"
#include "presets.h"
#include "presettracker.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runprogress.h"
#include "scalingchart.h"
#include "scalingpage.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QJsonArray>
#include <QLabel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScatterSeries>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = testcells::kRunTimeout;

// A shown window set up for small threads cells (20,000 items, 2 splits, chunksize 1), and a spy
// on the cells its comparisons and scalings finish.
struct SmallThreadsWindow {
    MainWindow w;
    QSignalSpy cells{w.controller(), &RunController::analysisCellFinished};
    SmallThreadsWindow()
    {
        w.show();
        testcells::setUp(w, StrategyKind::Threads, 20'000, u"2"_s, u"1"_s);
    }
};

// Runs start (a comparison or a scaling) until `cells` has caught three of its cells, cancels it
// and gives it 300 ms (nothing of the cancelled run arrives, nothing goes): whether the three
// came in time and the run stopped.
bool threeCellsThenCancel(MainWindow& w, QSignalSpy& cells, void (MainWindow::*start)())
{
    (w.*start)();
    while (cells.count() < 3)
        if (!cells.wait(kTimeout))
            return false;
    w.cancelRun();
    if (w.isRunning())
        return false;
    QTest::qWait(300);
    return true;
}

// Every strategy compare_plan runs, as finished results (Python ten times slower than ours).
std::vector<CellResult> everyStrategy()
{
    std::vector<CellResult> results;
    for (StrategyKind kind : all_strategies()) {
        const bool python = strategy_info(kind).tutorial_python;
        results.push_back(testcells::cell(testcells::baseConfig(kind), 4, 16, python ? 0.812 : 0.0123));
    }
    results.front().median_s = 0.143;   // sequential
    return results;
}

// The text of every label drawn in the chart's scene: axis labels (rich text) and the bars' values.
QStringList drawnTexts(QChartView* view)
{
    QStringList texts;
    for (QGraphicsItem* item : view->scene()->items()) {
        if (!item->isVisible())
            continue;
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
            texts += text->toPlainText();
        else if (auto* simple = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            texts += simple->text();
    }
    return texts;
}

// Every strategy name whole in the drawn axis labels, nothing elided, every value label whole
// inside the chart's plot area.
void checkReadable(QChartView* view, CompareChart* chart, const std::vector<CellResult>& results)
{
    QCoreApplication::processEvents();
    const QStringList texts = drawnTexts(view);
    for (const QString& t : texts)
        QVERIFY2(!t.contains(u"..."_s) && !t.contains(u"…"_s),
                 qPrintable(u"elided: %1 among %5 (view %2 wide, plot from %3 to %4)"_s.arg(t)
                                .arg(view->width())
                                .arg(chart->plotArea().left())
                                .arg(chart->plotArea().right())
                                .arg(texts.join(u" | "_s))));
    for (const CellResult& r : results) {
        const QString name = qs(to_string(r.config.strategy));
        const bool drawn = std::any_of(texts.begin(), texts.end(),
                                       [&](const QString& t) { return t.split(u" · "_s).contains(name); });
        QVERIFY2(drawn, qPrintable(u"no whole label for "_s + name + u" in: "_s + texts.join(u" | "_s)));
    }
    const QRectF plot = chart->plotArea();
    QCOMPARE(chart->valueLabels().size(), static_cast<qsizetype>(results.size()));
    for (QGraphicsSimpleTextItem* label : chart->valueLabels()) {
        QVERIFY(label->isVisible());
        const QRectF box = label->sceneBoundingRect();
        QVERIFY2(box.right() <= plot.right() + 1 && box.left() >= plot.left() - 1,
                 qPrintable(u"%1 at %2..%3 outside %4..%5"_s.arg(label->text())
                                .arg(box.left())
                                .arg(box.right())
                                .arg(plot.left())
                                .arg(plot.right())));
        // The font says the text fits the space it was given.
        QVERIFY(QFontMetricsF(label->font()).horizontalAdvance(label->text()) <= plot.width());
        // No label covers another.
        for (QGraphicsSimpleTextItem* other : chart->valueLabels())
            QVERIFY2(other == label || !other->sceneBoundingRect().intersects(box),
                     qPrintable(label->text() + u" over "_s + other->text()));
    }
}

} // namespace

class TestCompareView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void barsCarryTimeAndRatioToSequential();
    void titleSaysTheParallelStrategiesWorkers();
    void noNameElidedAt1280x720_data();
    void noNameElidedAt1280x720();
    void comparePaintsAsEachCellEnds();
    void cancelKeepsTheFinishedCells();
    void scalingPaintsAsEachCellEndsAndKeepsThem();
    void reopenedSessionDrawsItsComparisonAndScaling();
    void singleRunIsABarBesideSequential();
    void pythonTitlesShowNoKernel();
    void cellBudgetReachesTheRun();
    void presetKeepsTheUsersBudget();
    void etaIsARangeFromTheCellsThatRan();

private:
    testcells::IsolatedSettings settings_;
};

void TestCompareView::barsCarryTimeAndRatioToSequential()
{
    std::vector<CellResult> results = everyStrategy();
    results[1].budget_cut = true;
    results[1].samples = {0.0123};
    results[1].warmup_runs = 0;
    CompareChart chart;
    chart.setResults(results);
    QVERIFY(chart.paired());
    QCOMPARE(chart.valueText(results.front()), formatSeconds(0.143) + u" · the baseline"_s);
    const QString ratio = formatSeconds(0.0123) + u" · "_s + formatSpeedup(0.0123 / 0.143) + u" sequential"_s;
    QVERIFY2(chart.valueText(results[2]) == ratio, qPrintable(chart.valueText(results[2])));
    // A cell the budget cut says how many runs it got.
    QVERIFY(chart.valueText(results[1]).startsWith(ratio));
    QVERIFY2(chart.valueText(results[1]).contains(u"1 timed run"_s), qPrintable(chart.valueText(results[1])));
    QVERIFY(chart.barToolTip(results[1]).contains(u"budget"_s));
    // A C++ strategy and its Python twin share a row: fork-split over py-split.
    const QStringList rows = chart.categories();
    QVERIFY(rows.contains(u"fork-split · py-split"_s));
    QVERIFY(chart.axes(Qt::Horizontal).front()->titleText().contains(u"log scale"_s));
}

void TestCompareView::titleSaysTheParallelStrategiesWorkers()
{
    // As `compare --workers 2` runs them: sequential (one worker, whatever was asked) first.
    std::vector<CellResult> results = everyStrategy();
    for (CellResult& r : results)
        r.config.workers = r.config.strategy == StrategyKind::Sequential ? 1 : 2;
    CompareChart chart;
    chart.setResults(results);
    QVERIFY2(chart.title().contains(u"N = %1 · 2 workers"_s.arg(formatCount(results.front().config.workload.size))),
             qPrintable(chart.title()));
    // One worker is one worker, in the chart as in every title (workersText).
    for (CellResult& r : results)
        r.config.workers = 1;
    chart.setResults(results);
    QVERIFY2(chart.title().endsWith(u" · 1 worker"_s), qPrintable(chart.title()));
    QCOMPARE(workersText(1), u"1 worker"_s);
    QCOMPARE(workersText(2), u"2 workers"_s);
    QVERIFY(experimentTitle(results.back().config).contains(u" · 1 worker"_s) ||
            !strategy_info(results.back().config.strategy).uses(Knob::Workers));
}

void TestCompareView::noNameElidedAt1280x720_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("presenting");
    QTest::addRow("1280x720") << QSize(1280, 720) << false;
    QTest::addRow("default size") << QSize() << false;
    QTest::addRow("presentation mode") << QSize(1280, 720) << true;
}

void TestCompareView::noNameElidedAt1280x720()
{
    QFETCH(QSize, size);
    QFETCH(bool, presenting);
    MainWindow w;
    if (size.isValid())
        w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.tabs()->setCurrentWidget(w.comparePage());
    const std::vector<CellResult> results = everyStrategy();
    w.compareChart()->setResults(results);
    if (presenting) {
        w.setPresentationMode(true);
        // Full screen on the offscreen platform is its virtual screen: a projector's 1280 × 720 instead.
        w.showNormal();
        w.resize(1280, 720);
    }
    QTest::qWait(50);
    checkReadable(w.comparePage()->compareView(), w.compareChart(), results);
    // Without the Python twins too: one bar per strategy.
    std::vector<CellResult> ours;
    for (const CellResult& r : results)
        if (!strategy_info(r.config.strategy).tutorial_python)
            ours.push_back(r);
    w.compareChart()->setResults(ours);
    QTest::qWait(50);
    checkReadable(w.comparePage()->compareView(), w.compareChart(), ours);
    // The notes beside the chart wrap within their column, whatever the font: none is cut.
    QLabel* notes = w.comparePage()->strategyNotes();
    QVERIFY(notes->parentWidget()->width() > 0);
    QVERIFY2(notes->width() <= notes->parentWidget()->width(),
             qPrintable(u"%1 > %2"_s.arg(notes->width()).arg(notes->parentWidget()->width())));
    if (presenting)
        w.setPresentationMode(false);
}

void TestCompareView::comparePaintsAsEachCellEnds()
{
    MainWindow w;
    w.show();
    testcells::setUp(w, StrategyKind::Threads, 20'000, u"2"_s, u"1"_s);
    // What the chart holds as each cell ends (the window's own handler has run by then).
    QList<int> shown;
    QList<bool> running;
    connect(w.controller(), &RunController::analysisCellFinished, &w, [&] {
        shown.append(static_cast<int>(w.compareChart()->results().size()));
        running.append(w.isRunning());
    });
    QSignalSpy cells(w.controller(), &RunController::analysisCellFinished);
    w.compareStrategies();
    QVERIFY(w.isRunning());
    QCOMPARE(w.compareChart()->barCount(), 0);
    while (cells.count() < 3)
        QVERIFY(cells.wait(kTimeout));
    // Each strategy's bar is there as its cell ends, while the others still run.
    for (int i = 0; i < shown.size(); ++i) {
        QCOMPARE(shown[i], i + 1);
        QVERIFY(running[i]);
    }
    QCOMPARE(w.compareChart()->results().front().config.strategy, StrategyKind::Sequential);
    QVERIFY(w.compareChart()->barCount() >= 3);
    QVERIFY(w.compareChart()->valueLabels().size() >= 3);
    w.cancelRun();
    QVERIFY(!w.isRunning());
}

void TestCompareView::cancelKeepsTheFinishedCells()
{
    SmallThreadsWindow window;
    auto& [w, cells] = window;
    QVERIFY(threeCellsThenCancel(w, cells, &MainWindow::compareStrategies));
    const int kept = static_cast<int>(cells.count());
    std::vector<StrategyKind> finished;
    for (const QList<QVariant>& args : cells)
        finished.push_back(args.at(0).value<CellPtr>()->config.strategy);
    const std::vector<RunConfig> plan = compare_plan(w.panel()->config());
    for (int i = 0; i < kept; ++i)
        QCOMPARE(finished[static_cast<std::size_t>(i)], plan[static_cast<std::size_t>(i)].strategy);

    // The chart keeps their bars.
    QCOMPARE(static_cast<int>(w.compareChart()->results().size()), kept);
    QCOMPARE(w.compareChart()->barCount(), kept);
    // The Results table has a row for each.
    for (StrategyKind kind : finished) {
        bool found = false;
        for (int row = 0; row < w.model()->rowCount(); ++row)
            found = found || w.model()->result(row).config.strategy == kind;
        QVERIFY2(found, to_string(kind).data());
    }
    // And so has a saved session.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"compare.json"_s);
    QString error;
    QVERIFY2(w.saveSession(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray saved = QJsonDocument::fromJson(file.readAll()).object().value(u"results"_s).toArray();
    QSet<QString> strategies;
    for (const QJsonValue& r : saved)
        strategies.insert(r.toObject().value(u"strategy"_s).toString());
    for (StrategyKind kind : finished)
        QVERIFY2(strategies.contains(qs(to_string(kind))), qPrintable(QStringList(strategies.values()).join(u',')));
}

void TestCompareView::scalingPaintsAsEachCellEndsAndKeepsThem()
{
    MainWindow w;
    w.show();
    testcells::setUp(w, StrategyKind::Threads, 20'000, u"2"_s, u"1"_s);
    QList<int> shown;
    connect(w.controller(), &RunController::analysisCellFinished, &w,
            [&] { shown.append(static_cast<int>(w.scalingChart()->results().size())); });
    QSignalSpy cells(w.controller(), &RunController::analysisCellFinished);
    w.scaleWorkers();
    QVERIFY(w.isRunning());
    while (cells.count() < 3)
        QVERIFY(cells.wait(kTimeout));
    // The baseline first (no point of its own), then one point per worker count as it ends.
    QCOMPARE(cells.first().at(0).value<CellPtr>()->config.strategy, StrategyKind::Sequential);
    for (int i = 0; i < shown.size(); ++i)
        QCOMPARE(shown[i], i);
    w.cancelRun();
    QVERIFY(!w.isRunning());
    QTest::qWait(300);
    const int points = static_cast<int>(cells.count()) - 1;
    QCOMPARE(static_cast<int>(w.scalingChart()->results().size()), points);
    QCOMPARE(static_cast<int>(w.scalingChart()->measuredPoints()->count()), points);
    // The Results table keeps each worker count's row.
    for (const QList<QVariant>& args : cells) {
        const RunConfig& c = args.at(0).value<CellPtr>()->config;
        bool found = false;
        for (int row = 0; row < w.model()->rowCount(); ++row)
            found = found || (w.model()->result(row).config.strategy == c.strategy &&
                              w.model()->result(row).config.workers == c.workers);
        QVERIFY(found);
    }
}

void TestCompareView::reopenedSessionDrawsItsComparisonAndScaling()
{
    // A small comparison and a small scaling, both cancelled after a few cells, then saved.
    SmallThreadsWindow window;
    auto& [w, cells] = window;
    QVERIFY(threeCellsThenCancel(w, cells, &MainWindow::compareStrategies));
    cells.clear();
    QVERIFY(threeCellsThenCancel(w, cells, &MainWindow::scaleWorkers));
    std::vector<StrategyKind> compared;
    for (const CellResult& r : w.compareChart()->results())
        compared.push_back(r.config.strategy);
    std::vector<int> scaled;
    for (const CellResult& r : w.scalingChart()->results())
        scaled.push_back(r.config.workers);
    QVERIFY(compared.size() >= 3);
    QVERIFY(scaled.size() >= 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"analyses.json"_s);
    QString error;
    QVERIFY2(w.saveSession(path, &error), qPrintable(error));

    // Reopened in a new window: the bars and the points are there again, the same ones.
    MainWindow reopened;
    reopened.show();
    QVERIFY2(reopened.openSession(path, &error), qPrintable(error));
    std::vector<StrategyKind> bars;
    for (const CellResult& r : reopened.compareChart()->results())
        bars.push_back(r.config.strategy);
    QCOMPARE(bars, compared);
    QCOMPARE(reopened.compareChart()->barCount(), static_cast<int>(compared.size()));
    std::vector<int> points;
    for (const CellResult& r : reopened.scalingChart()->results())
        points.push_back(r.config.workers);
    QCOMPARE(points, scaled);
    QCOMPARE(static_cast<int>(reopened.scalingChart()->measuredPoints()->count()), static_cast<int>(scaled.size()));

    // A session without the record (older ones, the CLI's) opens with its rows in the table and
    // empty Compare and Scaling views, not the last session's.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QVERIFY(doc.contains(u"analyses"_s));
    doc.remove(u"analyses"_s);
    const QString old = dir.filePath(u"old.json"_s);
    QFile out(old);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(doc).toJson());
    out.close();
    QVERIFY2(reopened.openSession(old, &error), qPrintable(error));
    QCOMPARE(reopened.model()->rowCount(), w.model()->rowCount());
    QCOMPARE(reopened.compareChart()->barCount(), 0);
    QVERIFY(reopened.scalingChart()->results().empty());

    // A record naming a row the session does not have is refused, with the reason.
    doc.insert(u"analyses"_s, QJsonObject{{u"compare"_s, QJsonArray{0, 999}}});
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(QJsonDocument(doc).toJson());
    out.close();
    QVERIFY(!reopened.openSession(old, &error));
    QVERIFY2(error.contains(u"analyses.compare[1]"_s), qPrintable(error));
}

void TestCompareView::singleRunIsABarBesideSequential()
{
    MainWindow w;
    w.show();
    testcells::setUp(w, StrategyKind::Threads, 20'000, u"2"_s, u"1"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.startRun();
    QVERIFY(finished.wait(kTimeout));
    HeatmapPage* page = w.heatmapPage();
    QVERIFY(page->showsSingleRun());
    QVERIFY(page->singleRunView()->isVisible());
    QVERIFY(!page->view()->isVisible());
    CompareChart* bars = page->singleRunChart();
    QCOMPARE(bars->barCount(), 2);
    QCOMPARE(bars->results().front().config.strategy, StrategyKind::Sequential);
    QCOMPARE(bars->results().back().config.strategy, StrategyKind::Threads);
    QVERIFY(bars->barValue(0) > 0 && bars->barValue(1) > 0);
    QVERIFY(bars->categories().front() == u"sequential"_s);   // at the top
    QVERIFY(bars->title().contains(u"threads"_s));
    // Its phases below: they add up to the run's time.
    const CellResult& run = bars->results().back();
    double sum = 0;
    for (Phase p : kAllPhases)
        sum += page->singleRunPhases()->phaseSet(p)->at(0);
    QVERIFY(qFuzzyCompare(sum, run.phases.total() * 1000.0));

    // A sweep of several cells is a heatmap again.
    testcells::setUp(w, StrategyKind::Threads, 20'000, u"1,2"_s, u"1"_s);
    w.startSweep();
    QVERIFY(finished.wait(kTimeout));
    QVERIFY(!page->showsSingleRun());
    QVERIFY(page->view()->isVisible());
}

void TestCompareView::pythonTitlesShowNoKernel()
{
    RunConfig python = testcells::baseConfig(StrategyKind::PySplit);
    RunConfig ours = testcells::baseConfig(StrategyKind::ForkSplit);
    QCOMPARE(functionText(python), u"exp"_s);
    QCOMPARE(functionText(ours), u"exp (simd)"_s);
    QVERIFY(!experimentTitle(python).contains(u"simd"_s));
    QVERIFY(experimentTitle(ours).contains(u"simd"_s));
    // The results table's function column and the single-run title read it.
    ResultsModel model;
    model.addResult(testcells::cell(python, 4, 1, 0.8));
    const QString column = model.data(model.index(0, ResultsModel::FunctionColumn)).toString();
    QVERIFY2(!column.contains(u"simd"_s), qPrintable(column));
    QVERIFY(!model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains(u"simd"_s));
}

void TestCompareView::cellBudgetReachesTheRun()
{
    MainWindow w;
    w.show();
    QDoubleSpinBox* budget = w.panel()->cellBudgetBox();
    QVERIFY(budget);
    QCOMPARE(budget->value(), kDefaultCellBudgetS);
    QVERIFY(budget->toolTip().contains(u"never fewer than one timed run"_s));
    QVERIFY(budget->toolTip().contains(u"0: no budget"_s));
    QCOMPARE(w.panel()->config().cell_budget_s, kDefaultCellBudgetS);
    budget->setValue(0);
    QCOMPARE(w.panel()->config().cell_budget_s, 0.0);
    QCOMPARE(budget->text(), u"no budget"_s);
    budget->setValue(7);
    QCOMPARE(w.panel()->config().cell_budget_s, 7.0);
    // The run gets it.
    testcells::setUp(w, StrategyKind::Threads, 20'000, u"2"_s, u"1"_s);
    QSignalSpy cells(w.controller(), &RunController::cellFinished);
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.startRun();
    QVERIFY(finished.wait(kTimeout));
    QVERIFY(!cells.isEmpty());
    QCOMPARE(cells.last().at(0).value<CellPtr>()->config.cell_budget_s, 7.0);
    // The tutorial's presets keep the window's default budget, and the panel shows theirs.
    for (const Preset& p : tutorialPresets(2)) {
        QCOMPARE(p.config.cell_budget_s, kDefaultCellBudgetS);
        QCOMPARE(p.python.cell_budget_s, kDefaultCellBudgetS);
    }
    w.panel()->setConfig(tutorialPresets(2).front().config);
    QCOMPARE(budget->value(), kDefaultCellBudgetS);
}

void TestCompareView::presetKeepsTheUsersBudget()
{
    MainWindow w;
    QDoubleSpinBox* budget = w.panel()->cellBudgetBox();
    budget->setValue(12);
    const std::vector<Preset> presets = tutorialPresets(2);
    PresetTracker tracker(presets, w.panel(), w.tutorial(), w.heatmapPage(), MachineInfo{});
    for (int i = 0; i < static_cast<int>(presets.size()); ++i)
        for (const bool python : {false, true}) {
            QVERIFY(tracker.load(i, python));
            // The preset's parameters, with the budget the user chose.
            RunConfig expected = python ? presets[static_cast<std::size_t>(i)].python
                                        : presets[static_cast<std::size_t>(i)].config;
            expected.cell_budget_s = 12;
            QVERIFY2(w.panel()->config() == expected, qPrintable(presets[static_cast<std::size_t>(i)].name));
            QCOMPARE(budget->value(), 12.0);
            QCOMPARE(tracker.active(), i);
        }
    // The budget is no parameter of the preset: changing it keeps the preset on screen...
    budget->setValue(3);
    QCOMPARE(tracker.active(), static_cast<int>(presets.size()) - 1);
    tracker.load(0);
    QCOMPARE(budget->value(), 3.0);
    // ... and "no budget" too; a parameter of the experiment does not.
    budget->setValue(0);
    QCOMPARE(tracker.active(), 0);
    QVERIFY(tracker.load(0));
    QCOMPARE(w.panel()->config().cell_budget_s, 0.0);
    RunConfig other = w.panel()->config();
    other.workload.size += 1000;
    w.panel()->setConfig(other);
    QCOMPARE(tracker.active(), -1);
}

void TestCompareView::etaIsARangeFromTheCellsThatRan()
{
    // Nothing finished and the running cell too young to say: unknown.
    auto [low, high] = RunController::etaRange({}, 0.01, 10, 1.0);
    QVERIFY(low < 0 && high < 0);
    // Half of the first cell's runs in 2 s: 2 s left in it, nine more cells of 4 s.
    std::tie(low, high) = RunController::etaRange({}, 0.5, 10, 2.0);
    QVERIFY(qFuzzyCompare(low, 2.0 + 9 * 4.0));
    QCOMPARE(low, high);
    // Cells of 1 s and 3 s so far, 2 of 5 done, the next just started: 2 cells after it.
    std::tie(low, high) = RunController::etaRange({1.0, 3.0}, 2.0, 5, 0.0);
    QVERIFY(qFuzzyCompare(low, 1.0 + 2 * 1.0));
    QVERIFY(qFuzzyCompare(high, 3.0 + 2 * 3.0));
    // It narrows as cells finish.
    const auto [low4, high4] = RunController::etaRange({1.0, 3.0, 2.0, 2.0}, 4.0, 5, 0.0);
    QVERIFY(high4 - low4 < high - low);
    // Shown as a range while uncertain, one figure once the ends agree.
    RunProgress progress;
    progress.setProgressRange(2, 5, 3, 9);
    QVERIFY2(progress.text().contains(u"–"_s), qPrintable(progress.text()));
    progress.setProgressRange(4, 5, 10, 10.5);
    QVERIFY2(!progress.text().contains(u" – "_s), qPrintable(progress.text()));
    QVERIFY(progress.toolTip().contains(u"fastest and the slowest"_s));
}

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"

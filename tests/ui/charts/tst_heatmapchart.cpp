// SPDX-License-Identifier: GPL-3.0-or-later
// The composed heatmap: cells tile the plot area at any size, colours follow the values,
// labels appear where they fit, the best and the running cell are marked, and so is each
// library's default chunksize on every row.

#include "testcells.h"

#include "colormap.h"
#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "heatmapexport.h"
#include "phasechart.h"
#include "uiformat.h"
#include "resultsmodel.h"

#include <QAbstractAxis>
#include <QGraphicsLayout>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsScene>
#include <QtTest>

#include <memory>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// A chart in a scene of its own, laid out at size.
struct Fixture {
    ResultsModel model;
    QGraphicsScene scene;
    HeatmapChart* chart = new HeatmapChart(&model);
    Fixture() { scene.addItem(chart); }
    void resize(QSizeF size)
    {
        chart->resize(size);
        chart->layout()->activate();
        QCoreApplication::processEvents();
    }
};

} // namespace

class TestHeatmapChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cellsTileThePlotArea_data();
    void cellsTileThePlotArea();
    void emptyGridShowsPlannedCells();
    void changingTheGridRelaysOut();
    void coloursFollowTheValues_data();
    void coloursFollowTheValues();
    void labelsOnlyWhereTheyFit();
    void runningCellIsMarked();
    void failedCellSaysSo();
    void tooltipsHoldTheStatistics();
    void floorDistanceNeedsTheLimits();
    void floorDistanceColoursByTheFloor();
    void dominantPhase_data();
    void dominantPhase();
    void dominantPhaseColoursByPhase();
    void predictionIsMarked();
    void highContrastOutlinesEveryCell();
    void oneRepetitionIsNeverMarkedUnstable();
    void libraryDefaultIsMarked_data();
    void libraryDefaultIsMarked();
    void libraryDefaultBetweenOrOffTheGrid();
    void noDefaultWithoutTheChunksizeKnob_data();
    void noDefaultWithoutTheChunksizeKnob();
    void daskDefaultMarksItsChunksRow();
    void libraryDefaultHidesNoOtherMark();
    void libraryDefaultIsExported();
};

void TestHeatmapChart::cellsTileThePlotArea_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<QSizeF>("size");
    QTest::addRow("1x1 small") << 1 << 1 << QSizeF(400, 300);
    QTest::addRow("3x3 window") << 3 << 3 << QSizeF(1100, 800);
    QTest::addRow("8x8 wide") << 8 << 8 << QSizeF(1600, 700);
    QTest::addRow("8x8 tall odd") << 8 << 8 << QSizeF(533, 977);
    QTest::addRow("2x5") << 2 << 5 << QSizeF(901, 451);
}

void TestHeatmapChart::cellsTileThePlotArea()
{
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(QSizeF, size);
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(rows, cols), QDateTime::currentDateTime());
    f.resize(size);
    QCOMPARE(f.chart->rows(), rows);
    QCOMPARE(f.chart->columns(), cols);
    const QRectF plot = f.chart->plotArea();
    QVERIFY(plot.width() > 50 && plot.height() > 50);
    QRectF united;
    double area = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const QRectF rect = f.chart->cellItem(r, c)->rect();
            QVERIFY(rect.isValid());
            united = united.united(rect);
            area += rect.width() * rect.height();
            if (c + 1 < cols)
                QVERIFY(qAbs(rect.right() - f.chart->cellItem(r, c + 1)->rect().left()) < 1e-6);
            if (r + 1 < rows)   // rows go up: the next row sits on top
                QVERIFY(qAbs(rect.top() - f.chart->cellItem(r + 1, c)->rect().bottom()) < 1e-6);
        }
    QVERIFY2(qAbs(united.left() - plot.left()) < 0.5 && qAbs(united.right() - plot.right()) < 0.5 &&
                 qAbs(united.top() - plot.top()) < 0.5 && qAbs(united.bottom() - plot.bottom()) < 0.5,
             qPrintable(u"cells %1,%2 %3x%4 vs plot %5,%6 %7x%8"_s.arg(united.x()).arg(united.y()).arg(united.width())
                            .arg(united.height()).arg(plot.x()).arg(plot.y()).arg(plot.width()).arg(plot.height())));
    QVERIFY(qAbs(area - plot.width() * plot.height()) < 1e-3 * area);

    // And again after a resize.
    f.resize(size * 0.75);
    const QRectF smaller = f.chart->plotArea();
    QVERIFY(qAbs(f.chart->cellItem(0, 0)->rect().left() - smaller.left()) < 0.5);
    QVERIFY(qAbs(f.chart->cellItem(0, 0)->rect().bottom() - smaller.bottom()) < 0.5);
    QVERIFY(qAbs(f.chart->cellItem(rows - 1, cols - 1)->rect().topRight().x() - smaller.right()) < 0.5);
}

void TestHeatmapChart::emptyGridShowsPlannedCells()
{
    Fixture f;
    f.model.startExperiment(testcells::baseConfig(), testcells::powers(3), testcells::powers(4));
    f.resize({800, 600});
    QCOMPARE(f.chart->rows(), 3);
    QCOMPARE(f.chart->columns(), 4);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) {
            QCOMPARE(f.chart->modelRow(r, c), -1);
            QVERIFY(f.chart->cellLabel(r, c).isEmpty());
        }
    QVERIFY(!f.chart->bestItem()->isVisible());
}

void TestHeatmapChart::changingTheGridRelaysOut()
{
    // New axes move the plot area while the cells are being rebuilt.
    Fixture f;
    f.resize({800, 600});
    const RunConfig base = testcells::baseConfig();
    for (const auto& [rows, cols] : {std::pair{1, 1}, {2, 1}, {8, 8}, {1, 3}, {3, 1}, {0, 0}, {2, 2}}) {
        if (rows == 0)
            f.model.clear();
        else
            f.model.startExperiment(base, testcells::powers(rows), testcells::powers(cols));
        QCOMPARE(f.chart->rows(), rows);
        QCOMPARE(f.chart->columns(), cols);
        if (rows > 0) {
            f.model.addResult(testcells::cell(base, 1, 1, 0.01));
            QCOMPARE(f.chart->cellItem(0, 0)->rect().bottomLeft(), f.chart->plotArea().bottomLeft());
        }
    }
}

void TestHeatmapChart::coloursFollowTheValues_data()
{
    QTest::addColumn<bool>("speedup");
    QTest::addRow("median time") << false;
    QTest::addRow("speedup") << true;
}

void TestHeatmapChart::coloursFollowTheValues()
{
    QFETCH(bool, speedup);
    Fixture f;
    f.chart->setColorBy(speedup ? HeatmapChart::ColorBy::Speedup : HeatmapChart::ColorBy::Duration);
    f.model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    f.resize({1000, 800});
    QCOMPARE(f.chart->effectiveColorBy(), speedup ? HeatmapChart::ColorBy::Speedup : HeatmapChart::ColorBy::Duration);
    // The fastest cell (top left in testcells::grid) is the bright end, the slowest the dark end.
    const QColor fastest = f.chart->cellItem(3, 0)->brush().color();
    const QColor slowest = f.chart->cellItem(0, 3)->brush().color();
    QCOMPARE(fastest, ColorMap::at(1.0));
    QCOMPARE(slowest, ColorMap::at(0.0));
    QVERIFY(f.chart->bestItem()->isVisible());
    QCOMPARE(f.chart->bestItem()->rect().center(), f.chart->cellItem(3, 0)->rect().center());
    const QString label = f.chart->cellLabel(3, 0);
    QVERIFY2(speedup ? label.endsWith(u"×"_s) : label.endsWith(u" ms"_s), qPrintable(label));
}

void TestHeatmapChart::labelsOnlyWhereTheyFit()
{
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(8, 8), QDateTime::currentDateTime());
    f.resize({1400, 1000});
    QVERIFY(f.chart->cellLabelVisible(0, 0));
    f.resize({300, 250});
    QVERIFY(!f.chart->cellLabel(0, 0).isEmpty());
    QVERIFY(!f.chart->cellLabelVisible(0, 0));
}

void TestHeatmapChart::runningCellIsMarked()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig();
    f.model.startExperiment(base, {1, 2}, {1, 2});
    f.resize({800, 600});
    QVERIFY(!f.chart->runningItem()->isVisible());
    f.model.setRunning(testcells::cell(base, 2, 1, 0).config);
    QVERIFY(f.chart->runningItem()->isVisible());
    QCOMPARE(f.chart->runningItem()->rect().center(), f.chart->cellItem(1, 0)->rect().center());
    QVERIFY(f.chart->cellLabel(1, 0).startsWith(u"running"_s));
    f.model.addResult(testcells::cell(base, 2, 1, 0.01));
    f.model.setRunning(std::nullopt);
    QVERIFY(!f.chart->runningItem()->isVisible());
    QCOMPARE(f.chart->cellLabel(1, 0), u"10.0 ms"_s);
}

void TestHeatmapChart::failedCellSaysSo()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig();
    f.model.startExperiment(base, {1}, {1, 2});
    f.model.addResult(testcells::cell(base, 1, 1, 0, Status::Failed));
    f.model.addResult(testcells::cell(base, 1, 2, 0.01));
    f.resize({800, 600});
    QCOMPARE(f.chart->cellLabel(0, 0), u"failed"_s);
    QVERIFY(f.chart->cellItem(0, 0)->toolTip().contains(u"signal 9"_s));
    QCOMPARE(f.chart->bestItem()->rect().center(), f.chart->cellItem(0, 1)->rect().center());
}

void TestHeatmapChart::tooltipsHoldTheStatistics()
{
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    f.resize({800, 600});
    const QString tip = f.chart->cellItem(1, 1)->toolTip();
    for (const QString& word : {u"median"_s, u"min"_s, u"std dev"_s, u"speedup"_s, u"startup"_s, u"scatter"_s,
                                u"compute"_s, u"gather"_s, u"shutdown"_s, u"splits 2 × chunksize 2"_s})
        QVERIFY2(tip.contains(word), qPrintable(word));
}

namespace {

// Limits under which a 100 000-item exp run has a floor of 1.6 ms: moving 1.6 MB at 1 GB/s,
// against 10 ns per item over 2 cores = 0.5 ms of arithmetic.
SpeedLimits testLimits()
{
    SpeedLimits limits;
    limits.copy_bandwidth = 1e9;
    limits.scale_bandwidth = 0.8e9;
    limits.threads = 2;
    limits.throughput.push_back({Function::Exp, Kernel::Simd, 10.0});
    limits.throughput.push_back({Function::Exp, Kernel::Scalar, 10.0});
    return limits;
}

} // namespace

void TestHeatmapChart::floorDistanceNeedsTheLimits()
{
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    f.chart->setColorBy(HeatmapChart::ColorBy::FloorDistance);
    f.resize({800, 600});
    // Without the machine's limits there is no floor: the cells show their medians.
    QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
    QVERIFY(f.chart->cellLabel(1, 0).endsWith(u" ms"_s));
    QVERIFY(!f.model.floorSeconds(1));
    f.model.setSpeedLimits(testLimits());
    QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::FloorDistance);
    QVERIFY(f.chart->cellLabel(1, 0).endsWith(u"×"_s));
}

void TestHeatmapChart::floorDistanceColoursByTheFloor()
{
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    f.model.setSpeedLimits(testLimits());
    f.chart->setColorBy(HeatmapChart::ColorBy::FloorDistance);
    f.resize({1000, 800});
    const int fastest = f.chart->modelRow(3, 0);
    QVERIFY(fastest >= 0);
    QCOMPARE(f.model.floorSeconds(fastest).value_or(0), 0.0016);
    const double ratio = f.model.result(fastest).median_s / 0.0016;
    QCOMPARE(f.model.floorRatio(fastest).value_or(0), ratio);
    QCOMPARE(f.chart->cellLabel(3, 0), formatSpeedup(ratio));
    // Nearest the floor is the bright end, farthest the dark end.
    QCOMPARE(f.chart->cellItem(3, 0)->brush().color(), ColorMap::at(1.0));
    QCOMPARE(f.chart->cellItem(0, 3)->brush().color(), ColorMap::at(0.0));
    QVERIFY(f.chart->colorScale()->title().contains(u"floor"_s));
    QVERIFY(f.chart->cellItem(3, 0)->toolTip().contains(u"floor"_s));
    // A failed cell has no ratio.
    f.model.addResult(testcells::cell(testcells::baseConfig(), 1, 1, 0, Status::Failed));
    QVERIFY(!f.model.floorRatio(f.chart->modelRow(0, 0)));
    QCOMPARE(f.chart->cellLabel(0, 0), u"failed"_s);
}

void TestHeatmapChart::dominantPhase_data()
{
    QTest::addColumn<double>("startup");
    QTest::addColumn<double>("scatter");
    QTest::addColumn<double>("compute");
    QTest::addColumn<double>("gather");
    QTest::addColumn<double>("shutdown");
    QTest::addColumn<int>("phase");
    QTest::addColumn<double>("share");
    QTest::addRow("startup") << 6.0 << 1.0 << 1.0 << 1.0 << 1.0 << 0 << 0.6;
    QTest::addRow("scatter") << 1.0 << 5.0 << 2.0 << 1.0 << 1.0 << 1 << 0.5;
    QTest::addRow("compute only") << 0.0 << 0.0 << 3.0 << 0.0 << 0.0 << 2 << 1.0;
    QTest::addRow("gather") << 1.0 << 2.0 << 2.0 << 4.0 << 1.0 << 3 << 0.4;
    QTest::addRow("shutdown") << 1.0 << 1.0 << 1.0 << 1.0 << 6.0 << 4 << 0.6;
    QTest::addRow("tie: the earlier") << 0.0 << 2.0 << 2.0 << 0.0 << 0.0 << 1 << 0.5;
    QTest::addRow("nothing measured") << 0.0 << 0.0 << 0.0 << 0.0 << 0.0 << -1 << 0.0;
}

void TestHeatmapChart::dominantPhase()
{
    QFETCH(double, startup);
    QFETCH(double, scatter);
    QFETCH(double, compute);
    QFETCH(double, gather);
    QFETCH(double, shutdown);
    QFETCH(int, phase);
    QFETCH(double, share);
    const Phases p{startup, scatter, compute, gather, shutdown};
    const auto dominant = dominant_phase(p);
    QCOMPARE(dominant ? static_cast<int>(*dominant) : -1, phase);
    QCOMPARE(dominant_share(p), share);
}

void TestHeatmapChart::dominantPhaseColoursByPhase()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig();
    f.model.startExperiment(base, {1, 2}, {1});
    CellResult copying = testcells::cell(base, 1, 1, 0.01);
    copying.phases = {0.0, 0.01, 0.0, 0.0, 0.0};        // all scatter
    CellResult computing = testcells::cell(base, 2, 1, 0.01);
    computing.phases = {0.001, 0.001, 0.006, 0.001, 0.001};   // compute, 60 %
    f.model.addResult(copying);
    f.model.addResult(computing);
    f.chart->setColorBy(HeatmapChart::ColorBy::DominantPhase);
    f.resize({800, 600});
    QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::DominantPhase);
    QCOMPARE(f.chart->cellLabel(0, 0), PhaseChart::phaseName(Phase::Scatter) + u"\n100 %"_s);
    QCOMPARE(f.chart->cellLabel(1, 0), PhaseChart::phaseName(Phase::Compute) + u"\n60 %"_s);
    // A phase that takes all the time is its full colour; one that takes less is paler.
    const QColor full = f.chart->cellItem(0, 0)->brush().color();
    const QColor scatter = PhaseChart::phaseColor(Phase::Scatter);
    QVERIFY(std::abs(full.red() - scatter.red()) <= 1 && std::abs(full.green() - scatter.green()) <= 1 &&
            std::abs(full.blue() - scatter.blue()) <= 1);
    const QColor pale = f.chart->cellItem(1, 0)->brush().color();
    QVERIFY(pale.lightness() > PhaseChart::phaseColor(Phase::Compute).lightness());
    QVERIFY(f.chart->colorScale()->isCategorical());
    QCOMPARE(f.chart->colorScale()->categories().size(), kPhaseCount);
    QVERIFY(f.chart->cellItem(1, 0)->toolTip().contains(PhaseChart::phaseName(Phase::Compute)));
    // Back to time: a scale again.
    f.chart->setColorBy(HeatmapChart::ColorBy::Duration);
    QVERIFY(!f.chart->colorScale()->isCategorical());
    QVERIFY(f.chart->cellLabel(0, 0).endsWith(u" ms"_s));
}

void TestHeatmapChart::predictionIsMarked()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig();
    f.model.startExperiment(base, {1, 2, 4}, {1, 2});
    f.resize({900, 700});
    QVERIFY(!f.chart->predictionItem()->isVisible());
    QVERIFY(!f.chart->cellAtScenePos(QPointF(-100, -100)));
    // The grid point under the middle of a cell is that cell.
    const QPointF centre = f.chart->cellItem(2, 1)->sceneBoundingRect().center();
    QCOMPARE(f.chart->cellAtScenePos(centre), (std::optional<std::pair<int, int>>{{2, 1}}));
    f.chart->setPrediction(GridPoint{4, 2});
    QVERIFY(f.chart->predictionItem()->isVisible());
    QCOMPARE(f.chart->predictionItem()->rect().center(), f.chart->cellItem(2, 1)->rect().center());
    QVERIFY(f.chart->cellItem(2, 1)->toolTip().contains(u"guess"_s));
    // It stays through the results and follows relayouts.
    f.model.addResult(testcells::cell(base, 4, 2, 0.01));
    f.resize({1200, 800});
    QCOMPARE(f.chart->predictionItem()->rect().center(), f.chart->cellItem(2, 1)->rect().center());
    f.chart->setPrediction(std::nullopt);
    QVERIFY(!f.chart->predictionItem()->isVisible());
}

void TestHeatmapChart::highContrastOutlinesEveryCell()
{
    Fixture f;
    f.model.setResults(testcells::machine(), testcells::grid(2, 3), QDateTime::currentDateTime());
    f.resize({800, 600});
    QCOMPARE(f.chart->cellItem(0, 0)->pen().color(), QColor(Qt::white));
    f.chart->setHighContrast(true);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(f.chart->cellItem(r, c)->pen().color(), QColor(Qt::black));
            QVERIFY(f.chart->cellItem(r, c)->pen().widthF() >= 2);
        }
    // Cells added later follow the mode.
    f.model.setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    QCOMPARE(f.chart->cellItem(2, 2)->pen().color(), QColor(Qt::black));
    f.chart->setHighContrast(false);
    QCOMPARE(f.chart->cellItem(2, 2)->pen().color(), QColor(Qt::white));
}

// The unstable mark (~) needs a spread: a cell of one repetition has none, whatever its cv says.
void TestHeatmapChart::oneRepetitionIsNeverMarkedUnstable()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig();
    f.model.startExperiment(base, {1}, {1, 2});
    CellResult one = testcells::cell(base, 1, 1, 0.01);
    one.samples = {0.01};
    one.cv = 0.5;   // not a spread: one sample
    CellResult noisy = testcells::cell(base, 1, 2, 0.02);
    noisy.cv = 0.5;
    f.model.addResult(one);
    f.model.addResult(noisy);
    f.resize({800, 600});
    QVERIFY2(!f.chart->cellLabel(0, 0).startsWith(u"~"_s), qPrintable(f.chart->cellLabel(0, 0)));
    QVERIFY(!f.chart->cellItem(0, 0)->toolTip().contains(u"unstable"_s));
    QVERIFY(f.chart->cellItem(0, 0)->toolTip().contains(u"n/a (one repetition)"_s));
    QVERIFY2(f.chart->cellLabel(0, 1).startsWith(u"~"_s), qPrintable(f.chart->cellLabel(0, 1)));
}

// For every splits row, the cell whose chunksize is what "auto" runs for that row: Pool.map's
// ceil(P / 4W) for py-split, Executor.map's 1 for py-futures, joblib's first batch of 1.
void TestHeatmapChart::libraryDefaultIsMarked_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("workers");
    QTest::addColumn<QList<int>>("columns");   // the marked column of rows 1, 2, 4, … 128
    QTest::addColumn<QString>("legend");
    const auto kind = [](StrategyKind k) { return static_cast<int>(k); };
    // W = 2: ceil(P / 8) = 1, 1, 1, 1, 2, 4, 8, 16: columns 0, 0, 0, 0, 1, 2, 3, 4.
    QTest::addRow("py-split, W = 2") << kind(StrategyKind::PySplit) << 2 << QList<int>{0, 0, 0, 0, 1, 2, 3, 4}
                                     << u"Pool.map"_s;
    // W = 8: ceil(P / 32) = 1, 1, 1, 1, 1, 1, 2, 4.
    QTest::addRow("py-split, W = 8") << kind(StrategyKind::PySplit) << 8 << QList<int>{0, 0, 0, 0, 0, 0, 1, 2}
                                     << u"Pool.map"_s;
    QTest::addRow("py-futures") << kind(StrategyKind::PyFutures) << 2 << QList<int>{0, 0, 0, 0, 0, 0, 0, 0}
                                << u"Executor.map"_s;
    QTest::addRow("py-joblib") << kind(StrategyKind::PyJoblib) << 2 << QList<int>{0, 0, 0, 0, 0, 0, 0, 0}
                               << u"re-sized"_s;
    QTest::addRow("threads (ThreadPool.map's rule)") << kind(StrategyKind::Threads) << 2
                                                     << QList<int>{0, 0, 0, 0, 1, 2, 3, 4} << u"Pool.map"_s;
}

void TestHeatmapChart::libraryDefaultIsMarked()
{
    QFETCH(int, strategy);
    QFETCH(int, workers);
    QFETCH(QList<int>, columns);
    QFETCH(QString, legend);
    Fixture f;
    RunConfig base = testcells::baseConfig(static_cast<StrategyKind>(strategy));
    base.workers = workers;
    f.model.startExperiment(base, testcells::powers(8), testcells::powers(8));
    f.resize({1400, 1000});
    // Before any cell has run: the rule is known from the plan.
    std::vector<std::pair<int, int>> expected;
    for (int r = 0; r < 8; ++r)
        expected.emplace_back(r, columns[r]);
    QCOMPARE(f.chart->defaultGridCells(), expected);
    const auto items = f.chart->defaultItems();
    QCOMPARE(items.size(), expected.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        QVERIFY(items[i]->isVisible());
        const QRectF cell = f.chart->cellItem(expected[i].first, expected[i].second)->rect();
        QVERIFY(cell.contains(items[i]->boundingRect()));
        // In the bottom-right corner, smaller than the cell, readable.
        QVERIFY(items[i]->boundingRect().center().x() > cell.center().x());
        QVERIFY(items[i]->boundingRect().center().y() > cell.center().y());
        QVERIFY(items[i]->boundingRect().width() >= 10);
        QVERIFY(f.chart->cellItem(expected[i].first, expected[i].second)->toolTip().contains(u"◢"_s));
    }
    for (const DefaultCell& d : f.chart->libraryDefaults())
        QCOMPARE(d.fit, DefaultCell::Fit::Exact);
    QVERIFY(!f.chart->cellItem(7, 7)->toolTip().contains(u"◢"_s));
    // The legend says what the triangles are, whole, on the chart.
    QGraphicsSimpleTextItem* line = f.chart->defaultsLegendItem();
    QVERIFY(line->isVisible());
    QVERIFY2(line->text().startsWith(u"◢"_s) && line->text().contains(legend), qPrintable(line->text()));
    QVERIFY(f.chart->rect().contains(line->mapRectToParent(line->boundingRect())));
    QVERIFY(!line->mapRectToParent(line->boundingRect()).intersects(f.chart->plotArea()));
    // They follow the cells through a relayout.
    f.resize({700, 500});
    const QRectF cell = f.chart->cellItem(expected[7].first, expected[7].second)->rect();
    QVERIFY(cell.contains(f.chart->defaultItems()[7]->boundingRect()));
    QVERIFY(f.chart->rect().contains(line->mapRectToParent(line->boundingRect())));
}

void TestHeatmapChart::libraryDefaultBetweenOrOffTheGrid()
{
    Fixture f;
    RunConfig base = testcells::baseConfig(StrategyKind::PySplit);
    base.workers = 3;   // ceil(P / 12): 64 parts give 6, between the columns 4 and 8
    f.model.startExperiment(base, {16, 64, 128}, {1, 2, 4, 8, 16});
    f.resize({1200, 900});
    const std::vector<DefaultCell>& d = f.chart->libraryDefaults();
    QCOMPARE(d.size(), std::size_t{3});
    QCOMPARE(d[0], (DefaultCell{16, 2, 2, DefaultCell::Fit::Exact}));
    QCOMPARE(d[1], (DefaultCell{64, 8, 6, DefaultCell::Fit::Nearest}));   // 8 / 6 < 6 / 4
    QCOMPARE(d[2], (DefaultCell{128, 8, 11, DefaultCell::Fit::Nearest})); // 11 / 8 < 16 / 11
    QCOMPARE(f.chart->defaultItems().size(), std::size_t{3});
    QVERIFY(f.chart->cellItem(1, 3)->toolTip().contains(u"≈"_s));
    QVERIFY(f.chart->defaultsLegendItem()->text().contains(u"≈"_s));

    // Beyond the largest column: the row is left unmarked, and the legend says so.
    f.model.startExperiment(base, {16, 128}, {1, 2, 4});
    QCOMPARE(f.chart->libraryDefaults()[1], (DefaultCell{128, std::nullopt, 11, DefaultCell::Fit::OffGrid}));
    QCOMPARE(f.chart->defaultGridCells(), (std::vector<std::pair<int, int>>{{0, 1}}));
    QCOMPARE(f.chart->defaultItems().size(), std::size_t{1});
    QVERIFY2(f.chart->defaultsLegendItem()->text().contains(u"off the grid"_s),
             qPrintable(f.chart->defaultsLegendItem()->text()));
}

void TestHeatmapChart::noDefaultWithoutTheChunksizeKnob_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addRow("std-par") << static_cast<int>(StrategyKind::StdPar);
    QTest::addRow("py-numexpr") << static_cast<int>(StrategyKind::PyNumexpr);
}

void TestHeatmapChart::noDefaultWithoutTheChunksizeKnob()
{
    QFETCH(int, strategy);
    Fixture f;
    f.model.startExperiment(testcells::baseConfig(static_cast<StrategyKind>(strategy)), testcells::powers(4),
                            testcells::powers(4));
    f.resize({1000, 800});
    QVERIFY(f.chart->libraryDefaults().empty());
    QVERIFY(f.chart->defaultItems().empty());
    QVERIFY(!f.chart->defaultsLegendItem()->isVisible());
    // Its one column says that chunksize does not apply.
    QCOMPARE(f.chart->columns(), 1);
    QVERIFY(f.chart->axes(Qt::Horizontal).constFirst()->titleText().contains(u"no chunksize"_s));
    for (int r = 0; r < f.chart->rows(); ++r)
        for (int c = 0; c < f.chart->columns(); ++c)
            QVERIFY(!f.chart->cellItem(r, c)->toolTip().contains(u"◢"_s));
}

// py-dask has no chunksize but a splits rule of its own: Dask's chunks="auto" (128 MiB chunks)
// marks the row of its chunk count, or the nearest row, or none when it is off the grid.
void TestHeatmapChart::daskDefaultMarksItsChunksRow()
{
    Fixture f;
    RunConfig base = testcells::baseConfig(StrategyKind::PyDask);
    base.workload.size = 10'000'000;   // 80 MB: one chunk
    f.model.startExperiment(base, testcells::powers(4), testcells::powers(4));
    f.resize({1000, 800});
    QCOMPARE(f.chart->libraryDefaults(), (std::vector<DefaultCell>{{1, std::nullopt, 1, DefaultCell::Fit::Exact}}));
    QCOMPARE(f.chart->defaultGridCells(), (std::vector<std::pair<int, int>>{{0, 0}}));
    QVERIFY(f.chart->defaultsLegendItem()->isVisible());
    QVERIFY2(f.chart->defaultsLegendItem()->text().contains(u"Dask"_s),
             qPrintable(f.chart->defaultsLegendItem()->text()));
    QVERIFY(f.chart->cellItem(0, 0)->toolTip().contains(u"1 chunk"_s));

    base.workload.size = 100'000'000;  // 800 MB: 6 chunks of up to 128 MiB, nearer 8 than 4
    f.model.startExperiment(base, testcells::powers(4), testcells::powers(4));
    QCOMPARE(f.chart->libraryDefaults(), (std::vector<DefaultCell>{{8, std::nullopt, 6, DefaultCell::Fit::Nearest}}));
    QCOMPARE(f.chart->defaultGridCells(), (std::vector<std::pair<int, int>>{{3, 0}}));

    f.model.startExperiment(base, {1, 2}, testcells::powers(4));   // 6 is beyond the grid's rows
    QCOMPARE(f.chart->libraryDefaults(), (std::vector<DefaultCell>{{6, std::nullopt, 6, DefaultCell::Fit::OffGrid}}));
    QVERIFY(f.chart->defaultGridCells().empty());
    QVERIFY(f.chart->defaultsLegendItem()->text().contains(u"off"_s));
}

// The best, the running and the guessed cell can be the default's: their marks stay above it.
void TestHeatmapChart::libraryDefaultHidesNoOtherMark()
{
    Fixture f;
    const RunConfig base = testcells::baseConfig(StrategyKind::PyFutures);
    f.model.startExperiment(base, {1, 2}, {1, 2});
    f.model.addResult(testcells::cell(base, 2, 1, 0.01));   // the best, on column 1: the default
    f.model.addResult(testcells::cell(base, 2, 2, 0.02));
    f.model.setRunning(testcells::cell(base, 1, 1, 0).config);
    f.chart->setPrediction(GridPoint{2, 1});
    f.resize({900, 700});
    QCOMPARE(f.chart->defaultGridCells(), (std::vector<std::pair<int, int>>{{0, 0}, {1, 0}}));
    QGraphicsPolygonItem* triangle = f.chart->defaultItems()[1];
    for (QGraphicsItem* mark : std::initializer_list<QGraphicsItem*>{f.chart->bestItem(), f.chart->runningItem(),
                                                                     f.chart->predictionItem()}) {
        QVERIFY(mark->isVisible());
        QVERIFY(mark->zValue() > triangle->zValue());
    }
    QVERIFY(f.chart->runningItem()->zValue() > f.chart->defaultItems()[0]->zValue());
    // Over the cells and their labels.
    QVERIFY(triangle->zValue() > f.chart->cellItem(1, 0)->zValue());
}

// An exported heatmap carries the triangles and their legend (SVG keeps the words as text).
void TestHeatmapChart::libraryDefaultIsExported()
{
    ResultsModel model;
    RunConfig base = testcells::baseConfig(StrategyKind::PySplit);
    std::vector<CellResult> cells{testcells::baseline(base, 0.004)};
    for (std::size_t s : {std::size_t{8}, std::size_t{64}})
        for (std::size_t c : {std::size_t{1}, std::size_t{8}})
            cells.push_back(testcells::cell(base, s, c, 0.002 * static_cast<double>(s + c)));
    model.setResults(testcells::machine(), cells, QDateTime::currentDateTime());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"defaults.svg"_s);
    QString error;
    QVERIFY2(exportHeatmap(model, path, ExportOptions{}, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    QVERIFY2(svg.contains(u"Pool.map"_s), "the legend line is in the picture");
    QVERIFY(svg.contains(u"◢"_s));
}

QTEST_MAIN(TestHeatmapChart)
#include "tst_heatmapchart.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The Scaling chart with the network model: the prediction beside each measured point, the
// projection dashed beyond the last one on log axes, and what hovering each point says; with the
// Dask model, its projection and its mpi twin's as a second curve, every label whole on a projector.

#include "mpicells.h"

#include "scalingchart.h"
#include "uiformat.h"

#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"

#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestScalingChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void withoutAModelTheAxesAreLinear();
    void projectionIsDashedBeyondTheLastMeasuredPoint_data();
    void projectionIsDashedBeyondTheLastMeasuredPoint();
    void tooltipsSayTheModelAndHowFarOff();
    void withoutTheLinkNoPointBeside();
    void newResultsDropTheModel();
    void smallSpeedupsReadOnTheAxes_data();
    void smallSpeedupsReadOnTheAxes();
    void daskModelBesideItsTwin();
    void daskWithoutTheTwinDrawsNoSecondCurve();
    void daskLabelsReadWhole_data();
    void daskLabelsReadWhole();
};

namespace {

struct Scaling {
    std::vector<CellResult> cells;   // without the baseline
    double baseline = 0;
    ScaleModel model;
    // The chart of these cells with their model, as the Scaling page sets it.
    void drawOn(ScalingChart& chart) const
    {
        chart.setResults(baseline, cells);
        chart.setModel(model);
    }
};

Scaling scaling(StrategyKind kind, const MpiLink* link, const Network& typed = {}, int max = 1024)
{
    const auto all = testcells::mpiScaling(kind, {1, 2, 3}, {0.006, 0.0035, 0.0034});
    Scaling s;
    s.baseline = all.front().median_s;
    s.cells.assign(all.begin() + 1, all.end());
    s.model = model_scaling(s.cells, s.baseline, link, typed, 2, max);
    return s;
}

} // namespace

void TestScalingChart::withoutAModelTheAxesAreLinear()
{
    const Scaling s = scaling(StrategyKind::MpiDistributed, nullptr);
    ScalingChart chart;
    chart.setResults(s.baseline, s.cells);
    QVERIFY(!chart.projecting());
    QVERIFY(qobject_cast<QValueAxis*>(chart.workersAxis()));
    QVERIFY(chart.workersAxis()->isVisible());
    QCOMPARE(chart.projectedLine()->count(), 0);
    QVERIFY(!chart.projectedLine()->isVisible());
    QCOMPARE(chart.idealLine()->points().back(), QPointF(3, 3));
}

void TestScalingChart::projectionIsDashedBeyondTheLastMeasuredPoint_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("max");
    QTest::addRow("mpi-distributed to 1024") << static_cast<int>(StrategyKind::MpiDistributed) << 1024;
    QTest::addRow("mpi to 1024") << static_cast<int>(StrategyKind::Mpi) << 1024;
    QTest::addRow("mpi-distributed to 64") << static_cast<int>(StrategyKind::MpiDistributed) << 64;
}

void TestScalingChart::projectionIsDashedBeyondTheLastMeasuredPoint()
{
    QFETCH(int, strategy);
    QFETCH(int, max);
    const MpiLink here = testcells::link(1e-6, 5e9);
    const Scaling s = scaling(static_cast<StrategyKind>(strategy), &here, Network{2e-6, 12.5e9}, max);
    QVERIFY2(s.model.error.empty(), s.model.error.c_str());
    ScalingChart chart;
    s.drawOn(chart);
    QVERIFY(chart.projecting());
    QLogValueAxis* x = qobject_cast<QLogValueAxis*>(chart.workersAxis());
    QVERIFY(x);
    QVERIFY(x->isVisible());
    QCOMPARE(x->max(), double(max));
    QCOMPARE(chart.projectedLine()->pen().style(), Qt::DashLine);
    QVERIFY(chart.projectedLine()->attachedAxes().contains(x));
    // Beyond the last measured point (3 workers): 4, 8, ... max, at the model's speedups.
    const QList<QPointF> points = chart.projectedLine()->points();
    std::vector<ProjectedPoint> expected;
    for (const ProjectedPoint& p : s.model.projected)
        if (p.workers >= 3)
            expected.push_back(p);
    QCOMPARE(points.size(), qsizetype(expected.size()));
    QCOMPARE(points.front().x(), 4.0);
    QCOMPARE(points.back().x(), double(max));
    for (qsizetype i = 0; i < points.size(); ++i)
        QCOMPARE(points[i].y(), expected[static_cast<std::size_t>(i)].speedup);
    QCOMPARE(chart.idealLine()->points().back(), QPointF(max, max));
    QVERIFY(chart.projectedLine()->name().contains(u"100 Gb/s, 2 µs"_s));
    QVERIFY(chart.title().contains(u"projected to %1 workers"_s.arg(max)));
    // The model's points beside the measured ones, at the predicted speedups.
    QCOMPARE(chart.modelPoints()->count(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(chart.modelPoints()->at(i).y(), s.baseline / s.model.measured[static_cast<std::size_t>(i)].predicted.total_s);
}

void TestScalingChart::tooltipsSayTheModelAndHowFarOff()
{
    const MpiLink here = testcells::link(1e-6, 5e9);
    const Scaling s = scaling(StrategyKind::MpiDistributed, &here);
    ScalingChart chart;
    s.drawOn(chart);
    const QString two = chart.toolTip(chart.measuredPoints(), 2);
    QVERIFY2(two.contains(u"measured "_s + formatSeconds(0.0035)), qPrintable(two));
    QVERIFY2(two.contains(u"measured here, shm"_s), qPrintable(two));
    const MeasuredPoint& p = s.model.measured[1];
    QVERIFY2(two.contains(u"measured / model: <b>%1</b>"_s.arg(p.ratio, 0, 'f', 2)), qPrintable(two));
    QCOMPARE(chart.toolTip(chart.modelPoints(), 2), two);
    const QString far = chart.toolTip(chart.projectedLine(), 1024);
    QVERIFY2(far.contains(u"1024 workers"_s) && far.contains(u"100 Gb/s, 2 µs"_s) && far.contains(u"typed"_s),
             qPrintable(far));
    QVERIFY(chart.toolTip(chart.projectedLine(), 5).isEmpty());
    QVERIFY(chart.toolTip(chart.idealLine(), 2).isEmpty());
}

void TestScalingChart::withoutTheLinkNoPointBeside()
{
    const Scaling s = scaling(StrategyKind::Mpi, nullptr);
    ScalingChart chart;
    s.drawOn(chart);
    QVERIFY(chart.projecting());
    QCOMPARE(chart.modelPoints()->count(), 0);
    QVERIFY(!chart.modelPoints()->isVisible());
    QVERIFY(!chart.toolTip(chart.measuredPoints(), 1).contains(u"model"_s));
}

void TestScalingChart::newResultsDropTheModel()
{
    const MpiLink here = testcells::link(1e-6, 5e9);
    const Scaling s = scaling(StrategyKind::MpiDistributed, &here);
    ScalingChart chart;
    s.drawOn(chart);
    chart.setResults(s.baseline, s.cells);
    QVERIFY(!chart.projecting());
    QVERIFY(qobject_cast<QValueAxis*>(chart.workersAxis()));
    QCOMPARE(chart.projectedLine()->count(), 0);
    QCOMPARE(chart.modelPoints()->count(), 0);
}

void TestScalingChart::smallSpeedupsReadOnTheAxes_data()
{
    QTest::addColumn<bool>("projection");
    QTest::addColumn<bool>("shownBefore");   // the chart drew larger speedups, projected, first
    QTest::addRow("linear") << false << false;
    QTest::addRow("log, projected") << true << false;
    QTest::addRow("log, after larger speedups") << true << true;
}

void TestScalingChart::smallSpeedupsReadOnTheAxes()
{
    // Speedups about 0.001 (a small workload over processes): every speedup label whole, the
    // smallest decade's too, at a projector's 1280 × 720 (the log axis's labels were cut to
    // "0...." when it was sized for the range it had before).
    QFETCH(bool, projection);
    QFETCH(bool, shownBefore);
    const MpiLink here = testcells::link(1e-6, 5e9);
    const Network typed{2e-6, 12.5e9};
    auto* chart = new ScalingChart;
    QChartView view(chart);
    view.resize(1280, 720);
    // As on the Scaling tab: the results arrive before the chart is seen (or while it shows others).
    if (shownBefore) {
        const Scaling s = scaling(StrategyKind::MpiDistributed, &here, typed, 64);
        chart->setResults(s.baseline, s.cells);
        chart->setModel(s.model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }
    const auto all = testcells::mpiScaling(StrategyKind::MpiDistributed, {1, 2, 3}, {8.1, 7.2, 6.3});
    const std::vector<CellResult> cells(all.begin() + 1, all.end());
    const double baseline = all.front().median_s;
    chart->setResults(baseline, cells);
    if (projection) {
        const ScaleModel model = model_scaling(cells, baseline, &here, typed, 2, 64);
        QVERIFY2(model.error.empty(), model.error.c_str());
        chart->setModel(model);
    }
    QCOMPARE(chart->projecting(), projection);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QStringList texts;
    for (QGraphicsItem* item : view.scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && item->isVisible())
            texts += text->toPlainText();
    for (const QString& t : texts)
        QVERIFY2(!t.contains(u"..."_s) && !t.contains(u"…"_s), qPrintable(texts.join(u" | "_s)));
    QVERIFY2(texts.contains(projection ? u"0.001"_s : u"0"_s), qPrintable(texts.join(u" | "_s)));
}

namespace {

struct DaskScaling {
    std::vector<CellResult> cells;   // without the baseline
    double baseline = 0;
    DaskScaleModel model;
    TwinProjection twin;
};

DaskScaling daskScaling(StrategyKind kind)
{
    const auto all = testcells::daskScaling(kind, {1, 2, 3}, {0.012, 0.008, 0.007});
    DaskScaling s;
    s.baseline = all.front().median_s;
    s.cells.assign(all.begin() + 1, all.end());
    s.model = model_dask_scaling(s.cells, s.baseline, testcells::daskCosts(), 2, 1024);
    RunConfig twin = s.cells.front().config;
    twin.strategy = *twin_of(kind);
    s.twin = project_twin(twin, s.model.compute_s_per_item, testcells::link(20e-6, 2e9, MpiTransport::Tcp),
                          s.baseline, 1024);
    return s;
}

// The visible texts of a chart shown at width x height.
QStringList shownTexts(QChartView& view)
{
    QStringList texts;
    for (QGraphicsItem* item : view.scene()->items())
        if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && item->isVisible())
            texts += text->toPlainText();
    return texts;
}

} // namespace

void TestScalingChart::daskModelBesideItsTwin()
{
    const DaskScaling s = daskScaling(StrategyKind::PyDaskDistributed);
    QVERIFY2(s.model.error.empty(), s.model.error.c_str());
    QVERIFY2(s.twin.error.empty(), s.twin.error.c_str());
    ScalingChart chart;
    chart.setResults(s.baseline, s.cells);
    chart.setDaskModel(s.model, s.twin);
    QVERIFY(chart.projecting());
    QLogValueAxis* x = qobject_cast<QLogValueAxis*>(chart.workersAxis());
    QVERIFY(x && x->isVisible());
    QCOMPARE(x->max(), 1024.0);
    // The measured points, the model beside each one, its projection beyond the last (3 workers).
    QCOMPARE(chart.modelPoints()->count(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(chart.modelPoints()->at(i).y(), s.baseline / s.model.measured[static_cast<std::size_t>(i)].predicted.total_s);
    const QList<QPointF> projected = chart.projectedLine()->points();
    QCOMPARE(projected.front().x(), 4.0);
    QCOMPARE(projected.back(), QPointF(1024, s.model.projected.back().speedup));
    // The twin from 1 to 1024 workers, a second curve of its own.
    QVERIFY(chart.twinLine()->isVisible());
    QCOMPARE(chart.twinLine()->pen().style(), Qt::DashDotLine);
    QVERIFY(chart.twinLine()->pen().color() != chart.projectedLine()->pen().color());
    const QList<QPointF> twin = chart.twinLine()->points();
    QCOMPARE(twin.size(), qsizetype(s.twin.projected.size()));
    QCOMPARE(twin.front().x(), 1.0);
    QCOMPARE(twin.back(), QPointF(1024, s.twin.projected.back().speedup));
    QVERIFY(chart.twinLine()->attachedAxes().contains(x));
    QVERIFY2(chart.twinLine()->name().contains(u"mpi-distributed (twin)"_s), qPrintable(chart.twinLine()->name()));
    QVERIFY2(chart.projectedLine()->name().contains(u"py-dask-distributed"_s), qPrintable(chart.projectedLine()->name()));
    QVERIFY2(chart.title().contains(u"py-dask-distributed and its twin mpi-distributed, projected to 1024 workers"_s),
             qPrintable(chart.title()));
    // What hovering says: the model and how far off; the twin's link.
    const QString two = chart.toolTip(chart.measuredPoints(), 2);
    QVERIFY2(two.contains(u"Dask model on the cluster's costs measured here"_s), qPrintable(two));
    QVERIFY2(two.contains(u"measured / model: <b>%1</b>"_s.arg(s.model.measured[1].ratio, 0, 'f', 2)), qPrintable(two));
    const QString far = chart.toolTip(chart.twinLine(), 1024);
    QVERIFY2(far.contains(u"1024 workers"_s) && far.contains(u"tcp"_s) && far.contains(u"warm"_s), qPrintable(far));
    QVERIFY(chart.toolTip(chart.projectedLine(), 1024).contains(u"a core per worker"_s));
    // New results drop both.
    chart.setResults(s.baseline, s.cells);
    QVERIFY(!chart.projecting());
    QCOMPARE(chart.twinLine()->count(), 0);
    QVERIFY(!chart.twinLine()->isVisible());
}

void TestScalingChart::daskWithoutTheTwinDrawsNoSecondCurve()
{
    DaskScaling s = daskScaling(StrategyKind::PyDaskCluster);
    QVERIFY2(s.model.error.empty(), s.model.error.c_str());
    ScalingChart chart;
    chart.setResults(s.baseline, s.cells);
    s.twin.error = "Open MPI's link not measured: mpirun not found";
    chart.setDaskModel(s.model, s.twin);
    QVERIFY(chart.projecting());
    QVERIFY(!chart.twin());
    QVERIFY(!chart.twinLine()->isVisible());
    QVERIFY(chart.title().contains(u"(not measured)"_s));
    // An mpi model after it drops the Dask one.
    const MpiLink here = testcells::link(1e-6, 5e9);
    const Scaling mpi = scaling(StrategyKind::MpiDistributed, &here);
    mpi.drawOn(chart);
    QVERIFY(!chart.daskModel());
    QVERIFY(chart.model());
}

void TestScalingChart::daskLabelsReadWhole_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("1280 x 720") << QSize(1280, 720);
    QTest::addRow("1600 x 1000") << QSize(1600, 1000);
    QTest::addRow("the tab beside the panel, 1280 x 720") << QSize(840, 540);
}

void TestScalingChart::daskLabelsReadWhole()
{
    // Every legend entry, axis title and label whole (none cut to "..."), as a projector shows them.
    QFETCH(QSize, size);
    const DaskScaling s = daskScaling(StrategyKind::PyDaskDistributed);
    auto* chart = new ScalingChart;
    QChartView view(chart);
    view.resize(size);
    chart->setResults(s.baseline, s.cells);
    chart->setDaskModel(s.model, s.twin);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    const QStringList texts = shownTexts(view);
    for (const QString& t : texts)
        QVERIFY2(!t.contains(u"..."_s) && !t.contains(u"…"_s), qPrintable(texts.join(u" | "_s)));
    for (const QString& name : {chart->projectedLine()->name(), chart->twinLine()->name(), chart->modelPoints()->name()})
        QVERIFY2(texts.contains(name), qPrintable(name + u" not in "_s + texts.join(u" | "_s)));
}

QTEST_MAIN(TestScalingChart)
#include "tst_scalingchart.moc"

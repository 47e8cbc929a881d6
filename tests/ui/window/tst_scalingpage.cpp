// SPDX-License-Identifier: GPL-3.0-or-later
// The Scaling page with the network model: the network box only for the mpi strategies, the
// typed network moving the projection, the link measured here used for the cells of its options;
// for the Dask clusters, the Dask model on the costs measured here and the twin on the TCP link.

#include "mpicells.h"

#include "networkbox.h"
#include "scalingchart.h"
#include "scalingpage.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestScalingPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void networkBoxOnlyForMpi();
    void networkBoxDefaultsAndUnits();
    void typedNetworkMovesTheProjection();
    void linkOfOtherOptionsIsNotUsed();
    void daskModelAndItsTwin();
    void daskSaysWhatIsMissing();
};

void TestScalingPage::networkBoxOnlyForMpi()
{
    ScalingPage page;
    page.show();
    std::vector<CellResult> threads = testcells::mpiScaling(StrategyKind::MpiDistributed, {1, 2}, {0.006, 0.0035});
    for (CellResult& r : threads)
        if (r.config.strategy != StrategyKind::Sequential)
            r.config.strategy = StrategyKind::Threads;
    page.setResults(threads, 2);
    QVERIFY(!page.networkBox()->isVisible());
    QVERIFY(!page.modelSummary()->isVisible());
    QVERIFY(!page.scalingChart()->projecting());

    page.setResults(testcells::mpiScaling(StrategyKind::MpiDistributed, {1, 2}, {0.006, 0.0035}), 2);
    QVERIFY(page.networkBox()->isVisible());
    QVERIFY(page.scalingChart()->projecting());
    QVERIFY(page.modelSummary()->text().contains(u"not measured"_s));
    QCOMPARE(page.scalingChart()->projectedLine()->points().back().x(), 1024.0);
}

void TestScalingPage::networkBoxDefaultsAndUnits()
{
    NetworkBox box;
    QCOMPARE(box.bandwidthField()->value(), 100.0);
    QCOMPARE(box.bandwidthField()->suffix(), u" Gb/s"_s);
    QCOMPARE(box.latencyField()->value(), 2.0);
    QCOMPARE(box.latencyField()->suffix(), u" µs"_s);
    QVERIFY(!box.bandwidthField()->toolTip().isEmpty());
    QVERIFY(!box.latencyField()->toolTip().isEmpty());
    QSignalSpy changed(&box, &NetworkBox::networkChanged);
    box.bandwidthField()->setValue(8);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(box.network().bandwidth_bytes_per_s, 1e9);
    box.latencyField()->setValue(50);
    QCOMPARE(box.network().latency_s, 50e-6);
}

void TestScalingPage::typedNetworkMovesTheProjection()
{
    ScalingPage page;
    page.setLink(testcells::link(1e-6, 5e9));
    page.setResults(testcells::mpiScaling(StrategyKind::Mpi, {1, 2}, {0.01, 0.007}), 2);
    ScalingChart* chart = page.scalingChart();
    QVERIFY(chart->projecting());
    QCOMPARE(chart->modelPoints()->count(), 2);
    QVERIFY(page.modelSummary()->text().contains(u"measured here, shm"_s));
    const double fast = chart->projectedLine()->points().back().y();
    // mpi moves every item through rank 0: a link ten times slower cuts the far speedup.
    page.networkBox()->bandwidthField()->setValue(10);
    QVERIFY(chart->projectedLine()->name().contains(u"10 Gb/s"_s));
    const double slow = chart->projectedLine()->points().back().y();
    QVERIFY2(slow < fast / 5, qPrintable(u"%1 vs %2"_s.arg(slow).arg(fast)));
    // The points beside the measured ones stay on the link measured here.
    QCOMPARE(chart->modelPoints()->count(), 2);
    QVERIFY(chart->model()->here.bandwidth_bytes_per_s == 5e9);
}

void TestScalingPage::linkOfOtherOptionsIsNotUsed()
{
    ScalingPage page;
    page.setLink(testcells::link(1e-6, 5e9, MpiTransport::Tcp));
    page.setResults(testcells::mpiScaling(StrategyKind::MpiDistributed, {1, 2}, {0.006, 0.0035}), 2);
    QVERIFY(page.scalingChart()->projecting());
    QCOMPARE(page.scalingChart()->modelPoints()->count(), 0);
    QVERIFY(!page.scalingChart()->model()->here_measured);
}

void TestScalingPage::daskModelAndItsTwin()
{
    ScalingPage page;
    page.show();
    page.setDaskCosts(testcells::daskCosts());
    page.setLink(testcells::link(20e-6, 2e9, MpiTransport::Tcp));
    page.setResults(testcells::daskScaling(StrategyKind::PyDaskCluster, {1, 2}, {0.03, 0.025}), 2);
    ScalingChart* chart = page.scalingChart();
    QVERIFY(!page.networkBox()->isVisible());   // the typed network is mpi's
    QVERIFY(page.modelSummary()->isVisible());
    QVERIFY(chart->projecting());
    QVERIFY(chart->daskModel());
    QCOMPARE(chart->modelPoints()->count(), 2);
    QCOMPARE(chart->projectedLine()->points().back().x(), 1024.0);
    QVERIFY(chart->twinLine()->isVisible());
    QCOMPARE(chart->twin()->strategy, StrategyKind::Mpi);
    QCOMPARE(chart->twinLine()->points().back().x(), 1024.0);
    const QString text = page.modelSummary()->text();
    QVERIFY2(text.contains(u"Dask model"_s) && text.contains(u"measured here"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Dash-dot: its twin mpi on Open MPI's link here"_s) && text.contains(u"tcp"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"×"_s), qPrintable(text));
    // A new scaling starts: no model until its costs come.
    page.clear();
    page.setResults(testcells::daskScaling(StrategyKind::PyDaskCluster, {1}, {0.03}), 2);
    QVERIFY(!chart->projecting());
}

void TestScalingPage::daskSaysWhatIsMissing()
{
    ScalingPage page;
    page.show();
    const auto cells = testcells::daskScaling(StrategyKind::PyDaskDistributed, {1, 2}, {0.01, 0.006});
    page.setResults(cells, 2);
    QVERIFY(page.modelSummary()->isVisible());
    QVERIFY(!page.scalingChart()->projecting());
    QVERIFY2(page.modelSummary()->text().contains(u"costs are measured after a scaling"_s),
             qPrintable(page.modelSummary()->text()));
    DaskClusterCosts none;
    none.error = "dask.distributed is not installed";
    page.setDaskCosts(none);
    QVERIFY(!page.scalingChart()->projecting());
    QVERIFY2(page.modelSummary()->text().contains(u"dask.distributed is not installed"_s),
             qPrintable(page.modelSummary()->text()));
    // Costs, and only a shared-memory link: the model, no twin (its link is TCP's).
    page.setDaskCosts(testcells::daskCosts());
    page.setLink(testcells::link(1e-6, 5e9));
    QVERIFY(page.scalingChart()->projecting());
    QVERIFY(!page.scalingChart()->twinLine()->isVisible());
    QVERIFY2(page.modelSummary()->text().contains(u"No projection of its twin mpi-distributed"_s),
             qPrintable(page.modelSummary()->text()));
}

QTEST_MAIN(TestScalingPage)
#include "tst_scalingpage.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline of a cell that ran on MPI ranks: one lane per rank, "rank N · host", the pid in
// its tooltip; mpi's rank 0, which only deals, gets a lane when it has tasks and a note when not.
// A Dask cluster's rows say "Dask worker N · host". Synthetic cells, and a real run of 2 ranks on
// Open MPI.

#include "testcells.h"

#include "timelineview.h"

#include "chunkscope/mpi.h"
#include "chunkscope/runner.h"

#include <QGraphicsRectItem>
#include <QtTest>

#include <unistd.h>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// kind on `workers` computing ranks, 2 tasks each; rank 0 of mpi deals (worker -1).
CellResult rankCell(StrategyKind kind, int workers, bool dealerHasTasks = false)
{
    CellResult c = testcells::cell(testcells::baseConfig(kind), 8, 1, 0.01);
    c.config.workers = workers;
    const int first = kind == StrategyKind::Mpi ? 1 : 0;
    for (int rank = 0; rank < workers + first; ++rank)
        c.ranks.push_back({rank, rank - first, 4000 + rank, rank % 2 ? "node-b" : "node-a"});
    std::uint32_t task = 0;
    for (int w = 0; w < workers; ++w)
        for (int i = 0; i < 2; ++i, ++task)
            c.events.push_back({w, task, 0.001 * (2 * i), 0.001 * (2 * i + 1), 800, 100});
    if (dealerHasTasks)
        c.events.push_back({-1, task, 0.0, 0.0005, 0, 0});
    return c;
}

int laneOf(const TimelineView& view, const QString& label)
{
    for (int i = 0; i < view.laneCount(); ++i)
        if (view.laneLabel(i) == label)
            return i;
    return -1;
}

} // namespace

class TestTimelineRanks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneLanePerComputingRank_data();
    void oneLanePerComputingRank();
    void theDealerGetsALaneWhenItHasTasks();
    void aCellWithoutRanksKeepsWorkerLanes();
    void aDaskClustersRowsAreDaskWorkers_data();
    void aDaskClustersRowsAreDaskWorkers();
    void aRealRunHasALanePerRank_data();
    void aRealRunHasALanePerRank();
};

void TestTimelineRanks::oneLanePerComputingRank_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("workers");
    QTest::addRow("mpi, 2 workers") << int(StrategyKind::Mpi) << 2;
    QTest::addRow("mpi, 4 workers") << int(StrategyKind::Mpi) << 4;
    QTest::addRow("mpi-distributed, 3 ranks") << int(StrategyKind::MpiDistributed) << 3;
}

void TestTimelineRanks::oneLanePerComputingRank()
{
    QFETCH(int, kind);
    QFETCH(int, workers);
    const auto strategy = static_cast<StrategyKind>(kind);
    const CellResult cell = rankCell(strategy, workers);
    TimelineView view;
    view.resize(800, 400);
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), workers);
    for (const RankPlace& p : cell.ranks) {
        const int lane = laneOf(view, u"rank %1 · %2"_s.arg(p.rank).arg(QString::fromStdString(p.host)));
        if (p.worker < 0) {
            QCOMPARE(lane, -1);
            continue;
        }
        QVERIFY2(lane >= 0, qPrintable(u"rank %1"_s.arg(p.rank)));
        QCOMPARE(view.laneWorker(lane), p.worker);
        QVERIFY2(view.laneToolTip(lane).contains(u"pid %1"_s.arg(p.pid)), qPrintable(view.laneToolTip(lane)));
    }
    // Every task sits in its rank's lane.
    for (std::size_t i = 0; i < cell.events.size(); ++i) {
        const int lane = cell.events[i].worker;   // ranks in order: lane i is worker i
        const double y = TimelineView::TopMargin + TimelineView::LaneGap / 2 +
                         lane * (TimelineView::LaneHeight + TimelineView::LaneGap);
        QVERIFY(qAbs(view.eventItems()[i]->pos().y() - y) < 1e-6);
        QVERIFY(view.eventItems()[i]->toolTip().contains(u"rank "_s));
    }
    if (strategy == StrategyKind::Mpi) {
        QVERIFY2(view.note().contains(u"rank 0 (node-a, pid 4000) deals the tasks"_s), qPrintable(view.note()));
    } else {
        QVERIFY(view.note().isEmpty());
    }
}

void TestTimelineRanks::theDealerGetsALaneWhenItHasTasks()
{
    const CellResult cell = rankCell(StrategyKind::Mpi, 2, true);
    TimelineView view;
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), 3);
    QCOMPARE(view.laneLabel(0), u"rank 0 · node-a"_s);
    QCOMPARE(view.laneWorker(0), -1);
    QVERIFY(view.note().isEmpty());
    QCOMPARE(view.eventItems().back()->pos().y(), TimelineView::TopMargin + TimelineView::LaneGap / 2);
}

void TestTimelineRanks::aCellWithoutRanksKeepsWorkerLanes()
{
    CellResult cell = rankCell(StrategyKind::MpiDistributed, 2);
    cell.ranks.clear();
    TimelineView view;
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), 2);
    QCOMPARE(view.laneLabel(1), u"worker 1"_s);
}

void TestTimelineRanks::aDaskClustersRowsAreDaskWorkers_data()
{
    QTest::addColumn<int>("kind");
    QTest::addRow("py-dask-cluster") << int(StrategyKind::PyDaskCluster);
    QTest::addRow("py-dask-distributed") << int(StrategyKind::PyDaskDistributed);
}

void TestTimelineRanks::aDaskClustersRowsAreDaskWorkers()
{
    QFETCH(int, kind);
    const CellResult cell = rankCell(static_cast<StrategyKind>(kind), 2);
    TimelineView view;
    view.resize(800, 400);
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), 2);
    for (const RankPlace& p : cell.ranks) {
        const int lane = laneOf(view, u"Dask worker %1 · %2"_s.arg(p.rank).arg(QString::fromStdString(p.host)));
        QVERIFY2(lane >= 0, qPrintable(view.laneLabel(0)));
        QCOMPARE(view.laneWorker(lane), p.worker);
        QVERIFY2(view.laneToolTip(lane).startsWith(u"Dask worker %1 on %2, pid %3"_s.arg(p.rank).arg(
                     QString::fromStdString(p.host)).arg(p.pid)),
                 qPrintable(view.laneToolTip(lane)));
    }
    for (int lane = 0; lane < view.laneCount(); ++lane)
        QVERIFY2(!view.laneLabel(lane).contains(u"rank"_s), qPrintable(view.laneLabel(lane)));
    for (const QGraphicsRectItem* item : view.eventItems())
        QVERIFY2(item->toolTip().contains(u"Dask worker "_s), qPrintable(item->toolTip()));
    QVERIFY(view.note().isEmpty());
}

void TestTimelineRanks::aRealRunHasALanePerRank_data()
{
    QTest::addColumn<int>("kind");
    QTest::addRow("mpi") << int(StrategyKind::Mpi);
    QTest::addRow("mpi-distributed") << int(StrategyKind::MpiDistributed);
}

void TestTimelineRanks::aRealRunHasALanePerRank()
{
    if (!mpi_availability().available)
        QSKIP("Open MPI is not installed here");
    QFETCH(int, kind);
    RunConfig c = testcells::baseConfig(static_cast<StrategyKind>(kind));
    c.workload.size = 1'000'000;
    c.workers = 2;
    c.splits = 16;
    c.chunksize = 2;
    Runner runner;
    const CellResult cell = runner.run(c);
    QVERIFY2(cell.status == Status::Ok, cell.error.c_str());
    QCOMPARE(static_cast<int>(cell.ranks.size()), mpi_ranks(c));
    TimelineView view;
    view.resize(900, 300);
    view.setCell(&cell);
    QCOMPARE(view.laneCount(), 2);
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    for (int lane = 0; lane < view.laneCount(); ++lane) {
        const RankPlace& p = *std::find_if(cell.ranks.begin(), cell.ranks.end(),
                                           [&](const RankPlace& r) { return r.worker == view.laneWorker(lane); });
        QCOMPARE(view.laneLabel(lane), u"rank %1 · %2"_s.arg(p.rank).arg(QString::fromStdString(p.host)));
        QVERIFY(p.pid > 0 && p.pid != getpid());
        QVERIFY(view.laneToolTip(lane).contains(u"pid %1"_s.arg(p.pid)));
        QCOMPARE(QString::fromStdString(p.host), QString::fromLocal8Bit(host));
    }
    QCOMPARE(view.eventItems().size(), cell.events.size());
    QCOMPARE(view.note().contains(u"deals the tasks"_s), c.strategy == StrategyKind::Mpi);
}

QTEST_MAIN(TestTimelineRanks)
#include "tst_timelineranks.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The one model the heatmap, the table and the exports read.

#include "testcells.h"

#include "resultsmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestResultsModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passesModelTester();
    void gridAxes_data();
    void gridAxes();
    void replacesTheSameCell();
    void baselineGivesSpeedups();
    void bestCellIsTheFastestOk();
    void floorColumnNeedsTheLimits();
    void forkItemsHasOneRow();
    void foreignResultsStayOutOfTheGrid();
    void oneRepetitionHasNoSpread();
    void librarysOwnChunksSaySo();
    void aLostDaskWorkerIsSaidWhereTheCellIs();
};

void TestResultsModel::passesModelTester()
{
    ResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, testcells::powers(3), testcells::powers(2));
    model.addResult(testcells::baseline(base, 0.01));
    for (const CellResult& c : testcells::grid(3, 2, false))
        model.addResult(c);
    model.addResult(testcells::cell(base, 2, 2, 0.5));   // replaces
    model.addResult(testcells::cell(base, 4, 1, 0.5, Status::Failed));
    model.setRunning(testcells::cell(base, 1, 1, 0).config);
    model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    QCOMPARE(model.rowCount(), 17);
    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::TextAlignmentRole), int(Qt::ForegroundRole),
                     ResultsModel::ValueRole})
        for (int column = 0; column < model.columnCount(); ++column)
            (void)model.data(model.index(3, column), role);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestResultsModel::gridAxes_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addRow("1 x 1") << 1 << 1;
    QTest::addRow("2 x 3") << 2 << 3;
    QTest::addRow("8 x 8") << 8 << 8;
}

void TestResultsModel::gridAxes()
{
    QFETCH(int, rows);
    QFETCH(int, cols);
    ResultsModel model;
    QSignalSpy changed(&model, &ResultsModel::experimentChanged);
    model.startExperiment(testcells::baseConfig(), testcells::powers(rows), testcells::powers(cols));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.splitsAxis(), testcells::powers(rows));
    QCOMPARE(model.chunksAxis(), testcells::powers(cols));
    QCOMPARE(model.rowAt(1, 1), -1);
    for (const CellResult& c : testcells::grid(rows, cols))
        model.addResult(c);
    QCOMPARE(model.gridCellsDone(), rows * cols);
    for (std::size_t s : model.splitsAxis())
        for (std::size_t c : model.chunksAxis()) {
            const int row = model.rowAt(s, c);
            QVERIFY(row >= 0);
            QCOMPARE(model.result(row).config.splits, s);
            QCOMPARE(model.result(row).config.chunksize, c);
        }
}

void TestResultsModel::replacesTheSameCell()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {4}, {2});
    model.addResult(testcells::cell(base, 4, 2, 0.3));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.addResult(testcells::cell(base, 4, 2, 0.1));
    QCOMPARE(inserted.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.result(0).median_s, 0.1);
    // A point outside the grid extends it.
    QSignalSpy experiment(&model, &ResultsModel::experimentChanged);
    model.addResult(testcells::cell(base, 8, 2, 0.2));
    QCOMPARE(experiment.count(), 1);
    QCOMPARE(model.splitsAxis(), (std::vector<std::size_t>{4, 8}));
}

void TestResultsModel::baselineGivesSpeedups()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1, 2}, {1});
    model.addResult(testcells::cell(base, 1, 1, 0.02));
    QVERIFY(!model.baselineSeconds());
    QVERIFY(!model.speedup(0));
    model.addResult(testcells::baseline(base, 0.01));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.isBaseline(1));
    QVERIFY(!model.isGridCell(1));
    QCOMPARE(*model.baselineSeconds(), 0.01);
    QCOMPARE(*model.speedup(0), 0.5);
    QCOMPARE(model.data(model.index(0, ResultsModel::SpeedupColumn)).toString(), u"0.5×"_s);
    QVERIFY(model.data(model.index(1, ResultsModel::StrategyColumn)).toString().contains(u"baseline"_s));
}

void TestResultsModel::bestCellIsTheFastestOk()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1, 2}, {1, 2});
    model.addResult(testcells::cell(base, 1, 1, 0.3));
    model.addResult(testcells::cell(base, 1, 2, 0.0, Status::Failed));
    model.addResult(testcells::cell(base, 2, 1, 0.1));
    model.addResult(testcells::baseline(base, 0.001));   // faster, but not a grid cell
    QCOMPARE(model.bestRow(), 2);
    QCOMPARE(model.failedCells(), 1);
    QVERIFY(model.data(model.index(1, ResultsModel::StatusColumn)).toString().contains(u"signal 9"_s));
}

void TestResultsModel::forkItemsHasOneRow()
{
    ResultsModel model;
    RunConfig base = testcells::baseConfig(StrategyKind::ForkItems);
    model.startExperiment(base, {64}, {1, 1000});
    QCOMPARE(model.splitsAxis(), (std::vector<std::size_t>{base.workload.size}));
    QCOMPARE(model.chunksAxis(), (std::vector<std::size_t>{1, 1000}));
}

void TestResultsModel::foreignResultsStayOutOfTheGrid()
{
    // The CLI's compare writes every strategy at one point: the grid is the first parallel one.
    ResultsModel model;
    std::vector<CellResult> cells;
    cells.push_back(testcells::baseline(testcells::baseConfig(), 0.01));
    cells.push_back(testcells::cell(testcells::baseConfig(StrategyKind::ForkSplit), 64, 1, 0.2));
    cells.push_back(testcells::cell(testcells::baseConfig(StrategyKind::Threads), 64, 1, 0.008));
    model.setResults(testcells::machine(), cells, QDateTime());
    QCOMPARE(model.base().strategy, StrategyKind::ForkSplit);
    QCOMPARE(model.gridCellsDone(), 1);
    QCOMPARE(model.bestRow(), 1);
    QCOMPARE(model.rowCount(), 3);
}

void TestResultsModel::floorColumnNeedsTheLimits()
{
    ResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const RunConfig base = testcells::baseConfig();   // 100 000 items of exp
    model.startExperiment(base, {1}, {1});
    model.addResult(testcells::cell(base, 1, 1, 0.004));
    const QModelIndex floor = model.index(0, ResultsModel::FloorColumn);
    QVERIFY(model.data(floor).toString().isEmpty());
    QCOMPARE(model.data(floor, ResultsModel::ValueRole).toDouble(), 0.0);
    QVERIFY(model.headerData(ResultsModel::FloorColumn, Qt::Horizontal, Qt::ToolTipRole).toString().contains(u"machine"_s));

    // 1.6 MB at 1 GB/s: a floor of 1.6 ms, 2.5 times below the 4 ms median.
    SpeedLimits limits;
    limits.copy_bandwidth = 1e9;
    limits.throughput.push_back({Function::Exp, Kernel::Simd, 1.0});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSpeedLimits(limits);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.floorSeconds(0).value_or(0), 0.0016);
    QCOMPARE(model.data(floor).toString(), u"2.5×"_s);
    QCOMPARE(model.data(floor, ResultsModel::ValueRole).toDouble(), 2.5);
    model.setSpeedLimits(std::nullopt);
    QVERIFY(model.data(floor).toString().isEmpty());
}

// One repetition is not a measurement of spread: std dev and CV read "n/a".
void TestResultsModel::oneRepetitionHasNoSpread()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1}, {1, 2});
    CellResult one = testcells::cell(base, 1, 1, 0.01);
    one.samples = {0.01};
    one.stddev_s = 0;
    one.cv = 0;
    model.addResult(one);
    model.addResult(testcells::cell(base, 1, 2, 0.02));
    const auto text = [&](int row, int column) { return model.data(model.index(row, column)).toString(); };
    QCOMPARE(text(0, ResultsModel::CvColumn), u"n/a"_s);
    QCOMPARE(text(0, ResultsModel::StddevColumn), u"n/a"_s);
    QCOMPARE(text(1, ResultsModel::CvColumn), u"2.5 %"_s);
}

// Dask's own chunks (splits auto): the Splits column gives their count, marked auto.
void TestResultsModel::librarysOwnChunksSaySo()
{
    ResultsModel model;
    RunConfig base = testcells::baseConfig(StrategyKind::PyDask);
    base.splits_auto = true;
    model.addResult(testcells::cell(base, 64, 1, 0.05));
    QCOMPARE(model.data(model.index(0, ResultsModel::SplitsColumn)).toString(),
             QString(u"%1 (auto)"_s).arg(*library_default_splits(base)));
}

// A Dask worker lost (not a failure): the Verified column says so, the tooltip what it cost.
void TestResultsModel::aLostDaskWorkerIsSaidWhereTheCellIs()
{
    ResultsModel model;
    RunConfig base = testcells::baseConfig(StrategyKind::PyDaskDistributed);
    base.dask_lose_worker = true;
    CellResult lost = testcells::cell(base, 8, 1, 0.05);
    lost.worker_loss.runs = 1;
    lost.worker_loss.caused = true;
    lost.worker_loss.workers = {{"tcp://127.0.0.1:4001", "here", 41, "0"}};
    lost.worker_loss.tasks_rerun = 3;
    lost.worker_loss.results_recomputed = 2;
    model.addResult(lost);
    model.addResult(testcells::cell(base, 16, 1, 0.06));
    QCOMPARE(model.data(model.index(0, ResultsModel::VerifiedColumn)).toString(), u"yes, a Dask worker lost"_s);
    QCOMPARE(model.data(model.index(1, ResultsModel::VerifiedColumn)).toString(), u"yes"_s);
    const QString tip = model.data(model.index(0, ResultsModel::MedianColumn), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"lost Dask worker 0 (tcp://127.0.0.1:4001 on here, pid 41)"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Dask ran 3 tasks again"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"a worker lost in each run"_s), qPrintable(tip));
    QVERIFY(!model.data(model.index(1, ResultsModel::MedianColumn), Qt::ToolTipRole).toString().contains(u"lost Dask"_s));
}

QTEST_MAIN(TestResultsModel)
#include "tst_resultsmodel.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions are the CLI's JSON: saved and opened again they show the same cells; anything else
// is refused with a message that says what is wrong.

#include "testcells.h"

#include "experimentpanel.h"
#include "heatmapchart.h"
#include "mainwindow.h"
#include "resultsmodel.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savedAndOpenedShowsTheSameCells_data();
    void savedAndOpenedShowsTheSameCells();
    void notASessionIsRefused_data();
    void notASessionIsRefused();
    void aDamagedSessionSaysWhereAndKeepsTheResults_data();
    void aDamagedSessionSaysWhereAndKeepsTheResults();
    void dataExports();
    void copyChartToTheClipboard();
    void settingsPersistBetweenLaunches();

private:
    testcells::IsolatedSettings settings_;
};

void TestSession::savedAndOpenedShowsTheSameCells_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<bool>("failedCell");
    QTest::addRow("3x3") << 3 << 3 << false;
    QTest::addRow("8x8") << 8 << 8 << false;
    QTest::addRow("2x4 with a failure") << 2 << 4 << true;
}

void TestSession::savedAndOpenedShowsTheSameCells()
{
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(bool, failedCell);
    std::vector<CellResult> cells = testcells::grid(rows, cols);
    if (failedCell)
        cells.back() = testcells::cell(cells.back().config, cells.back().config.splits, cells.back().config.chunksize,
                                       0, Status::Failed);
    MainWindow first;
    first.model()->setResults(testcells::machine(), cells, QDateTime::currentDateTime());
    const QString path = settings_.dir.filePath(u"session-%1x%2.json"_s.arg(rows).arg(cols));
    QString error;
    QVERIFY2(first.saveSession(path, &error), qPrintable(error));

    MainWindow second;
    QVERIFY2(second.openSession(path, &error), qPrintable(error));
    HeatmapChart* a = first.heatmap();
    HeatmapChart* b = second.heatmap();
    QCOMPARE(b->rows(), rows);
    QCOMPARE(b->columns(), cols);
    QCOMPARE(second.model()->rowCount(), first.model()->rowCount());
    QCOMPARE(second.model()->base().strategy, first.model()->base().strategy);
    QCOMPARE(second.model()->base().workload, first.model()->base().workload);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            QVERIFY(b->modelRow(r, c) >= 0);
            QCOMPARE(b->cellLabel(r, c), a->cellLabel(r, c));
            QCOMPARE(b->cellItem(r, c)->brush(), a->cellItem(r, c)->brush());
            const CellResult& x = first.model()->result(a->modelRow(r, c));
            const CellResult& y = second.model()->result(b->modelRow(r, c));
            QCOMPARE(y.status, x.status);
            QCOMPARE(y.samples.size(), x.samples.size());
            QVERIFY(qAbs(y.median_s - x.median_s) <= 1e-9 * x.median_s);
            QVERIFY(qAbs(y.phases.compute_s - x.phases.compute_s) <= 1e-9 * x.median_s + 1e-15);
        }
    QCOMPARE(second.model()->machine().cpu_model, testcells::machine().cpu_model);
    QVERIFY(second.windowTitle().contains(QFileInfo(path).fileName()));
}

void TestSession::notASessionIsRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("text") << QByteArray("hello, this is not JSON\n");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("other JSON") << QByteArray(R"({"name": "something else", "values": [1, 2, 3]})");
    QTest::addRow("array") << QByteArray("[1, 2, 3]");
    QTest::addRow("truncated") << QByteArray(R"({"machine": {"cpu_model": "x"}, "results": [)");
}

void TestSession::notASessionIsRefused()
{
    QFETCH(QByteArray, content);
    const QString path = settings_.dir.filePath(u"not-a-session-%1.json"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-'));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    MainWindow window;
    window.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    QString error;
    QVERIFY(!window.openSession(path, &error));
    QVERIFY2(error.contains(QFileInfo(path).fileName()), qPrintable(error));
    QVERIFY2(error.contains(u"session"_s) || error.contains(u"results"_s), qPrintable(error));
    // The window keeps what it showed.
    QCOMPARE(window.model()->gridCellsDone(), 4);

    QVERIFY(!window.openSession(settings_.dir.filePath(u"does-not-exist.json"_s), &error));
    QVERIFY(error.contains(u"does-not-exist.json"_s));
}

void TestSession::aDamagedSessionSaysWhereAndKeepsTheResults_data()
{
    // A session the window saved, then damaged: the message names what is wrong and where.
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("replacement");
    QTest::addColumn<QString>("where");
    QTest::addRow("a field of the wrong type") << uR"("median_s":\s*[-0-9.e+]+)"_s << uR"("median_s": "fast")"_s
                                               << u"results[0].median_s: expected a number, found string"_s;
    QTest::addRow("an unknown strategy") << uR"("strategy":\s*"[a-z-]+")"_s << uR"("strategy": "warp")"_s
                                         << u"results[0].strategy: \"warp\" is not a known strategy"_s;
    QTest::addRow("cut short") << uR"(\][^\]]*$)"_s << QString() << u"line "_s;
    QTest::addRow("a stray comma") << uR"("machine":)"_s << uR"(, "machine":)"_s << u"line "_s;
}

void TestSession::aDamagedSessionSaysWhereAndKeepsTheResults()
{
    QFETCH(QString, pattern);
    QFETCH(QString, replacement);
    QFETCH(QString, where);
    MainWindow saver;
    saver.model()->setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    const QString path = settings_.dir.filePath(u"damaged.json"_s);
    QString error;
    QVERIFY2(saver.saveSession(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    const QRegularExpression re(pattern);
    QVERIFY2(re.match(text).hasMatch(), qPrintable(pattern));
    text.replace(text.indexOf(re), re.match(text).capturedLength(), replacement);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();

    MainWindow window;
    window.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    QVERIFY(!window.openSession(path, &error));
    QVERIFY2(error.contains(u"damaged.json"_s), qPrintable(error));
    QVERIFY2(error.contains(where), qPrintable(error));
    if (where == u"line "_s)
        QVERIFY2(error.contains(QRegularExpression(uR"(line \d+, column \d+)"_s)), qPrintable(error));
    QCOMPARE(window.model()->gridCellsDone(), 4);
}

void TestSession::dataExports()
{
    MainWindow window;
    window.model()->setResults(testcells::machine(), testcells::grid(2, 3), QDateTime::currentDateTime());
    QString error;
    const QString csv = settings_.dir.filePath(u"data.csv"_s);
    QVERIFY2(window.exportData(csv, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 7);   // header, baseline, 6 cells
    const QString json = settings_.dir.filePath(u"data.json"_s);
    QVERIFY2(window.exportData(json, &error), qPrintable(error));
    MainWindow other;
    QVERIFY2(other.openSession(json, &error), qPrintable(error));
    QCOMPARE(other.model()->gridCellsDone(), 6);
    QVERIFY(!window.exportData(settings_.dir.filePath(u"data.xls"_s), &error));
}

void TestSession::copyChartToTheClipboard()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    window.model()->setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    window.copyChart();
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 200 && image.height() > 150);
}

void TestSession::settingsPersistBetweenLaunches()
{
    RunConfig config = testcells::baseConfig(StrategyKind::ForkShm);
    config.workload.size = 123'000;
    config.splits = 16;
    config.chunksize = 4;
    config.repeats = 2;
    {
        MainWindow window;
        window.show();
        window.panel()->setConfig(config);
        window.panel()->setSweepLists({2, 8}, {1, 3});
        window.resize(1111, 777);
        QVERIFY(window.close());
    }
    MainWindow again;
    QCOMPARE(again.panel()->config(), config);
    QCOMPARE(again.panel()->sweepSpec().chunks_list, (std::vector<std::size_t>{1, 3}));
    QCOMPARE(again.size(), QSize(1111, 777));
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"

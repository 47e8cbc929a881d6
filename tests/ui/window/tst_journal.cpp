// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost: every sweep of the window keeps a journal in the user's data folder, removed
// when it finishes; one left behind (a crash, a kill, a window closed mid-sweep) is offered on the
// next start, without a modal dialog, and restores its cells and runs only the missing ones. A
// malformed session is refused saying where in the file, and the window keeps what it showed.

#include "testcells.h"
#include "windowsetup.h"
#include "support/files.h"

#include "journalfiles.h"
#include "heatmapexport.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runcoordinator.h"

#include "chunkscope/journalwriter.h"
#include "chunkscope/machine.h"
#include "chunkscope/reporters.h"
#include "chunkscope/runner.h"

#include <QDir>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

SweepSpec smallSweep()
{
    SweepSpec spec;
    spec.base = testcells::baseConfig(StrategyKind::Threads);
    spec.base.workload.size = 50'000;
    spec.base.workers = 2;
    spec.base.repeats = 1;
    spec.base.warmup = 0;
    spec.splits_list = {1, 4};
    spec.chunks_list = {1, 2};
    return sweep_plan(spec);
}

QFrame* bar(MainWindow& w) { return w.findChild<QFrame*>(u"journalBar"_s); }
QPushButton* button(MainWindow& w, const QString& name) { return w.findChild<QPushButton*>(name); }

int lines(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : -1;
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void aSweepKeepsAJournalUntilItFinishes();
    void aWindowClosedMidSweepLeavesItsJournalOffered();
    void anInterruptedSweepIsRestoredRunningOnlyItsMissingCells();
    void aDamagedJournalCanOnlyBeDiscarded();
    void aFailingSaveLeavesTheOldFileIntact_data();
    void aFailingSaveLeavesTheOldFileIntact();
    void aMalformedSessionSaysWhereAndKeepsTheResults_data();
    void aMalformedSessionSaysWhereAndKeepsTheResults();

private:
    QTemporaryDir dir_;
};

void TestJournal::initTestCase()
{
    // The journals go to a data folder of this test's own (XDG_DATA_HOME), not ~/.qttest.
    QStandardPaths::setTestModeEnabled(false);
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir_.filePath(u"data"_s)));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
    QVERIFY(journalFolder().startsWith(dir_.path()));
}

void TestJournal::init()
{
    QDir(journalFolder()).removeRecursively();
}

void TestJournal::aSweepKeepsAJournalUntilItFinishes()
{
    MainWindow w;
    QVERIFY(!bar(w)->isVisibleTo(&w));
    // Large enough not to finish between two checks on a quiet machine.
    testcells::setUp(w, StrategyKind::Threads, 4'000'000, u"1,2,4,8,16,32,64,128"_s, u"1,2,4,8,16,32,64,128"_s);
    QSignalSpy cells(w.controller(), &RunController::cellFinished);
    QSignalSpy finished(w.controller(), &RunController::finished);
    w.startSweep();
    QVERIFY(cells.wait(testcells::kRunTimeout));
    QVERIFY(w.isRunning());
    const QStringList journals = unfinishedJournals();
    QCOMPARE(journals.size(), 1);
    QVERIFY(lines(journals.front()) >= 2);   // the header and the cell just shown
    QVERIFY(finished.wait(testcells::kRunTimeout));
    QVERIFY(unfinishedJournals().isEmpty());
}

void TestJournal::aWindowClosedMidSweepLeavesItsJournalOffered()
{
    QString path;
    {
        MainWindow w;
        // Large enough not to finish before the window closes, on a quiet machine too.
        testcells::setUp(w, StrategyKind::Threads, 4'000'000, u"1,2,4,8,16,32,64,128"_s, u"1,2,4,8,16,32,64,128"_s);
        QSignalSpy cells(w.controller(), &RunController::cellFinished);
        w.startSweep();
        QTRY_VERIFY_WITH_TIMEOUT(cells.size() >= 3, testcells::kRunTimeout);
        QVERIFY(w.isRunning());
        QVERIFY(w.close());
        QCOMPARE(unfinishedJournals().size(), 1);
        path = unfinishedJournals().front();
    }
    const Journal j = readJournal(path);
    QVERIFY2(j.error.empty(), j.error.c_str());
    QVERIFY(j.cells.size() >= 2 && !missing_cells(j).empty());

    MainWindow again;
    QVERIFY(bar(again)->isVisibleTo(&again));
    QVERIFY(button(again, u"restoreJournal"_s)->isEnabled());
    QVERIFY2(bar(again)->findChild<QLabel*>()->text().contains(u"threads"_s),
             qPrintable(bar(again)->findChild<QLabel*>()->text()));
    button(again, u"discardJournal"_s)->click();
    QVERIFY(!bar(again)->isVisibleTo(&again));
    QVERIFY(unfinishedJournals().isEmpty());
}

void TestJournal::anInterruptedSweepIsRestoredRunningOnlyItsMissingCells()
{
    // What a crash leaves: two real cells written, the third cut short mid-line.
    QVERIFY(QDir().mkpath(journalFolder()));
    const QString path = journalFolder() + u"/20260101-120000-000.jsonl"_s;
    std::string error;
    auto writer = JournalWriter::create(QFile::encodeName(path).toStdString(),
                                        journal_header(smallSweep(), machine_info()), &error);
    QVERIFY2(writer, error.c_str());
    Runner runner;
    const std::vector<CellResult> ran = runner.sweep(smallSweep(), writer.get());
    QCOMPARE(ran.size(), std::size_t{4});
    writer.reset();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> text = file.readAll().split('\n');
    file.close();
    QByteArray cut = text[0] + '\n' + text[1] + '\n' + text[2] + '\n' + text[3].left(text[3].size() / 2);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(cut);
    file.close();

    MainWindow w;
    QVERIFY(bar(w)->isVisibleTo(&w));
    QVERIFY2(bar(w)->findChild<QLabel*>()->text().contains(u"2 of its 4 cells"_s),
             qPrintable(bar(w)->findChild<QLabel*>()->text()));
    QSignalSpy cells(w.controller(), &RunController::cellFinished);
    QSignalSpy finished(w.controller(), &RunController::finished);
    button(w, u"restoreJournal"_s)->click();
    QCOMPARE(w.model()->gridCellsDone(), 2);   // the journal's cells, at once
    QVERIFY(!bar(w)->isVisibleTo(&w));
    QVERIFY(finished.wait(testcells::kRunTimeout));
    QCOMPARE(w.model()->gridCellsDone(), 4);
    int grid = 0;
    for (const QList<QVariant>& args : cells) {
        const CellPtr cell = args.at(0).value<CellPtr>();
        if (cell->config.strategy == StrategyKind::Threads) {
            ++grid;
            // Only the missing ones: (4, 1) and (4, 2).
            QCOMPARE(cell->config.splits, std::size_t{4});
        }
    }
    QCOMPARE(grid, 2);
    // The journal's cells are shown as they were measured.
    const int row = w.model()->rowAt(1, 1);
    QVERIFY(row >= 0);
    QCOMPARE(w.model()->result(row).median_s, ran[0].median_s);
    QVERIFY(unfinishedJournals().isEmpty());
}

void TestJournal::aDamagedJournalCanOnlyBeDiscarded()
{
    QVERIFY(QDir().mkpath(journalFolder()));
    const QString path = journalFolder() + u"/20260101-130000-000.jsonl"_s;
    const std::string header = journal_header_line(journal_header(smallSweep(), machine_info()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(header.data(), qint64(header.size()));
    file.write("{\"strategy\": \"threads\"}\n{}\n");
    file.close();

    MainWindow w;
    w.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    QVERIFY(bar(w)->isVisibleTo(&w));
    QVERIFY(!button(w, u"restoreJournal"_s)->isEnabled());
    const QString text = bar(w)->findChild<QLabel*>()->text();
    QVERIFY2(text.contains(u"line 2: cell"_s), qPrintable(text));
    QString error;
    QVERIFY(!w.findChild<RunCoordinator*>()->resumeSweep(path, &error));
    QVERIFY2(error.contains(u"line 2"_s), qPrintable(error));
    QCOMPARE(w.model()->gridCellsDone(), 4);   // what it showed stays
    button(w, u"discardJournal"_s)->click();
    QVERIFY(!QFile::exists(path));
    QVERIFY(!bar(w)->isVisibleTo(&w));
}

void TestJournal::aFailingSaveLeavesTheOldFileIntact_data()
{
    QTest::addColumn<QString>("name");
    for (const char* name : {"session.json", "data.csv", "chart.png", "chart.svg", "chart.pdf"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

void TestJournal::aFailingSaveLeavesTheOldFileIntact()
{
    QFETCH(QString, name);
    const QString path = dir_.filePath(name);
    const QByteArray old = "the good file, saved before\n";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(old);
    file.close();
    MainWindow w;
    w.model()->setResults(testcells::machine(), testcells::grid(8, 8), QDateTime::currentDateTime());
    // Every write past 200 bytes fails (EFBIG), as a full disk would.
    QString error;
    bool ok = true;
    {
        const chunkscope::support::FileSizeLimit limit(200);
        QVERIFY(limit.in_force());
        ok = name.startsWith(u"chart"_s) ? w.exportChart(path, ExportOptions{}, &error)
             : name.endsWith(u".csv"_s)  ? w.exportData(path, &error)
                                         : w.saveSession(path, &error);
    }
    QVERIFY2(!ok, qPrintable(QString::number(QFileInfo(path).size())));
    QVERIFY2(error.contains(name), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), old);
    file.close();
    QCOMPARE(QDir(dir_.path()).entryList({name + u"*"_s}, QDir::Files | QDir::Hidden).size(), 1);
}

void TestJournal::aMalformedSessionSaysWhereAndKeepsTheResults_data()
{
    std::ostringstream good;
    write_json(good, testcells::machine(), testcells::grid(2, 2));
    const QByteArray session = QByteArray::fromStdString(good.str());
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("where");
    QByteArray wrongType = session;
    const qsizetype at = wrongType.indexOf("\"median_s\"", wrongType.indexOf("\"median_s\"") + 1);
    wrongType.replace(at, 11, "\"median_s\": \"fast\", \"was\":");
    QTest::addRow("a field of the wrong type") << wrongType << u"results[1].median_s: expected a number"_s;
    QByteArray syntax = session;
    syntax.replace(syntax.indexOf("\"machine\""), 9, "machine");
    QTest::addRow("a syntax error") << syntax << u"line 2, column"_s;
    QTest::addRow("cut short") << session.left(session.size() / 2) << u"line "_s;
}

void TestJournal::aMalformedSessionSaysWhereAndKeepsTheResults()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, where);
    const QString path = dir_.filePath(u"malformed.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    MainWindow w;
    w.model()->setResults(testcells::machine(), testcells::grid(3, 3), QDateTime::currentDateTime());
    QString error;
    QVERIFY(!w.openSession(path, &error));
    QVERIFY2(error.contains(where), qPrintable(error));
    QVERIFY2(error.contains(u"malformed.json"_s), qPrintable(error));
    QCOMPARE(w.model()->gridCellsDone(), 9);
}

QTEST_MAIN(TestJournal)
#include "tst_journal.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The Reference menu with the engine behind it: a sweep's twin in the other language swept as
// its reference (the tutorial's own Python for fork-split), the two side by side on one scale,
// a reference loaded from a file, and Python figures kept with the machine that measured them.

#include "testcells.h"
#include "windowsetup.h"

#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "heatmappage.h"
#include "mainwindow.h"
#include "reference.h"
#include "referencecontroller.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "session.h"
#include "tutorialpanel.h"
#include "uiformat.h"
#include "windowactions.h"

#include "chunkscope/registry.h"

#include <QAction>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;
using Command = WindowActions::Command;

class TestReference : public QObject {
    Q_OBJECT
private Q_SLOTS:

    void twinSweepBecomesTheReference()
    {
        if (!availability(StrategyKind::PySplit).available)
            QSKIP(availability(StrategyKind::PySplit).reason.c_str());
        MainWindow w;
        w.show();
        testcells::setUp(w, StrategyKind::ForkSplit, 100'000, u"2, 8"_s, u"1, 2"_s, 2);
        QSignalSpy finished(w.controller(), &RunController::finished);
        QAction* twin = w.windowActions()->action(Command::TwinReference);
        QVERIFY(!twin->isEnabled());   // nothing swept yet
        QVERIFY(!w.references()->twinProblem().isEmpty());
        w.startSweep();
        QVERIFY(finished.wait(testcells::kRunTimeout));
        QVERIFY2(twin->isEnabled(), qPrintable(w.references()->twinProblem()));

        twin->trigger();
        // The twin sweeps the same grid, live in the heatmap.
        QVERIFY(w.isRunning());
        QCOMPARE(w.panel()->config().strategy, StrategyKind::PySplit);
        QVERIFY(finished.wait(testcells::kRunTimeout));
        QTRY_VERIFY(!w.isRunning());

        // Ours is back, measured against the twin's.
        QCOMPARE(w.model()->base().strategy, StrategyKind::ForkSplit);
        QCOMPARE(w.panel()->config().strategy, StrategyKind::ForkSplit);
        QCOMPARE(w.model()->gridCellsDone(), 4);
        const Reference* ref = w.references()->reference();
        QVERIFY(!ref->isEmpty());
        QCOMPARE(ref->model()->base().strategy, StrategyKind::PySplit);
        QCOMPARE(ref->model()->gridCellsDone(), 4);
        QVERIFY(ref->label().startsWith(u"py-split"_s));
        HeatmapChart* chart = w.heatmap();
        QCOMPARE(chart->effectiveColorBy(), HeatmapChart::ColorBy::Reference);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c) {
                QVERIFY2(chart->cellLabel(r, c).contains(u"×"_s), qPrintable(chart->cellLabel(r, c)));
                // Two repetitions a side: too few to test, and it says so.
                QVERIFY(!chart->cellLabel(r, c).contains(u'*'));
                QVERIFY(chart->cellItem(r, c)->toolTip().contains(u"too few samples"_s));
            }

        // Side by side: the twin's heatmap beside ours, one scale for both.
        QAction* side = w.windowActions()->action(Command::SideBySide);
        QVERIFY(side->isEnabled());
        side->trigger();
        HeatmapPage* page = w.heatmapPage();
        QVERIFY(page->sideBySide());
        QCOMPARE(page->referenceChart()->model(), ref->model());
        // Both show their times: the ratio is what the two show apart.
        QCOMPARE(chart->colorBy(), HeatmapChart::ColorBy::Duration);
        QVERIFY(chart->caption().indexOf(u"reference"_s) < 0);
        QCOMPARE(page->referenceChart()->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
        QCOMPARE(chart->colorScale()->range(), page->referenceChart()->colorScale()->range());
        QVERIFY(page->referenceChart()->cellLabel(0, 0).endsWith(u"s"_s));

        // Clearing it: no reference, nothing beside, times again.
        w.windowActions()->action(Command::ClearReference)->trigger();
        QVERIFY(ref->isEmpty());
        QVERIFY(!page->sideBySide());
        QVERIFY(!side->isEnabled());
    }

    void aStrategyWithoutTwinSaysSo()
    {
        MainWindow w;
        w.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
        RunConfig tbb = testcells::baseConfig(StrategyKind::Tbb);
        std::vector<CellResult> cells{testcells::cell(tbb, 2, 1, 0.01), testcells::cell(tbb, 4, 1, 0.02)};
        w.model()->setResults(testcells::machine(), cells, QDateTime::currentDateTime());
        QVERIFY2(w.references()->twinProblem().contains(u"no twin"_s), qPrintable(w.references()->twinProblem()));
        QVERIFY(!w.windowActions()->action(Command::TwinReference)->isEnabled());
    }

    void referenceFromAFile()
    {
        MainWindow w;
        w.model()->setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
        QTemporaryDir dir;
        ResultsModel other;
        other.setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
        const QString path = dir.filePath(u"other-machine.json"_s);
        QString error;
        QVERIFY2(saveSession(path, other, &error), qPrintable(error));
        QVERIFY2(w.references()->loadFile(path, &error), qPrintable(error));
        const Reference* ref = w.references()->reference();
        QVERIFY(ref->label().contains(u"other-machine.json"_s));
        QVERIFY(ref->label().contains(u"Test CPU 3000"_s));
        QCOMPARE(w.heatmap()->effectiveColorBy(), HeatmapChart::ColorBy::Reference);
        QCOMPARE(w.heatmap()->cellLabel(0, 0), formatSpeedup(1.0));

        // Not a report: the reference stays as it was, and the error says what is wrong.
        const QString bad = dir.filePath(u"bad.json"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"results\": 3}");
        f.close();
        QVERIFY(!w.references()->loadFile(bad, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(ref->label().contains(u"other-machine.json"_s));
    }

    void pythonFiguresKeepTheirMachine()
    {
        if (!availability(StrategyKind::PySequential).available)
            QSKIP(availability(StrategyKind::PySequential).reason.c_str());
        QString figure;
        {
            MainWindow w;
            w.show();
            QSignalSpy finished(w.controller(), &RunController::finished);
            w.tutorial()->table()->selectRow(0);
            QTest::mouseClick(w.tutorial()->findChild<QPushButton*>(u"pythonTwinButton"_s), Qt::LeftButton);
            QVERIFY(finished.wait(testcells::kRunTimeout));
            figure = w.tutorial()->pythonMeasured(0);
        }
        {
            // The next window on this machine shows it as here, with its date.
            MainWindow w;
            const QString shown = w.tutorial()->pythonMeasured(0);
            QVERIFY2(shown.startsWith(figure + u" (here, "_s), qPrintable(shown));
        }
        // The same settings on another machine: kept, but not "here".
        QSettings settings;
        int moved = 0;
        for (const QString& key : settings.allKeys())
            if (key.endsWith(u"/machineKey"_s)) {
                settings.setValue(key, u"another machine"_s);
                ++moved;
            }
        QVERIFY(moved >= 1);
        settings.sync();
        MainWindow w;
        const QString shown = w.tutorial()->pythonMeasured(0);
        QVERIFY2(shown.startsWith(u"not measured here ("_s + figure + u" on "_s), qPrintable(shown));
        for (int row = 1; row < w.tutorial()->table()->rowCount(); ++row)
            QCOMPARE(w.tutorial()->pythonMeasured(row), u"not measured here"_s);
    }

private:
    testcells::IsolatedSettings settings_;
};

QTEST_MAIN(TestReference)
#include "tst_reference.moc"

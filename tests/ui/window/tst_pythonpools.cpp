// SPDX-License-Identifier: GPL-3.0-or-later
// Presets ▸ Python pools side by side, with the engine and the tutorial's Python behind it at a
// tiny size: py-split, py-futures, py-joblib and py-dask swept one after another (the same
// mechanism as the OpenMP schedules'), their heatmaps side by side on one colour scale with their
// titles and the library's default marked, every cell in the results model; a library that is
// not installed is left out with a line saying so, and Cancel stops it leaving no process.

#include "seriescells.h"

#include "support/proctree.h"

#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "heatmapgrid.h"
#include "mainwindow.h"
#include "presets.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "seriessweeps.h"
#include "seriesview.h"
#include "uiformat.h"
#include "windowactions.h"

#include "chunkscope/python.h"
#include "chunkscope/registry.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// The preset on 2 × 3 cells of 20,000 items (py-dask: 2 × 1): real runs, fast.
// Splits 1 holds Dask's default (chunks="auto": one chunk of 20K doubles).
SweepSeries tinyPools() { return testcells::tiny(pythonPoolsPreset(2), {1, 8}, {1, 4, 16}); }

// Runs the preset on w to its end; the strategies that ran, in order.
std::vector<StrategyKind> runToTheEnd(MainWindow& w)
{
    SeriesSweeps* s = w.pythonPools();
    QSignalSpy ended(s, &SeriesSweeps::finished);
    s->action()->trigger();
    if (!ended.wait(10 * testcells::kRunTimeout) || !ended.front().front().toBool())
        return {};
    std::vector<StrategyKind> ran;
    for (HeatmapChart* chart : s->view()->grid()->heatmaps())
        ran.push_back(chart->model()->base().strategy);
    return ran;
}

} // namespace

class TestPythonPools : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        if (!availability(StrategyKind::PySplit).available)
            QSKIP(availability(StrategyKind::PySplit).reason.c_str());
    }

    void thePresetsMenuOffersIt()
    {
        MainWindow w;
        QAction* action = w.pythonPools()->action();
        QVERIFY(w.windowActions()->presetsMenu()->actions().contains(action));
        QVERIFY(w.windowActions()->presetsMenu()->actions().contains(w.scheduleSweeps()->action()));
        QVERIFY(w.actions().contains(action));
        QCOMPARE(action->text(), u"Python pools side by side"_s);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        QVERIFY(action->toolTip().contains(u"joblib"_s));
    }

    void fourPoolsSideBySideOnOneScale()
    {
        MainWindow w;
        w.show();
        SeriesSweeps* s = w.pythonPools();
        s->setPreset(tinyPools());
        std::vector<StrategyKind> expected;
        for (const SweepSeries::Member& m : s->preset().members)
            if (availability(m.strategy).available)
                expected.push_back(m.strategy);
        QSignalSpy sweeps(w.controller(), &RunController::started);
        const std::vector<StrategyKind> ran = runToTheEnd(w);
        QCOMPARE(ran, expected);
        QCOMPARE(sweeps.size(), static_cast<qsizetype>(expected.size()));   // one sweep each, in turn
        QCOMPARE(s->leftOut().size(), static_cast<qsizetype>(4 - expected.size()));

        SeriesView* view = s->view();
        QVERIFY(view && view->isVisible());
        QCOMPARE(view->leftOut()->isVisibleTo(view), expected.size() < 4);
        QVERIFY(view->heading()->text().contains(u"py-dask: splits only"_s));
        const std::vector<HeatmapChart*>& charts = view->grid()->heatmaps();
        // One colour scale: the range of every library's cells together, on each.
        const auto range = view->grid()->sharedRange();
        QVERIFY(range);
        double lo = 1e9;
        double hi = 0;
        for (std::size_t i = 0; i < charts.size(); ++i) {
            HeatmapChart* chart = charts[i];
            const StrategyKind kind = chart->model()->base().strategy;
            const bool chunks = strategy_info(kind).uses(Knob::Chunksize);
            QCOMPARE(chart->colorScale()->range(), *range);
            QCOMPARE(chart->rows(), 2);
            QCOMPARE(chart->columns(), chunks ? 3 : 1);   // py-dask: one column of splits
            QCOMPARE(chart->model()->gridCellsDone(), chunks ? 6 : 2);
            const GridExtremes e = gridExtremes(*chart->model());
            lo = std::min(lo, chart->model()->result(e.best).median_s);
            hi = std::max(hi, chart->model()->result(e.worst).median_s);
            // Titled with its library, its best and worst cell, and where its default ran.
            const QString title = view->grid()->titleLabel(static_cast<int>(i))->text();
            const QString name = qs(strategy_info(kind).name);
            QVERIFY2(title.startsWith(u"<b>"_s + name + u" · "_s) && title.contains(u"<br>best "_s) &&
                         title.contains(u"<br>worst "_s),
                     qPrintable(title));
            QVERIFY2(title.contains(u"default's best"_s), qPrintable(title));
            // The library's default marked on its map (py-dask's: the row of its one chunk).
            QVERIFY(!chart->defaultItems().empty());
        }
        QCOMPARE(range->first, lo);
        QCOMPARE(range->second, hi);

        // Nothing lost: every library's cells and one sequential run in the results model.
        std::map<StrategyKind, int> perStrategy;
        int sequential = 0;
        ResultsModel* m = w.model();
        for (int row = 0; row < m->rowCount(); ++row) {
            const RunConfig& c = m->result(row).config;
            if (needs_baseline(c))
                ++perStrategy[c.strategy];
            else
                ++sequential;
        }
        QCOMPARE(sequential, 1);
        for (StrategyKind k : expected)
            QCOMPARE(perStrategy[k], strategy_info(k).uses(Knob::Chunksize) ? 6 : 2);
        QCOMPARE(m->base().strategy, StrategyKind::PySplit);

        // A cell is as wide in every map: py-dask's one column (given two) makes the narrowest plot.
        view->resize(1600, 1000);
        if (ran.back() == StrategyKind::PyDask) {
            QTRY_VERIFY(charts.back()->plotArea().width() < 0.8 * charts.front()->plotArea().width());
            for (std::size_t i = 1; i + 1 < charts.size(); ++i)
                QVERIFY(std::abs(charts[i]->plotArea().width() - charts.front()->plotArea().width()) < 4);
            // At the size the view opens with (a projector's 1280 × 720), the words under
            // py-dask's one column still fit: its plot widens for them.
            view->resize(1280, 720);
            QTRY_VERIFY2(charts.back()->plotArea().width() >= charts.back()->axisTitleWidth(),
                         qPrintable(u"%1 < %2"_s.arg(charts.back()->plotArea().width())
                                        .arg(charts.back()->axisTitleWidth())));
            for (std::size_t i = 1; i + 1 < charts.size(); ++i)
                QVERIFY(std::abs(charts[i]->plotArea().width() - charts.front()->plotArea().width()) < 4);
        }

        // The four as one picture.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(view->exportImage(dir.filePath(u"pools.png"_s), &error), qPrintable(error));
        QVERIFY(QFile::exists(dir.filePath(u"pools.png"_s)));
    }

    // An interpreter whose Dask cannot be imported: the three others run, py-dask is left out
    // with a line that says why and what to install.
    void aMissingLibraryIsLeftOut()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(u"hide/dask"_s));
        QFile init(dir.filePath(u"hide/dask/__init__.py"_s));
        QVERIFY(init.open(QIODevice::WriteOnly));
        init.write("raise ImportError('hidden by the test')\n");
        init.close();
        QFile wrapper(dir.filePath(u"python3"_s));
        QVERIFY(wrapper.open(QIODevice::WriteOnly));
        wrapper.write(QStringLiteral("#!/bin/sh\nPYTHONPATH='%1' exec '%2' \"$@\"\n")
                          .arg(dir.filePath(u"hide"_s), QString::fromStdString(python_interpreter()))
                          .toUtf8());
        wrapper.close();
        wrapper.setPermissions(wrapper.permissions() | QFile::ExeOwner);
        // As File ▸ Python interpreter… keeps it: the window sets it when it opens.
        QSettings().setValue(u"python/interpreter"_s, dir.filePath(u"python3"_s));
        set_python_interpreter(dir.filePath(u"python3"_s).toStdString());
        const bool dask = availability(StrategyKind::PyDask).available;
        const bool split = availability(StrategyKind::PySplit).available;
        std::vector<StrategyKind> ran;
        QStringList leftOut;
        QString shown;
        {
            MainWindow w;
            w.show();
            w.pythonPools()->setPreset(tinyPools());
            ran = runToTheEnd(w);
            leftOut = w.pythonPools()->leftOut();
            if (w.pythonPools()->view())
                shown = w.pythonPools()->view()->leftOut()->text();
        }
        QSettings().remove(u"python/interpreter"_s);
        set_python_interpreter("");
        QVERIFY(split);
        QVERIFY(!dask);
        QVERIFY(std::find(ran.begin(), ran.end(), StrategyKind::PyDask) == ran.end());
        QVERIFY(std::find(ran.begin(), ran.end(), StrategyKind::PySplit) != ran.end());
        QCOMPARE(static_cast<qsizetype>(ran.size()) + leftOut.size(), 4);
        const QString line = leftOut.filter(u"py-dask"_s).value(0);
        QVERIFY2(line.contains(u"left out"_s) && line.contains(u"python3-dask"_s), qPrintable(leftOut.join(u'\n')));
        QVERIFY2(shown.contains(line), qPrintable(shown));
    }

    void cancelStopsItLeavingNoProcess()
    {
        const std::set<pid_t> before = support::living_descendants();
        MainWindow w;
        w.show();
        SweepSeries p = testcells::tiny(pythonPoolsPreset(2), {1, 2, 4, 8}, {1, 2, 4, 8});
        p.base.workload.size = 1'000'000;   // long enough to cancel inside the first sweep
        testcells::cancelInsideTheFirstSweep(w, w.pythonPools(), p);
        if (QTest::currentTestFailed())
            return;
        // Neither the interpreter nor a worker of its pool is left, the window still open.
        QTRY_VERIFY_WITH_TIMEOUT(support::living_descendants() == before, 5000);
    }

private:
    testcells::IsolatedSettings settings_;
};

QTEST_MAIN(TestPythonPools)
#include "tst_pythonpools.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Presets ▸ OpenMP: static vs dynamic vs guided, with the engine behind it at a tiny size: the
// three sweeps run one after another, their heatmaps go side by side on one colour scale with
// their titles, every cell stays in the results model, and Cancel stops it.

#include "seriescells.h"

#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "heatmapgrid.h"
#include "mainwindow.h"
#include "presets.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "seriessweeps.h"
#include "seriesview.h"
#include "windowactions.h"

#include "chunkscope/registry.h"

#include <QAction>
#include <QChartView>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// The preset on 2 × 2 cells of 20,000 items: real runs, fast.
SweepSeries tinyPreset() { return testcells::tiny(schedulePreset(2), {2, 8}, {1, 2}); }

} // namespace

class TestScheduleSweeps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        if (!availability(StrategyKind::Omp).available)
            QSKIP(availability(StrategyKind::Omp).reason.c_str());
    }

    void thePresetsMenuOffersIt()
    {
        MainWindow w;
        QAction* action = w.scheduleSweeps()->action();
        QVERIFY(w.windowActions()->presetsMenu()->actions().contains(action));
        QVERIFY(w.actions().contains(action));   // its shortcut works wherever the focus is
        QCOMPARE(action->text(), u"OpenMP: static vs dynamic vs guided"_s);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
        QVERIFY(!action->toolTip().isEmpty());
    }

    void threeSweepsSideBySideOnOneScale()
    {
        MainWindow w;
        w.show();
        SeriesSweeps* s = w.scheduleSweeps();
        s->setPreset(tinyPreset());
        QSignalSpy ended(s, &SeriesSweeps::finished);
        QSignalSpy sweeps(w.controller(), &RunController::started);
        s->action()->trigger();
        QVERIFY(s->isActive());
        QVERIFY(w.isRunning());
        QCOMPARE(w.panel()->config().schedule, Schedule::Static);
        QVERIFY(ended.wait(testcells::kRunTimeout));
        QCOMPARE(ended.front().front().toBool(), true);
        QVERIFY(!s->isActive());
        QCOMPARE(sweeps.size(), 3);   // one sweep per schedule, one after another

        SeriesView* view = s->view();
        QVERIFY(view);
        QVERIFY(view->isVisible());
        const std::vector<HeatmapChart*>& charts = view->grid()->heatmaps();
        QCOMPARE(charts.size(), std::size_t{3});
        // One colour scale: the range of the three sweeps' cells together, on each.
        const auto range = view->grid()->sharedRange();
        QVERIFY(range);
        double lo = 1e9;
        double hi = 0;
        const QStringList names{u"static"_s, u"dynamic"_s, u"guided"_s};
        for (int i = 0; i < 3; ++i) {
            HeatmapChart* chart = charts[static_cast<std::size_t>(i)];
            QCOMPARE(chart->colorScale()->range(), *range);
            QCOMPARE(chart->model()->base().strategy, StrategyKind::Omp);
            QCOMPARE(chart->model()->base().schedule, static_cast<Schedule>(i));
            QCOMPARE(chart->model()->gridCellsDone(), 4);
            QCOMPARE(chart->rows(), 2);
            QCOMPARE(chart->columns(), 2);
            const GridExtremes e = gridExtremes(*chart->model());
            lo = std::min(lo, chart->model()->result(e.best).median_s);
            hi = std::max(hi, chart->model()->result(e.worst).median_s);
            const QString title = view->grid()->titleLabel(i)->text();
            QVERIFY2(title.startsWith(u"<b>"_s + names[i] + u"</b><br>best "_s) && title.contains(u"<br>worst "_s),
                     qPrintable(title));
            const QString best = extremesText(*chart->model(), u"|"_s).section(u'|', 0, 0);
            QVERIFY2(title.contains(best.toHtmlEscaped()), qPrintable(title));
        }
        QCOMPARE(range->first, lo);
        QCOMPARE(range->second, hi);
        // Small multiples: the titles above the plots are the grid's, the scale's bar is drawn
        // once, beside the last, and the three plots are as wide.
        view->resize(1280, 720);
        const auto asWide = [&] {
            for (HeatmapChart* chart : charts)
                if (std::abs(chart->plotArea().width() - charts.front()->plotArea().width()) > 3)
                    return false;
            return charts.front()->plotArea().width() > 100;
        };
        QTRY_VERIFY2(asWide(), qPrintable(u"%1 %2 %3"_s.arg(charts[0]->plotArea().width())
                                              .arg(charts[1]->plotArea().width())
                                              .arg(charts[2]->plotArea().width())));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(charts[static_cast<std::size_t>(i)]->title().isEmpty());
            QCOMPARE(charts[static_cast<std::size_t>(i)]->scaleShown(), i == 2);
        }

        // Nothing lost: the three sweeps' cells and one sequential run in the results model, the
        // first schedule's on the heatmap and in the panel.
        ResultsModel* m = w.model();
        int perSchedule[3] = {0, 0, 0};
        int sequential = 0;
        for (int row = 0; row < m->rowCount(); ++row) {
            const RunConfig& c = m->result(row).config;
            if (c.strategy == StrategyKind::Omp)
                ++perSchedule[static_cast<int>(c.schedule)];
            else
                ++sequential;
        }
        QCOMPARE(perSchedule[0], 4);
        QCOMPARE(perSchedule[1], 4);
        QCOMPARE(perSchedule[2], 4);
        QCOMPARE(sequential, 1);
        QCOMPARE(m->base().schedule, Schedule::Static);
        QCOMPARE(m->gridCellsDone(), 4);
        QCOMPARE(w.panel()->config().schedule, Schedule::Static);

        // The three as one picture.
        QTemporaryDir dir;
        const QString png = dir.filePath(u"schedules.png"_s);
        QString error;
        QVERIFY2(view->exportImage(png, &error), qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1920, 1080));
        QVERIFY(!view->exportImage(dir.filePath(u"schedules.txt"_s), &error));
        QVERIFY2(error.contains(u".png"_s), qPrintable(error));
    }

    void cancelStopsIt()
    {
        MainWindow w;
        w.show();
        testcells::cancelInsideTheFirstSweep(w, w.scheduleSweeps(),
                                             testcells::tiny(schedulePreset(2), {1, 2, 4, 8}, {1, 2, 4, 8}));
    }

    void cancelBetweenSweepsStopsIt()
    {
        MainWindow w;
        SeriesSweeps* s = w.scheduleSweeps();
        s->setPreset(tinyPreset());
        QSignalSpy ended(s, &SeriesSweeps::finished);
        QSignalSpy sweeps(w.controller(), &RunController::started);
        // The first sweep ends: cancel before the next one starts.
        connect(w.controller(), &RunController::finished, &w, [&] { w.cancelRun(); });
        s->start();
        QVERIFY(ended.wait(testcells::kRunTimeout));
        QCOMPARE(ended.front().front().toBool(), false);
        QTest::qWait(300);
        QCOMPARE(sweeps.size(), 1);
        QVERIFY(!w.isRunning());
        QCOMPARE(w.model()->gridCellsDone(), 4);
    }

private:
    testcells::IsolatedSettings settings_;
};

QTEST_MAIN(TestScheduleSweeps)
#include "tst_schedulesweeps.moc"

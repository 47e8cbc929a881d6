// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The presets that sweep a series (SeriesSweeps: the OpenMP schedules, the Python pools) at a
// tiny size, and the checks their cancel tests share.

#include "testcells.h"
#include "windowsetup.h"

#include "heatmapchart.h"
#include "heatmapgrid.h"
#include "mainwindow.h"
#include "presets.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "seriessweeps.h"
#include "seriesview.h"

#include <QAction>
#include <QSignalSpy>
#include <QtTest>

#include <cstddef>
#include <vector>

namespace testcells {

// series on a grid of splits × chunks of 20,000 items, one repetition, no warm-up: real runs, fast.
inline chunkscope::ui::SweepSeries tiny(chunkscope::ui::SweepSeries series, std::vector<std::size_t> splits,
                                        std::vector<std::size_t> chunks)
{
    series.base.workload.size = 20'000;
    series.base.repeats = 1;
    series.base.warmup = 0;
    series.base.cell_budget_s = 0;
    series.splits = std::move(splits);
    series.chunks = std::move(chunks);
    return series;
}

// Starts s with series (long enough to be inside its first sweep when a grid cell has run),
// cancels it as Esc does, and checks that it stops there: no other sweep follows, the cells that
// ran stay in the model and in the view. Check QTest::currentTestFailed() after.
inline void cancelInsideTheFirstSweep(chunkscope::ui::MainWindow& w, chunkscope::ui::SeriesSweeps* s,
                                      chunkscope::ui::SweepSeries series)
{
    using chunkscope::ui::RunController;
    using chunkscope::ui::SeriesSweeps;
    s->setPreset(std::move(series));
    QSignalSpy ended(s, &SeriesSweeps::finished);
    QSignalSpy sweeps(w.controller(), &RunController::started);
    // Cancelled as the first grid cell arrives (the first cell is the sequential run speedups
    // need), as Esc does: a tiny grid's sweep can end within one poll, so not by polling.
    const QMetaObject::Connection cancel =
        QObject::connect(w.controller(), &RunController::cellFinished, &w, [&w] {
            if (w.model()->gridCellsDone() >= 1 && w.isRunning())
                w.cancelRun();
        });
    s->start();
    QVERIFY(s->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(ended.size() == 1, kRunTimeout);
    QObject::disconnect(cancel);
    QCOMPARE(ended.front().front().toBool(), false);
    QVERIFY(!s->isActive());
    QTRY_VERIFY(!w.isRunning());
    QCOMPARE(s->current(), 0);
    // No other sweep follows.
    QTest::qWait(300);
    QCOMPARE(sweeps.size(), 1);
    QVERIFY(!w.isRunning());
    QVERIFY(s->action()->isEnabled());
    // The cells that ran stay, in the model and in the view.
    QVERIFY(w.model()->gridCellsDone() >= 1);
    QVERIFY(s->view());
    QCOMPARE(s->view()->grid()->heatmaps()[0]->model()->gridCellsDone(), w.model()->gridCellsDone());
    QCOMPARE(s->view()->grid()->heatmaps()[1]->model()->rowCount(), 0);
}

} // namespace testcells

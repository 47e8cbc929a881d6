// SPDX-License-Identifier: GPL-3.0-or-later
// Presets ▸ OpenMP: static vs dynamic vs guided: its plan (three sweeps of omp, one per schedule,
// on one grid) and the titles of its heatmaps (the schedule, its best and worst cell).

#include "testcells.h"

#include "presets.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QDateTime>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestPresets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threeSweepsOfOmpOnOneGrid();
    void scaledToTheMachinesWorkers();
    void titleSaysTheScheduleAndItsBestAndWorstCell();
    void titleOfASweepThatHasNotRun();
    void measuredFigureOfASweepIsItsRange();
};

void TestPresets::threeSweepsOfOmpOnOneGrid()
{
    const SchedulePreset preset = schedulePreset(2);
    QCOMPARE(preset.name, u"OpenMP: static vs dynamic vs guided"_s);
    // The tutorial's workload and its 8 × 8 grid.
    QCOMPARE(preset.base.workload.function, Function::Exp);
    QCOMPARE(preset.base.workload.size, std::size_t{10'000'000});
    QCOMPARE(preset.splits, default_grid());
    QCOMPARE(preset.chunks, default_grid());

    const std::vector<SweepSpec> plan = schedulePlan(preset);
    QCOMPARE(plan.size(), std::size_t{3});
    const std::vector<Schedule> order{Schedule::Static, Schedule::Dynamic, Schedule::Guided};
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const SweepSpec& s = plan[i];
        QCOMPARE(s.base.strategy, StrategyKind::Omp);
        QCOMPARE(s.base.schedule, order[i]);
        QCOMPARE(s.splits_list, plan.front().splits_list);
        QCOMPARE(s.chunks_list, plan.front().chunks_list);
        QCOMPARE(s.splits_list.size(), std::size_t{8});
        QCOMPARE(s.chunks_list.size(), std::size_t{8});
        QCOMPARE(sweep_cells(s).size(), std::size_t{64});
        // Otherwise the same run: only the schedule differs, and it makes each its own experiment.
        RunConfig same = s.base;
        same.schedule = plan.front().base.schedule;
        QCOMPARE(same, plan.front().base);
        if (i > 0)
            QVERIFY(!same_experiment(s.base, plan.front().base));
        QVERIFY2(!validate(s.base), validate(s.base).value_or("").c_str());
    }
}

void TestPresets::scaledToTheMachinesWorkers()
{
    // As the tutorial's presets: one worker per core of this machine.
    QCOMPARE(schedulePreset(2).base.workers, 2);
    QCOMPARE(schedulePreset(16).base.workers, 16);
    QCOMPARE(schedulePreset(0).base.workers, 1);
    QCOMPARE(schedulePreset(16).base.workers, tutorialPresets(16).front().config.workers);
}

void TestPresets::titleSaysTheScheduleAndItsBestAndWorstCell()
{
    RunConfig base = testcells::baseConfig(StrategyKind::Omp);
    base.schedule = Schedule::Guided;
    ResultsModel model;
    // The sequential run is no grid cell: even the slowest, it is never the worst.
    model.setResults(testcells::machine(),
                     {testcells::baseline(base, 0.5), testcells::cell(base, 1, 1, 0.040),
                      testcells::cell(base, 4, 2, 0.010), testcells::cell(base, 2, 8, 0.080),
                      testcells::cell(base, 8, 8, 0, Status::Failed)},
                     QDateTime::currentDateTime());
    const GridExtremes e = gridExtremes(model);
    QCOMPARE(model.result(e.best).median_s, 0.010);
    QCOMPARE(model.result(e.worst).median_s, 0.080);
    const QString title = scheduleTitle(Schedule::Guided, model);
    QVERIFY2(title.startsWith(u"guided — "_s), qPrintable(title));
    QVERIFY2(title.contains(u"best 4 × 2: "_s + formatSeconds(0.010)), qPrintable(title));
    QVERIFY2(title.contains(u"worst 2 × 8: "_s + formatSeconds(0.080)), qPrintable(title));
}

void TestPresets::titleOfASweepThatHasNotRun()
{
    const ResultsModel model;
    QCOMPARE(scheduleTitle(Schedule::Static, model), u"static — no cell ran"_s);
    QCOMPARE(gridExtremes(model).best, -1);
    QCOMPARE(gridExtremes(model).worst, -1);
}

void TestPresets::measuredFigureOfASweepIsItsRange()
{
    // The tutorial's sweep preset reads the same extremes.
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(2, 2), QDateTime::currentDateTime());
    Preset sweep;
    sweep.sweep = true;
    const GridExtremes e = gridExtremes(model);
    const QString figure = measuredFigure(sweep, model, nullptr);
    QVERIFY2(figure.startsWith(formatSeconds(model.result(e.best).median_s) + u"–"_s +
                               formatSeconds(model.result(e.worst).median_s)),
             qPrintable(figure));
    QVERIFY2(figure.endsWith(u"best 2 × 1"_s), qPrintable(figure));
}

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"

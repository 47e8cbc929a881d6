// SPDX-License-Identifier: GPL-3.0-or-later
// Presets ▸ OpenMP: static vs dynamic vs guided: its plan (three sweeps of omp, one per schedule,
// on one grid) and the titles of its heatmaps (the schedule, its best and worst cell); Presets ▸
// Python pools side by side: four libraries on one grid, where their defaults land, a member that
// cannot run left out with the reason.

#include "testcells.h"

#include "librarydefault.h"
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
    void fourPythonPoolsOnOneGrid();
    void poolMapsRuleLandsOnTheGrid_data();
    void poolMapsRuleLandsOnTheGrid();
    void aMemberThatCannotRunIsLeftOut();
    void seriesTitleGivesTheDefaultsBestCell();
};

void TestPresets::threeSweepsOfOmpOnOneGrid()
{
    const SweepSeries preset = schedulePreset(2);
    QCOMPARE(preset.name, u"OpenMP: static vs dynamic vs guided"_s);
    // The tutorial's workload and its 8 × 8 grid.
    QCOMPARE(preset.base.workload.function, Function::Exp);
    QCOMPARE(preset.base.workload.size, std::size_t{10'000'000});
    QCOMPARE(preset.splits, default_grid());
    QCOMPARE(preset.chunks, default_grid());

    const std::vector<SweepSpec> plan = seriesPlan(preset).sweeps;
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

void TestPresets::fourPythonPoolsOnOneGrid()
{
    const SweepSeries preset = pythonPoolsPreset(2);
    QCOMPARE(preset.name, u"Python pools side by side"_s);
    QCOMPARE(preset.base.workload.size, std::size_t{10'000'000});
    QCOMPARE(preset.base.workers, 2);
    QCOMPARE(preset.base.pool, PoolLifetime::Fresh);   // as the tutorial: the pool inside the timed region
    const std::vector<StrategyKind> order{StrategyKind::PySplit, StrategyKind::PyFutures, StrategyKind::PyJoblib,
                                          StrategyKind::PyDask};
    QCOMPARE(preset.members.size(), order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        QCOMPARE(preset.members[i].strategy, order[i]);
        QVERIFY(preset.members[i].label.startsWith(qs(strategy_info(order[i]).name)));
    }
    const SeriesPlan plan = seriesPlan(preset);
    QCOMPARE(plan.sweeps.size() + static_cast<std::size_t>(plan.leftOut.size()), order.size());
    for (std::size_t i = 0; i < plan.sweeps.size(); ++i) {
        const SweepSpec& s = plan.sweeps[i];
        QCOMPARE(s.base.strategy, preset.members[plan.members[i]].strategy);
        QCOMPARE(s.splits_list, preset.splits);
        // py-dask has no chunksize: its sweep is one column of splits.
        QCOMPARE(s.chunks_list.size(), strategy_info(s.base.strategy).uses(Knob::Chunksize) ? preset.chunks.size() : 1);
        QVERIFY2(!validate(s.base), validate(s.base).value_or("").c_str());
    }
    const QString about = seriesAbout(preset, 4);
    QVERIFY2(about.contains(u"py-dask: splits only"_s) && about.contains(u"the 4 heatmaps"_s), qPrintable(about));
}

// The grid is chosen so that Pool.map's ceil(P / 4W) is one of its columns on every row.
void TestPresets::poolMapsRuleLandsOnTheGrid_data()
{
    QTest::addColumn<int>("workers");
    QTest::addRow("2 workers") << 2;
    QTest::addRow("8 workers") << 8;
}

void TestPresets::poolMapsRuleLandsOnTheGrid()
{
    QFETCH(int, workers);
    const SweepSeries preset = pythonPoolsPreset(workers);
    RunConfig split = preset.base;
    split.strategy = StrategyKind::PySplit;
    const auto cells = libraryDefaultCells(split, preset.splits, preset.chunks);
    QCOMPARE(cells.size(), preset.splits.size());
    for (const DefaultCell& d : cells)
        QCOMPARE(d.fit, DefaultCell::Fit::Exact);
}

void TestPresets::aMemberThatCannotRunIsLeftOut()
{
    SweepSeries series = pythonPoolsPreset(2);
    series.base.mpi.mpirun = "/nonexistent/mpirun";
    series.members.insert(series.members.begin() + 1, {StrategyKind::Mpi, Schedule::Default, u"mpi"_s, u"MPI"_s});
    series.members.resize(2);
    const SeriesPlan plan = seriesPlan(series);
    QCOMPARE(plan.leftOut.size(), 1 + (availability(StrategyKind::PySplit).available ? 0 : 1));
    QVERIFY2(plan.leftOut.constLast().startsWith(u"mpi left out: "_s), qPrintable(plan.leftOut.join(u'|')));
    for (std::size_t m : plan.members)
        QCOMPARE(series.members[m].strategy, StrategyKind::PySplit);
}

void TestPresets::seriesTitleGivesTheDefaultsBestCell()
{
    RunConfig base = testcells::baseConfig(StrategyKind::PyFutures);
    ResultsModel model;
    // Executor.map's default is chunksize 1: the fastest cell of column 1 is 8 × 1.
    model.setResults(testcells::machine(),
                     {testcells::baseline(base, 0.5), testcells::cell(base, 2, 1, 0.040),
                      testcells::cell(base, 8, 1, 0.030), testcells::cell(base, 8, 4, 0.010),
                      testcells::cell(base, 2, 4, 0.080)},
                     QDateTime::currentDateTime());
    const QString title = seriesTitle(u"py-futures"_s, model, true);
    QVERIFY2(title.startsWith(u"<b>py-futures</b><br>best 8 × 4: "_s), qPrintable(title));
    QVERIFY2(title.contains(u"<br>◢ default's best 8 × 1: "_s + formatSeconds(0.030)), qPrintable(title));
    QCOMPARE(seriesTitle(u"x"_s, model, false).count(u"<br>"_s), 2);
    // A strategy without the chunksize knob nor a chunk rule has no default to mark.
    ResultsModel stdpar;
    const RunConfig p = testcells::baseConfig(StrategyKind::StdPar);
    stdpar.setResults(testcells::machine(), {testcells::baseline(p, 0.5), testcells::cell(p, 2, 1, 0.040)},
                      QDateTime::currentDateTime());
    QVERIFY2(seriesTitle(u"std-par"_s, stdpar, true).endsWith(u"no chunksize: no default marked"_s),
             qPrintable(seriesTitle(u"std-par"_s, stdpar, true)));
    // Dask's: its chunks="auto" makes 100K doubles one chunk, the splits-1 row.
    ResultsModel dask;
    const RunConfig d = testcells::baseConfig(StrategyKind::PyDask);
    dask.setResults(testcells::machine(),
                    {testcells::baseline(d, 0.5), testcells::cell(d, 2, 1, 0.040), testcells::cell(d, 1, 1, 0.060)},
                    QDateTime::currentDateTime());
    QVERIFY2(seriesTitle(u"py-dask"_s, dask, true).endsWith(u"◢ default's best 1 × 1: "_s + formatSeconds(0.060)),
             qPrintable(seriesTitle(u"py-dask"_s, dask, true)));
}

QTEST_MAIN(TestPresets)
#include "tst_presets.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "presets.h"

#include "librarydefault.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/registry.h"
#include "chunkscope/runner.h"

#include <QCoreApplication>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::Presets", text); }
} // namespace

namespace {

// The tutorial: 10 million float64 from numpy.random.rand, numpy.exp (vectorised), a pool
// created inside the timed region, on workers workers.
RunConfig tutorialBase(int workers)
{
    RunConfig base;
    base.workload.function = Function::Exp;
    base.workload.kernel = Kernel::Simd;
    base.workload.intensity = 1;
    base.workload.size = 10'000'000;
    base.workers = workers < 1 ? 1 : workers;
    base.pool = PoolLifetime::Fresh;
    base.repeats = 3;
    base.warmup = kWarmupSettle;
    base.cell_budget_s = kDefaultCellBudgetS;   // the window's default: slow rows end in their budget
    return base;
}

} // namespace

std::vector<Preset> tutorialPresets(int workers)
{
    const RunConfig base = tutorialBase(workers);
    std::vector<Preset> presets;
    const auto add = [&](QString name, QString description, StrategyKind strategy, std::size_t splits,
                         std::size_t chunksize, bool autoChunks, int repeats, QString tutorial) {
        Preset p;
        p.name = std::move(name);
        p.description = std::move(description);
        p.config = base;
        p.config.strategy = strategy;
        p.config.splits = splits;
        p.config.chunksize = chunksize;
        p.config.chunksize_auto = autoChunks;
        p.config.repeats = repeats;
        p.tutorialFigure = std::move(tutorial);
        presets.push_back(std::move(p));
    };
    add(tr("Sequential"), tr("exp(data) on the whole vector, on one core"), StrategyKind::Sequential, 1, 1, false, 5,
        tr("0.143 s"));
    add(tr("Pool.map, default chunksize"),
        tr("Every item is a task; items go in chunks of ceil(n / (4 × workers)) to worker processes and back"),
        StrategyKind::ForkItems, 1, 1, true, 1, tr("23.2 s"));
    add(tr("Pool.map, chunksize 1000"), tr("The same with 1000 items per task"), StrategyKind::ForkItems, 1, 1000,
        false, 1, tr("16.5 s"));
    add(tr("Split into 64 parts"),
        tr("numpy.split(data, 64), pool.map(exp, parts, chunksize=1), numpy.concatenate the results"),
        StrategyKind::ForkSplit, 64, 1, false, 3, tr("0.385 s"));

    Preset sweep;
    sweep.name = tr("The 8 × 8 sweep");
    sweep.description = tr("splits 1, 2, 4, … 128 × chunksize 1, 2, 4, … 128: 64 cells, each creating its pool");
    sweep.config = base;
    sweep.config.strategy = StrategyKind::ForkSplit;
    sweep.config.repeats = 1;
    sweep.sweep = true;
    sweep.splits = default_grid();
    sweep.chunks = default_grid();
    sweep.tutorialFigure = tr("0.44–1.54 s per cell, best 64 × 1");
    presets.push_back(std::move(sweep));

    add(tr("Fix 1: shared memory"),
        tr("64 parts as before, but the vector lives in shared memory: only task descriptors travel"),
        StrategyKind::ForkShm, 64, 1, false, 3, tr("not tried"));
    add(tr("Fix 2: threads"), tr("64 parts handed to threads (ThreadPool), written in place"), StrategyKind::Threads,
        64, 1, false, 3, tr("not tried"));
    for (Preset& p : presets) {
        p.python = p.config;
        p.python.strategy = strategy_info(p.config.strategy).twin;
        p.pythonHereFigure = tr("not measured here");
    }
    return presets;
}

namespace {

// A series' words and its base run; the caller sets its grid and its members.
SweepSeries makeSeries(QString name, QString description, QString subject, QString what, QString exportName,
                       RunConfig base)
{
    SweepSeries p;
    p.name = std::move(name);
    p.description = std::move(description);
    p.subject = std::move(subject);
    p.what = std::move(what);
    p.exportName = std::move(exportName);
    p.base = std::move(base);
    return p;
}

} // namespace

SweepSeries schedulePreset(int workers)
{
    SweepSeries p = makeSeries(tr("OpenMP: static vs dynamic vs guided"),
                               tr("omp (#pragma omp parallel for) swept over the 8 × 8 grid once per schedule, one "
                                  "after another, its team kept between runs as a program's loops keep it; the three "
                                  "heatmaps side by side on one colour scale"),
                               tr("omp"), tr("schedule"), u"omp-schedules.png"_s, tutorialBase(workers));
    p.base.strategy = StrategyKind::Omp;
    p.base.pool = PoolLifetime::Warm;
    p.base.repeats = 5;
    p.splits = default_grid();
    p.chunks = default_grid();
    for (Schedule k : {Schedule::Static, Schedule::Dynamic, Schedule::Guided})
        p.members.push_back({StrategyKind::Omp, k, qs(to_string(k)), u"schedule(%1, chunksize)"_s.arg(qs(to_string(k)))});
    return p;
}

SweepSeries pythonPoolsPreset(int workers)
{
    SweepSeries p = makeSeries(
        tr("Python pools side by side"),
        tr("The tutorial's split version on multiprocessing.Pool (py-split), then the libraries a Python programmer "
           "reaches for next: concurrent.futures (py-futures), joblib (py-joblib) and Dask (py-dask), each swept on "
           "one 6 × 5 grid of 10M exp, each pool fresh as the tutorial's; the four heatmaps side by side on one "
           "colour scale, each library's default marked ◢"),
        tr("Python's pools, each created inside the timed region as the tutorial's"), tr("library"),
        u"python-pools.png"_s, tutorialBase(workers));
    p.defaultsInTitles = true;
    // The tutorial's size, so that its figures and the other presets' compare. A fresh pool a
    // repetition costs joblib's loky about a second, so 6 × 5 cells (not the tutorial's 8 × 8),
    // 3 repetitions and one warm-up (the pool is new each time: the warm-up only brings the data
    // and the modules in) keep the four sweeps to a few minutes on 2 workers. The grid spans one
    // task for the whole vector (2 splits, chunksize 256) to 512 one-part tasks, by factors of 4,
    // so that Pool.map's rule ceil(P / 4W) lands on a column on every row with 2 or 8 workers.
    p.base.warmup = 1;
    p.base.repeats = 3;
    // Splits 1 too: Dask's own default (chunks="auto", 128 MiB) makes 10M doubles one chunk, and
    // its row shows what that leaves the workers to do.
    p.splits = {1, 2, 8, 32, 128, 512};
    p.chunks = {1, 4, 16, 64, 256};
    p.members = {
        {StrategyKind::PySplit, Schedule::Default, tr("py-split · multiprocessing.Pool"), u"Pool(W).map(f, parts, C)"_s},
        {StrategyKind::PyFutures, Schedule::Default, tr("py-futures · concurrent.futures"),
         u"Executor.map(…, chunksize=C)"_s},
        {StrategyKind::PyJoblib, Schedule::Default, tr("py-joblib · joblib on loky"), u"Parallel(batch_size=C)"_s},
        {StrategyKind::PyDask, Schedule::Default, tr("py-dask · Dask array, threads"), u"da.exp over P chunks"_s},
    };
    return p;
}

SeriesPlan seriesPlan(const SweepSeries& series)
{
    SeriesPlan plan;
    for (std::size_t i = 0; i < series.members.size(); ++i) {
        const SweepSeries::Member& m = series.members[i];
        const Availability a = availability(m.strategy, series.base.mpi);
        if (!a.available) {
            plan.leftOut << tr("%1 left out: %2%3")
                                .arg(qs(strategy_info(m.strategy).name), qs(a.reason),
                                     a.install.empty() ? QString() : tr(" (%1)").arg(qs(a.install)));
            continue;
        }
        SweepSpec spec;
        spec.base = series.base;
        spec.base.strategy = m.strategy;
        spec.base.schedule = m.schedule;
        spec.splits_list = series.splits;
        spec.chunks_list = series.chunks;
        plan.sweeps.push_back(sweep_plan(spec));
        plan.members.push_back(i);
    }
    return plan;
}

QString seriesAbout(const SweepSeries& series, std::size_t shown)
{
    const RunConfig& c = series.base;
    QStringList splitsOnly;
    bool marks = false;
    for (const SweepSeries::Member& m : series.members) {
        if (!strategy_info(m.strategy).uses(Knob::Chunksize))
            splitsOnly << qs(strategy_info(m.strategy).name);
        marks = marks || strategy_info(m.strategy).uses(Knob::Chunksize);
    }
    QString about = tr("<b>%1</b>: %2, %3 of %4 on %5 workers, the same %6 × %7 grid for each %8 (splits × chunksize")
                        .arg(series.name.toHtmlEscaped(), series.subject.toHtmlEscaped(), qs(to_string(c.workload.function)),
                             formatCount(c.workload.size))
                        .arg(c.workers)
                        .arg(series.splits.size())
                        .arg(series.chunks.size())
                        .arg(series.what.toHtmlEscaped());
    if (!splitsOnly.isEmpty())
        about += tr("; %1: splits only, chunksize does not apply").arg(splitsOnly.join(u", "_s));
    about += tr("). One colour scale for the %1 heatmaps; the outlined cell is each one's fastest").arg(shown);
    if (marks)
        about += tr(", ◢ marks each row's default (chunksize auto)");
    return about + u"."_s;
}

GridExtremes gridExtremes(const ResultsModel& model)
{
    GridExtremes e;
    for (int row = 0; row < model.rowCount(); ++row) {
        const CellResult& r = model.result(row);
        if (!model.isGridCell(row) || r.status != Status::Ok)
            continue;
        if (e.best < 0 || r.median_s < model.result(e.best).median_s)
            e.best = row;
        if (e.worst < 0 || r.median_s > model.result(e.worst).median_s)
            e.worst = row;
    }
    return e;
}

QString extremesText(const ResultsModel& model, const QString& between)
{
    const GridExtremes e = gridExtremes(model);
    if (e.best < 0)
        return tr("no cell ran");
    const auto cell = [&](int row) {
        const GridPoint p = grid_point(model.result(row).config);
        return tr("%1 × %2: %3").arg(formatCount(p.splits), formatCount(p.chunksize),
                                     formatSeconds(model.result(row).median_s));
    };
    return tr("best %1").arg(cell(e.best)) + between + tr("worst %1").arg(cell(e.worst));
}

QString scheduleTitle(Schedule schedule, const ResultsModel& model)
{
    return tr("%1 — %2").arg(qs(to_string(schedule)), extremesText(model));
}

QString seriesTitle(const QString& label, const ResultsModel& model, bool withDefault)
{
    QString title = u"<b>%1</b><br>%2"_s.arg(label.toHtmlEscaped(),
                                             extremesText(model, u"\n"_s).toHtmlEscaped().replace(u'\n', u"<br>"_s));
    if (withDefault)
        title += u"<br>"_s + bestDefaultText(model).toHtmlEscaped();
    return title;
}

QString measuredFigure(const Preset& preset, const ResultsModel& model, const CellResult* lastRun)
{
    // A run: the cell it measured (the grid may hold earlier runs of the same experiment).
    if (!preset.sweep && lastRun)
        return lastRun->status == Status::Ok ? formatSeconds(lastRun->median_s) : tr("failed");
    const GridExtremes e = gridExtremes(model);
    if (e.best < 0)
        return tr("failed");
    const double lo = model.result(e.best).median_s;
    if (e.best == e.worst)
        return formatSeconds(lo);
    const CellResult& best = model.result(model.bestRow());
    return tr("%1–%2 per cell, best %3 × %4")
        .arg(formatSeconds(lo), formatSeconds(model.result(e.worst).median_s), formatCount(best.config.splits),
             formatCount(best.config.chunksize));
}

QString presetFiguresHtml(const Preset& p, const QString& python, const QString& measured)
{
    return tr("<b>%1</b> — tutorial (4 cores, Python): <b>%2</b> · Python here: <b>%3</b> · Chunkscope here: <b>%4</b>")
        .arg(p.name.toHtmlEscaped(), p.tutorialFigure.toHtmlEscaped(), python.toHtmlEscaped(),
             measured.toHtmlEscaped());
}

} // namespace chunkscope::ui

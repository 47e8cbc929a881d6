// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultscolumns.h"

#include "resultsmodel.h"
#include "uiformat.h"

#include <QCoreApplication>
#include <QVariant>

namespace chunkscope::ui {

namespace {

using Model = ResultsModel;
using namespace Qt::StringLiterals;

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::ResultsModel", text); }

constexpr int ColumnCount = Model::ColumnCount;

const char* const kNames[ColumnCount] = {
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Strategy"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Function"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Size"),    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Workers"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Pool"),     QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Splits"),   QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Chunksize"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Tasks"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Median"),   QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Min"),      QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Mean"),    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Std dev"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "CV"),       QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Warm-up"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Speedup"),  QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "× floor"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "× own floor"), nullptr, nullptr, nullptr, nullptr, nullptr,
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Verified"), QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Status")};

const char* const kTips[ColumnCount] = {
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "How the work is shared out"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "The math function, how many times per item, and its kernel"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Items in the vector"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Worker processes or threads"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "fresh: the pool is created inside the timed region, as in the tutorial; warm: it is reused"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Parts the vector is cut into"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Parts per task"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Tasks handed to the workers"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Median wall time over the repetitions"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Fastest repetition"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Mean wall time"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Sample standard deviation of the wall time"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Coefficient of variation: std dev / mean"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Untimed runs before the repetitions: \"settled\" when the last two agreed, \"cap\" when the rule's limit ended them"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Sequential median / this median"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "This median / the fastest the machine allows (once Run ▸ Measure machine has run)"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "This median / the fastest this strategy's own mechanism allows: its forks, pipes or shared pages as measured here (once Run ▸ Measure machine has run)"),
    nullptr, nullptr, nullptr, nullptr, nullptr,   // the phases: from the core's words
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "Output bit-identical to the sequential result (\"a Dask worker lost\": verified after Dask ran again what the worker held; its tooltip says what)"),
    QT_TRANSLATE_NOOP("chunkscope::ui::ResultsModel", "ok, failed (and why) or cancelled")};

// "4, settled", "10, cap" or "1": the runs made, and why they stopped under the rule.
QString warmupText(const CellResult& cell)
{
    if (cell.config.warmup != kWarmupSettle)
        return QString::number(cell.warmup_runs);
    return cell.warmup_settled ? tr("%1, settled").arg(cell.warmup_runs) : tr("%1, cap").arg(cell.warmup_runs);
}

bool valid(int column) { return column >= 0 && column < ColumnCount; }

} // namespace

QVariant resultsCellText(const ResultsModel& model, int row, int column)
{
    const CellResult& cell = model.result(row);
    const RunConfig& c = cell.config;
    const bool ok = cell.status == Status::Ok;
    const bool sequential = c.strategy == StrategyKind::Sequential;
    switch (column) {
    case Model::StrategyColumn:
        return model.isBaseline(row) ? qs(to_string(c.strategy)) + tr(" (baseline)") : qs(to_string(c.strategy));
    case Model::FunctionColumn:
        return functionText(c);
    case Model::SizeColumn:
        return formatCount(c.workload.size);
    case Model::WorkersColumn:
        return sequential ? 1 : c.workers;
    case Model::PoolColumn:
        return sequential ? u"–"_s : qs(to_string(c.pool));
    case Model::SplitsColumn:
        return c.splits_auto ? formatCount(grid_point(c).splits) + tr(" (auto)") : formatCount(grid_point(c).splits);
    case Model::ChunksizeColumn:
        return c.chunksize_auto ? formatCount(grid_point(c).chunksize) + tr(" (auto)") : formatCount(grid_point(c).chunksize);
    case Model::TasksColumn:
        return formatCount(task_count(c));
    case Model::VerifiedColumn:
        if (ok && cell.verified && !cell.worker_loss.empty())   // the tooltip says what it cost
            return tr("yes, a Dask worker lost");
        return ok ? (cell.verified ? tr("yes") : tr("no")) : QString();
    case Model::StatusColumn:
        return cell.error.empty() ? qs(to_string(cell.status))
                                  : qs(to_string(cell.status)) + u": "_s + qs(cell.error);
    default:
        break;
    }
    if (!ok)
        return QString();
    switch (column) {
    case Model::MedianColumn:
        return formatSeconds(cell.median_s);
    case Model::MinColumn:
        return formatSeconds(cell.min_s);
    case Model::MeanColumn:
        return formatSeconds(cell.mean_s);
    case Model::StddevColumn:   // one repetition has no spread (has_spread)
        return has_spread(cell) ? formatSeconds(cell.stddev_s) : u"n/a"_s;
    case Model::CvColumn:
        return has_spread(cell) ? QString(QString::number(cell.cv * 100.0, 'f', 1) + u" %"_s) : u"n/a"_s;
    case Model::WarmupColumn:
        return warmupText(cell);
    case Model::SpeedupColumn: {
        const auto s = model.speedup(row);
        return s ? formatSpeedup(*s) : QString();
    }
    case Model::FloorColumn: {
        const auto f = model.floorRatio(row);
        return f ? formatSpeedup(*f) : QString();
    }
    case Model::OwnFloorColumn: {
        const auto f = model.ownFloorRatio(row);
        return f ? formatSpeedup(*f) : QString();
    }
    default:
        if (const auto phase = Model::phaseOf(column))
            return formatSeconds(cell.phases[*phase]);
        return {};
    }
}

QVariant resultsCellValue(const ResultsModel& model, int row, int column)
{
    const CellResult& cell = model.result(row);
    const RunConfig& c = cell.config;
    switch (column) {
    case Model::SizeColumn:
        return qulonglong(c.workload.size);
    case Model::WorkersColumn:
        return c.workers;
    case Model::SplitsColumn:
        return qulonglong(grid_point(c).splits);
    case Model::ChunksizeColumn:
        return qulonglong(grid_point(c).chunksize);
    case Model::TasksColumn:
        return qulonglong(task_count(c));
    case Model::MedianColumn:
        return cell.median_s;
    case Model::MinColumn:
        return cell.min_s;
    case Model::MeanColumn:
        return cell.mean_s;
    case Model::StddevColumn:
        return cell.stddev_s;
    case Model::CvColumn:
        return cell.cv;
    case Model::WarmupColumn:
        return cell.warmup_runs;
    case Model::SpeedupColumn:
        return model.speedup(row).value_or(0.0);
    case Model::FloorColumn:
        return model.floorRatio(row).value_or(0.0);
    case Model::OwnFloorColumn:
        return model.ownFloorRatio(row).value_or(0.0);
    default:
        if (const auto phase = Model::phaseOf(column))
            return cell.phases[*phase];
        return resultsCellText(model, row, column);
    }
}

QString resultsColumnTitle(int column)
{
    if (const auto phase = Model::phaseOf(column)) {
        const QString name = qs(to_string(*phase));
        return name.left(1).toUpper() + name.mid(1);
    }
    return valid(column) ? tr(kNames[column]) : QString();
}

QString resultsColumnToolTip(int column)
{
    if (const auto phase = Model::phaseOf(column))
        return tr("Median time %1").arg(qs(describe(*phase)));
    return valid(column) ? tr(kTips[column]) : QString();
}

} // namespace chunkscope::ui

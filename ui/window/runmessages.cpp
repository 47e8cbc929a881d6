// SPDX-License-Identifier: GPL-3.0-or-later
#include "runmessages.h"

#include "comparechart.h"
#include "resultsmodel.h"
#include "scalingchart.h"
#include "uiformat.h"

#include "chunkscope/machine.h"

#include <QCoreApplication>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::RunMessages", text); }

QString pointText(const RunConfig& config)
{
    const auto [splits, chunks] = grid_point(config);
    return tr("splits %1 × chunksize %2").arg(formatCount(splits), formatCount(chunks));
}

} // namespace

QString runningMessage()
{
    QString warnings;
    for (const std::string& w : measurement_warnings())
        warnings += (warnings.isEmpty() ? QString() : u"; "_s) + qs(w);
    return warnings.isEmpty() ? tr("Running…") : tr("Running… Beware: %1").arg(warnings);
}

QString cellStartedMessage(const RunConfig& config, StrategyKind experiment, int index, int total)
{
    if (config.strategy == StrategyKind::Sequential && experiment != config.strategy)
        return tr("Cell %1 of %2: the sequential baseline").arg(index + 1).arg(total);
    return tr("Cell %1 of %2: %3").arg(index + 1).arg(total).arg(pointText(config));
}

QString runDoneMessage(const ResultsModel& model, const CellResult* lastRun, bool sweep)
{
    if (!sweep && lastRun)
        return lastRun->status == Status::Ok
                   ? tr("Done: %1 (%2).").arg(formatSeconds(lastRun->median_s), pointText(lastRun->config))
                   : tr("Done: the run failed.");
    const int best = model.bestRow();
    if (best < 0)
        return tr("Done.");
    const CellResult& fastest = model.result(best);
    return tr("Done: %1 cells, the fastest %2 (%3).")
        .arg(model.gridCellsDone())
        .arg(formatSeconds(fastest.median_s), pointText(fastest.config));
}

QString failedCellsMessage(const ResultsModel& model)
{
    const int failed = model.failedCells();
    if (failed == 0)
        return {};
    QString first;
    for (int row = 0; row < model.rowCount() && first.isEmpty(); ++row)
        if (const CellResult& r = model.result(row); r.status == Status::Failed && !r.error.empty())
            first = qs(r.error);
    return failed == 1 ? tr("1 cell failed: %1").arg(first)
                       : tr("%1 cells failed. The first: %2").arg(QString::number(failed), first);
}

QString comparedMessage(const CompareChart& chart)
{
    QString fastest;
    double best = 0;
    for (int i = 0; i < static_cast<int>(chart.results().size()); ++i)
        if (chart.speedup(i) > best) {
            best = chart.speedup(i);
            fastest = qs(to_string(chart.results()[static_cast<std::size_t>(i)].config.strategy));
        }
    return fastest.isEmpty() ? tr("Compared.")
                             : tr("Compared: the fastest is %1 (%2).").arg(fastest, formatSpeedup(best));
}

QString scaledMessage(const ScalingChart& chart)
{
    return tr("Scaled: serial fraction %1.").arg(chart.serialFraction(), 0, 'f', 3);
}

} // namespace chunkscope::ui

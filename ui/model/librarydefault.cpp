// SPDX-License-Identifier: GPL-3.0-or-later
#include "librarydefault.h"

#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::LibraryDefault", text); }

// OpenMP's own default (no schedule given): effective_chunksize is its block whatever "auto" says.
bool openMpBlock(const RunConfig& base)
{
    return strategy_info(base.strategy).uses(Knob::Schedule) && base.schedule == Schedule::Default;
}

// The grid's chunksize nearest to value by ratio (the grid is read on a log scale), and how it fits.
std::pair<std::size_t, DefaultCell::Fit> place(std::size_t value, const std::vector<std::size_t>& sorted)
{
    if (std::binary_search(sorted.begin(), sorted.end(), value))
        return {value, DefaultCell::Fit::Exact};
    if (sorted.empty() || value < sorted.front() || value > sorted.back())
        return {0, DefaultCell::Fit::OffGrid};
    const auto above = std::upper_bound(sorted.begin(), sorted.end(), value);
    const std::size_t hi = *above;
    const std::size_t lo = *std::prev(above);
    const bool nearerHi = std::log(static_cast<double>(hi) / static_cast<double>(value)) <
                          std::log(static_cast<double>(value) / static_cast<double>(lo));
    return {nearerHi ? hi : lo, DefaultCell::Fit::Nearest};
}

} // namespace

std::vector<DefaultCell> libraryDefaultCells(const RunConfig& base, const std::vector<std::size_t>& splitsList,
                                             const std::vector<std::size_t>& chunksList)
{
    std::vector<DefaultCell> cells;
    if (const std::optional<std::size_t> chunks = library_default_splits(base)) {
        // Dask's chunks="auto": one row, whatever the chunksize (it has none).
        std::vector<std::size_t> rows = splitsList;
        std::sort(rows.begin(), rows.end());
        const auto [row, fit] = place(*chunks, rows);
        DefaultCell cell;
        cell.rule = *chunks;
        cell.fit = fit;
        cell.splits = fit == DefaultCell::Fit::OffGrid ? *chunks : row;
        cells.push_back(cell);
        return cells;
    }
    if (!strategy_info(base.strategy).uses(Knob::Chunksize))
        return cells;
    std::vector<std::size_t> sorted = chunksList;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t splits : splitsList) {
        RunConfig c = base;
        c.splits = splits;
        c.chunksize_auto = true;
        DefaultCell cell;
        cell.splits = splits;
        cell.rule = effective_chunksize(c);
        const auto [column, fit] = place(cell.rule, sorted);
        cell.fit = fit;
        if (fit != DefaultCell::Fit::OffGrid)
            cell.chunksize = column;
        cells.push_back(cell);
    }
    return cells;
}

QStringList libraryDefaultLegends(const RunConfig& base, const std::vector<DefaultCell>& cells)
{
    if (cells.empty())
        return {};
    const QString mark = u"◢ "_s;
    QStringList rule;   // fullest first
    const int w = std::max(1, base.workers);
    const bool daskRow = strategy_info(base.strategy).splits_auto == SplitsAuto::DaskChunkSize;
    if (daskRow)
        rule = {tr("splits auto: Dask's chunks=\"auto\", chunks of up to 128 MiB: %1 chunk(s) for %2 items")
                    .arg(formatCount(cells.front().rule), formatCount(base.workload.size)),
                tr("default (auto): Dask's 128 MiB chunks, %1 chunk(s)").arg(formatCount(cells.front().rule)),
                tr("default: %1 chunk(s)").arg(formatCount(cells.front().rule))};
    else if (openMpBlock(base))
        rule = {tr("OpenMP's default schedule: one block of ceil(P / W) parts per thread, W = %1").arg(w),
                tr("default: OpenMP's block ceil(P / W), W = %1").arg(w), tr("default: ceil(P / W)")};
    else
        switch (strategy_info(base.strategy).chunksize_auto) {
        case ChunksizeAuto::PoolMapRule:
            rule = {tr("chunksize auto: Pool.map's default rule, ceil(P / 4W) parts a task, W = %1").arg(w),
                    tr("default (auto): Pool.map's ceil(P / 4W), W = %1").arg(w), tr("default: ceil(P / 4W)")};
            break;
        case ChunksizeAuto::One:
            rule = {tr("chunksize auto: Executor.map's default, 1 part a task"), tr("default (auto): Executor.map's 1"),
                    tr("default: 1")};
            break;
        case ChunksizeAuto::AsItRuns:
            rule = {tr("chunksize auto: joblib's batch_size=\"auto\", batches start at 1 part and are re-sized as "
                       "they finish"),
                    tr("default (auto): joblib's batches start at 1, re-sized as they run"),
                    tr("default: 1 at first, re-sized")};
            break;
        }
    const bool nearest = std::any_of(cells.begin(), cells.end(), [](const DefaultCell& c) {
        return c.fit == DefaultCell::Fit::Nearest;
    });
    const bool off = std::any_of(cells.begin(), cells.end(), [](const DefaultCell& c) { return !c.marked(); });
    QStringList legends;
    for (int i = 0; i < rule.size(); ++i) {
        const bool full = i == 0;
        QString text = mark + rule[i];
        if (nearest)
            text += daskRow ? (full ? tr(" · ≈: the nearest row") : tr(" · ≈ nearest"))
                            : (full ? tr(" · ≈: the nearest column") : tr(" · ≈ nearest"));
        if (off)
            text += daskRow ? (full ? tr(" · off this grid's rows: no ◢") : tr(" · off the grid: no ◢"))
                            : (full ? tr(" · a row without ◢: its default is off the grid") : tr(" · off the grid: no ◢"));
        legends << text;
    }
    return legends;
}

int bestDefaultRow(const ResultsModel& model)
{
    if (!model.hasExperiment())
        return -1;
    int best = -1;
    for (const DefaultCell& d : libraryDefaultCells(model.base(), model.splitsAxis(), model.chunksAxis())) {
        if (d.fit != DefaultCell::Fit::Exact)
            continue;
        for (std::size_t chunks : model.chunksAxis()) {
            if (d.chunksize && *d.chunksize != chunks)
                continue;
            const int row = model.rowAt(d.splits, chunks);
            if (row >= 0 && model.result(row).status == Status::Ok &&
                (best < 0 || model.result(row).median_s < model.result(best).median_s))
                best = row;
        }
    }
    return best;
}

QString bestDefaultText(const ResultsModel& model)
{
    if (model.hasExperiment() && !strategy_info(model.base().strategy).uses(Knob::Chunksize) &&
        !library_default_splits(model.base()))
        return tr("no chunksize: no default marked");
    const int row = bestDefaultRow(model);
    const std::vector<DefaultCell> cells =
        model.hasExperiment() ? libraryDefaultCells(model.base(), model.splitsAxis(), model.chunksAxis())
                              : std::vector<DefaultCell>{};
    if (row < 0 && !cells.empty() && std::none_of(cells.begin(), cells.end(), [](const DefaultCell& c) {
            return c.marked();
        }))
        return tr("◢ default: off this grid");
    if (row < 0)
        return tr("◢ default: no marked cell ran");
    const GridPoint p = grid_point(model.result(row).config);
    return tr("◢ default's best %1 × %2: %3")
        .arg(formatCount(p.splits), formatCount(p.chunksize), formatSeconds(model.result(row).median_s));
}

QString libraryDefaultNote(const RunConfig& base, const DefaultCell& cell)
{
    if (strategy_info(base.strategy).splits_auto == SplitsAuto::DaskChunkSize) {
        QString note = tr("Dask's default (chunks=\"auto\", up to 128 MiB a chunk) makes %1 chunk(s) of %2 items")
                           .arg(formatCount(cell.rule), formatCount(base.workload.size));
        if (cell.fit == DefaultCell::Fit::Nearest)
            note += tr(" (≈: not a row of this grid; the nearest is %1)").arg(formatCount(cell.splits));
        return note;
    }
    const QString who = openMpBlock(base) ? tr("OpenMP's default schedule") : tr("The default (chunksize auto)");
    QString note = tr("%1 gives chunksize %2 for %3 parts on %4 workers")
                       .arg(who, formatCount(cell.rule), formatCount(cell.splits))
                       .arg(std::max(1, base.workers));
    if (strategy_info(base.strategy).chunksize_auto == ChunksizeAuto::AsItRuns && !openMpBlock(base))
        note += tr(": joblib starts its batches at 1 and re-sizes them as they finish");
    if (cell.fit == DefaultCell::Fit::Nearest && cell.chunksize)
        note += tr(" (≈: not a column of this grid; the nearest is %1)").arg(formatCount(*cell.chunksize));
    else if (!cell.chunksize && cell.marked())
        note += tr(" (the whole row)");
    return note;
}

} // namespace chunkscope::ui

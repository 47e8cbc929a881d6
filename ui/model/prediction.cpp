// SPDX-License-Identifier: GPL-3.0-or-later
#include "prediction.h"

#include "resultsmodel.h"
#include "uiformat.h"

#include <QCoreApplication>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::Prediction", text); }

QString pointText(const GridPoint& p)
{
    return tr("splits %1 × chunksize %2").arg(formatCount(p.splits), formatCount(p.chunksize));
}

QString ordinal(int n)
{
    const int tens = n % 100;
    const int units = n % 10;
    const char* suffix = tens >= 11 && tens <= 13 ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
    return QString::number(n) + QLatin1String(suffix);
}

} // namespace

std::optional<PredictionOutcome> scorePrediction(const ResultsModel& model, const GridPoint& guess)
{
    const int guessRow = model.rowAt(guess.splits, guess.chunksize);
    const int bestRow = model.bestRow();
    if (guessRow < 0 || bestRow < 0 || model.result(guessRow).status != Status::Ok)
        return std::nullopt;
    PredictionOutcome outcome;
    outcome.guess = guess;
    outcome.best = grid_point(model.result(bestRow).config);
    outcome.guessSeconds = model.result(guessRow).median_s;
    outcome.bestSeconds = model.result(bestRow).median_s;
    outcome.rank = 1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const CellResult& r = model.result(row);
        if (!model.isGridCell(row) || r.status != Status::Ok)
            continue;
        ++outcome.ranked;
        if (row != guessRow && r.median_s < outcome.guessSeconds)
            ++outcome.rank;
    }
    return outcome;
}

QString predictionVerdict(const PredictionOutcome& o)
{
    const QString guess = u"<b>"_s + pointText(o.guess) + u"</b>"_s;
    if (o.hit())
        return tr("Right! The guess, %1, was the fastest of %2 cells: %3.")
            .arg(guess)
            .arg(o.ranked)
            .arg(formatSeconds(o.guessSeconds));
    const QString rank = tr("%1 of %2").arg(ordinal(o.rank)).arg(o.ranked);
    const QString best = u"<b>"_s + pointText(o.best) + u"</b>"_s;
    if (o.tie())
        return tr("As good as right: the guess, %1, took %2 (%3), within %4 % of the fastest, %5 (%6). "
                  "On a shared machine that is inside the noise.")
            .arg(guess, formatSeconds(o.guessSeconds), rank)
            .arg(static_cast<int>(PredictionOutcome::kTie * 100))
            .arg(best, formatSeconds(o.bestSeconds));
    return tr("The guess, %1, took %2: %3, %4 the time of the fastest, %5 (%6).")
        .arg(guess, formatSeconds(o.guessSeconds), rank, formatSpeedup(o.ratio()), best, formatSeconds(o.bestSeconds));
}

} // namespace chunkscope::ui

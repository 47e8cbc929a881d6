// SPDX-License-Identifier: GPL-3.0-or-later
#include "predictiongame.h"

#include "heatmapchart.h"
#include "heatmappage.h"
#include "resultsmodel.h"
#include "uiformat.h"

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

PredictionGame::PredictionGame(ResultsModel* model, HeatmapPage* page, QObject* parent)
    : QObject(parent), model_(model), page_(page)
{
}

void PredictionGame::show(const QString& html) { page_->showPrediction(html); }

void PredictionGame::ask()
{
    guess_.reset();
    page_->chart()->setPrediction(std::nullopt);
    waiting_ = true;
    show(u"<b>"_s + tr("Predict:") + u"</b> "_s +
         tr("which cell will be fastest? Click it, and the sweep starts. (Esc: no guess)"));
    Q_EMIT message(tr("Waiting for a guess: click the cell you think will be fastest."), 0);
}

std::optional<GridPoint> PredictionGame::take(int row, int column)
{
    if (!waiting_ || row < 0 || column < 0 || static_cast<std::size_t>(row) >= model_->splitsAxis().size() ||
        static_cast<std::size_t>(column) >= model_->chunksAxis().size())
        return std::nullopt;
    waiting_ = false;
    guess_ = GridPoint{model_->splitsAxis()[static_cast<std::size_t>(row)],
                       model_->chunksAxis()[static_cast<std::size_t>(column)]};
    return guess_;
}

void PredictionGame::sweepStarted(bool started)
{
    if (!started) {
        clear();
        return;
    }
    page_->chart()->setPrediction(guess_);
    show(u"<b>"_s + tr("The guess:") + u"</b> "_s +
         tr("splits %1 × chunksize %2. Sweeping…").arg(formatCount(guess_->splits), formatCount(guess_->chunksize)));
}

void PredictionGame::abandon()
{
    waiting_ = false;
    show(QString());
    Q_EMIT message(tr("No guess made."), 3000);
}

void PredictionGame::clear()
{
    waiting_ = false;
    guess_.reset();
    page_->chart()->setPrediction(std::nullopt);
    show(QString());
}

void PredictionGame::sweepFinished()
{
    if (!guess_)
        return;
    const auto outcome = scorePrediction(*model_, *guess_);
    show(outcome ? predictionVerdict(*outcome) : tr("The guessed cell did not finish: no verdict."));
    if (outcome)
        Q_EMIT message(outcome->hit() ? tr("The guess was right.")
                                      : tr("The guess ranked %1 of %2.").arg(outcome->rank).arg(outcome->ranked),
                       0);
}

void PredictionGame::sweepCancelled()
{
    if (guess_)
        show(tr("The sweep was cancelled: no verdict on the guess."));
}

} // namespace chunkscope::ui

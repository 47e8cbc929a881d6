// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Predict, then run": before a sweep the class picks the cell it thinks will be fastest; when
// the sweep ends the guess is scored against what ran: its rank, and how much slower than the
// fastest cell it was.

#include "chunkscope/plan.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <utility>

namespace chunkscope::ui {

class ResultsModel;

using chunkscope::GridPoint;

struct PredictionOutcome {
    GridPoint guess;
    GridPoint best;
    int rank = 0;             // 1: the guess was the fastest cell
    int ranked = 0;           // grid cells that ran and succeeded
    double guessSeconds = 0;
    double bestSeconds = 0;

    // Times the fastest cell's median the guess took (1 for a hit).
    double ratio() const { return bestSeconds > 0 ? guessSeconds / bestSeconds : 0.0; }
    bool hit() const { return rank == 1; }
    // Within kTie of the fastest: closer than the noise of a shared machine.
    bool tie() const { return !hit() && ratio() <= 1.0 + kTie; }
    static constexpr double kTie = 0.05;
};

// Nothing when the guessed cell did not run (or failed) or no grid cell succeeded.
std::optional<PredictionOutcome> scorePrediction(const ResultsModel& model, const GridPoint& guess);

// One or two sentences for the class, as rich text.
QString predictionVerdict(const PredictionOutcome& outcome);

} // namespace chunkscope::ui

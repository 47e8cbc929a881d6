// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "Predict, then run" as the window plays it: ask the class for the cell it thinks will be
// fastest (the sweep's empty grid is on screen), take the click as the guess and mark it, and
// when the sweep ends say how good the guess was. The window starts the sweep; this keeps the
// state and the words.

#include "prediction.h"

#include <QObject>
#include <QString>

#include <optional>

namespace chunkscope::ui {

class HeatmapPage;
class ResultsModel;

class PredictionGame : public QObject {
    Q_OBJECT
public:
    PredictionGame(ResultsModel* model, HeatmapPage* page, QObject* parent = nullptr);

    // Waiting for a click on a cell.
    bool isWaiting() const { return waiting_; }
    // The guess for the sweep now running or last run, if the class made one.
    const std::optional<GridPoint>& guess() const { return guess_; }

    // The empty grid is laid out: ask for a guess (forgets any earlier one).
    void ask();
    // A click on grid cell (row, column): while waiting it becomes the guess (returned); the
    // window then starts the sweep and calls sweepStarted. Nothing when not waiting.
    std::optional<GridPoint> take(int row, int column);
    void sweepStarted(bool started);
    // Esc while waiting: no guess this time.
    void abandon();
    // A run or sweep without a guess: forget it and clear the marks.
    void clear();
    // The sweep ended: the verdict, when there was a guess.
    void sweepFinished();
    void sweepCancelled();

Q_SIGNALS:
    // A line for the status bar (timeout in ms, 0: until replaced).
    void message(const QString& text, int timeout);

private:
    void show(const QString& html);

    ResultsModel* model_;
    HeatmapPage* page_;
    bool waiting_ = false;
    std::optional<GridPoint> guess_;
};

} // namespace chunkscope::ui

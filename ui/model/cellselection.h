// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cell the phase breakdown, the timeline and the trace export show: while a run goes on it
// follows the latest cell of the experiment; when a sweep ends it moves to the fastest cell;
// once the user picks a row it stays there until the next run. Cells are shared with the
// model, never copied.

#include "metatypes.h"

#include <QObject>

namespace chunkscope::ui {

class ResultsModel;

class CellSelection : public QObject {
    Q_OBJECT
public:
    explicit CellSelection(const ResultsModel* model, QObject* parent = nullptr);

    const CellPtr& current() const { return current_; }
    // The last cell of the experiment that finished in the current run.
    const CellPtr& lastRun() const { return lastRun_; }

    // A run starts: follow its cells again.
    void runStarted();
    // A cell finished and is in the model.
    void cellFinished(const CellPtr& cell);
    // A sweep ended: while still following, select its fastest cell.
    void sweepFinished();
    // The user picked the model's row: stop following.
    void selectRow(int row);

Q_SIGNALS:
    void changed();

private:
    void select(const CellPtr& cell);

    const ResultsModel* model_;
    CellPtr current_;
    CellPtr lastRun_;
    bool following_ = true;
};

} // namespace chunkscope::ui

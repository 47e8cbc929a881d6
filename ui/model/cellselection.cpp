// SPDX-License-Identifier: GPL-3.0-or-later
#include "cellselection.h"

#include "resultsmodel.h"

namespace chunkscope::ui {

CellSelection::CellSelection(const ResultsModel* model, QObject* parent) : QObject(parent), model_(model) {}

void CellSelection::runStarted()
{
    following_ = true;
    lastRun_.reset();
}

void CellSelection::cellFinished(const CellPtr& cell)
{
    if (!cell || !model_->sameExperiment(cell->config))
        return;
    lastRun_ = cell;
    if (following_ && cell->status == Status::Ok)
        select(cell);
}

void CellSelection::sweepFinished()
{
    if (following_ && model_->bestRow() >= 0)
        select(model_->cell(model_->bestRow()));
}

void CellSelection::selectRow(int row)
{
    if (row < 0 || row >= model_->rowCount())
        return;
    following_ = false;
    select(model_->cell(row));
}

void CellSelection::select(const CellPtr& cell)
{
    current_ = cell;
    Q_EMIT changed();
}

} // namespace chunkscope::ui

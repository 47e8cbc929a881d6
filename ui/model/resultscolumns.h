// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The results table's columns: what each cell shows, its raw value, the column titles and their
// tooltips (the phases' from the core's words).

#include <QString>
#include <QVariant>

namespace chunkscope::ui {

class ResultsModel;

// What the model's cell (row, column) shows, and the raw number behind it (for sorting).
QVariant resultsCellText(const ResultsModel& model, int row, int column);
QVariant resultsCellValue(const ResultsModel& model, int row, int column);
QString resultsColumnTitle(int column);
QString resultsColumnToolTip(int column);

} // namespace chunkscope::ui

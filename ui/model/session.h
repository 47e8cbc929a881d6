// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sessions and data exports in the CLI's formats (reporters.h): a session is the JSON that
// `chunkscope-cli … --format json` writes, so either tool opens what the other saved.

#include "metatypes.h"

#include <QString>

#include <vector>

namespace chunkscope {
struct CellResult;
struct MachineInfo;
} // namespace chunkscope

namespace chunkscope::ui {

class ResultsModel;

// The cells of the window's last comparison and last scaling, as the model holds them. A session
// records which of its rows they are (ReportAnalyses, reporters.h) and gives them back when
// opened, so the Compare and Scaling views draw them again. A session without that record (older
// ones, the CLI's) has none: its rows come back in the Results table only.
struct AnalysisCells {
    std::vector<CellPtr> compare;
    std::vector<CellPtr> scale;
};

// Writes the model's results and machine as the CLI's JSON, with the rows of analyses that are
// still among the model's results (a cell replaced since is left out).
bool saveSession(const QString& path, const ResultsModel& model, QString* error,
                 const AnalysisCells& analyses = {});
// Replaces the model's contents with the results in path, and *analyses (when given) with the
// cells the session records as its comparison and scaling. A file that is not a Chunkscope
// report leaves the model alone and says what is wrong with it.
bool loadSession(const QString& path, ResultsModel& model, QString* error, AnalysisCells* analyses = nullptr);
// The results as the CLI's CSV.
bool saveCsv(const QString& path, const ResultsModel& model, QString* error);
// The results as CSV or as a session (JSON), by path's suffix; any other suffix is an error.
bool saveData(const QString& path, const ResultsModel& model, QString* error);
// One cell's tasks as Chrome trace JSON (trace.h), measured on machine.
bool saveTrace(const QString& path, const CellResult& cell, const MachineInfo& machine, QString* error);

} // namespace chunkscope::ui

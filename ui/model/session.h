// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sessions and data exports in the CLI's formats (reporters.h): a session is the JSON that
// `chunkscope-cli … --format json` writes, so either tool opens what the other saved.

#include <QString>

namespace chunkscope {
struct CellResult;
struct MachineInfo;
} // namespace chunkscope

namespace chunkscope::ui {

class ResultsModel;

// Writes the model's results and machine as the CLI's JSON.
bool saveSession(const QString& path, const ResultsModel& model, QString* error);
// Replaces the model's contents with the results in path. A file that is not a Chunkscope
// report leaves the model alone and says what is wrong with it.
bool loadSession(const QString& path, ResultsModel& model, QString* error);
// The results as the CLI's CSV.
bool saveCsv(const QString& path, const ResultsModel& model, QString* error);
// The results as CSV or as a session (JSON), by path's suffix; any other suffix is an error.
bool saveData(const QString& path, const ResultsModel& model, QString* error);
// One cell's tasks as Chrome trace JSON (trace.h), measured on machine.
bool saveTrace(const QString& path, const CellResult& cell, const MachineInfo& machine, QString* error);

} // namespace chunkscope::ui

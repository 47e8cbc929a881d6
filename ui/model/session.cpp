// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/inputfile.h"
#include "chunkscope/plan.h"
#include "chunkscope/reporters.h"
#include "chunkscope/trace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::Session", text); }


bool writeText(const QString& path, const std::string& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
        !file.commit()) {
        setError(error, tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    return true;
}

// The row of the model holding cell, or the newer measurement of the same run that replaced it
// there (a scaling's baseline replaces a comparison's sequential); nothing when it is gone.
std::optional<std::size_t> rowOf(const ResultsModel& model, const CellPtr& cell)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.cell(row) == cell)
            return static_cast<std::size_t>(row);
    for (int row = 0; row < model.rowCount(); ++row) {
        const RunConfig& c = model.result(row).config;
        if (same_experiment(c, cell->config) && grid_point(c) == grid_point(cell->config))
            return static_cast<std::size_t>(row);
    }
    return std::nullopt;
}

std::vector<std::size_t> rowsOf(const ResultsModel& model, const std::vector<CellPtr>& cells)
{
    std::vector<std::size_t> rows;
    for (const CellPtr& cell : cells)
        if (const auto row = rowOf(model, cell); row && std::find(rows.begin(), rows.end(), *row) == rows.end())
            rows.push_back(*row);
    return rows;
}

} // namespace

bool saveSession(const QString& path, const ResultsModel& model, QString* error, const AnalysisCells& analyses)
{
    std::ostringstream out;
    write_json(out, model.machine(), model.results(),
               ReportAnalyses{rowsOf(model, analyses.compare), rowsOf(model, analyses.scale)});
    return writeText(path, out.str(), error);
}

bool saveCsv(const QString& path, const ResultsModel& model, QString* error)
{
    std::ostringstream out;
    write_csv(out, model.results());
    return writeText(path, out.str(), error);
}

bool saveData(const QString& path, const ResultsModel& model, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv"_s)
        return saveCsv(path, model, error);
    if (suffix == u"json"_s)
        return saveSession(path, model, error);
    setError(error, tr("Unknown data format “%1”: use .csv or .json.").arg(suffix));
    return false;
}

bool saveTrace(const QString& path, const CellResult& cell, const MachineInfo& machine, QString* error)
{
    std::ostringstream out;
    write_trace(out, cell, machine);
    return writeText(path, out.str(), error);
}

bool loadSession(const QString& path, ResultsModel& model, QString* error, AnalysisCells* analyses)
{
    const QString name = QDir::toNativeSeparators(path);
    std::ifstream in;
    if (const std::string problem = open_input_file(QFile::encodeName(path).toStdString(), in); !problem.empty()) {
        setError(error, tr("Could not open %1: %2").arg(name, QString::fromStdString(problem)));
        return false;
    }
    Report report = read_json(in);
    if (!report.error.empty()) {
        setError(error, tr("%1 is not a Chunkscope session (the JSON that Save session or chunkscope-cli "
                           "--format json writes): %2")
                            .arg(name, QString::fromStdString(report.error)));
        return false;
    }
    if (report.results.empty()) {
        setError(error, tr("%1 is a Chunkscope report but holds no results.").arg(name));
        return false;
    }
    model.setResults(report.machine, std::move(report.results), QFileInfo(path).lastModified());
    if (analyses) {
        // The model keeps the rows in the order read: row i is results[i].
        *analyses = AnalysisCells{};
        for (const std::size_t row : report.analyses.compare)
            analyses->compare.push_back(model.cell(static_cast<int>(row)));
        for (const std::size_t row : report.analyses.scale)
            analyses->scale.push_back(model.cell(static_cast<int>(row)));
    }
    return true;
}

} // namespace chunkscope::ui

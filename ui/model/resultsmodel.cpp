// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultsmodel.h"

#include "chunkscope/ownfloor.h"

#include "reference.h"
#include "resultscolumns.h"
#include "uiformat.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ResultsModel::ResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

std::optional<Phase> ResultsModel::phaseOf(int column)
{
    if (column < StartupColumn || column >= StartupColumn + static_cast<int>(kPhaseCount))
        return std::nullopt;
    return kAllPhases[static_cast<std::size_t>(column - StartupColumn)];
}

int ResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(results_.size());
}

int ResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return resultsColumnTitle(section);
    if (role == Qt::ToolTipRole)
        return resultsColumnToolTip(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const CellResult& cell = *results_[static_cast<std::size_t>(row)];
    switch (role) {
    case Qt::DisplayRole:
        return resultsCellText(*this, row, index.column());
    case ValueRole:
        return resultsCellValue(*this, row, index.column());
    case Qt::ToolTipRole:
        return cellToolTip(cell, baselineSecondsOf(cell.config));
    case Qt::TextAlignmentRole:
        if (index.column() <= PoolColumn || index.column() >= VerifiedColumn)
            return QVariant::fromValue(int(Qt::AlignLeft | Qt::AlignVCenter));
        return QVariant::fromValue(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (cell.status == Status::Failed)
            return QBrush(QColor(170, 20, 20));
        if (cell.status == Status::Cancelled)
            return QBrush(QColor(110, 110, 110));
        return {};
    default:
        return {};
    }
}

void ResultsModel::insertAxisValue(std::vector<std::size_t>& axis, std::size_t value)
{
    const auto it = std::lower_bound(axis.begin(), axis.end(), value);
    if (it == axis.end() || *it != value)
        axis.insert(it, value);
}

void ResultsModel::startExperiment(const RunConfig& base, const std::vector<std::size_t>& splits,
                                   const std::vector<std::size_t>& chunks)
{
    beginResetModel();
    base_ = base;
    hasBase_ = true;
    results_.clear();
    splitsAxis_.clear();
    chunksAxis_.clear();
    running_.reset();
    RunConfig point = base;
    for (std::size_t s : splits) {
        point.splits = s;
        insertAxisValue(splitsAxis_, effective_splits(point));
    }
    point = base;
    for (std::size_t c : chunks) {
        point.chunksize = c;
        insertAxisValue(chunksAxis_, effective_chunksize(point));
    }
    endResetModel();
    Q_EMIT experimentChanged();
    Q_EMIT runningChanged();
}

void ResultsModel::extendGrid(const RunConfig& config)
{
    const auto [s, c] = grid_point(config);
    const std::size_t rows = splitsAxis_.size();
    const std::size_t cols = chunksAxis_.size();
    insertAxisValue(splitsAxis_, s);
    insertAxisValue(chunksAxis_, c);
    if (rows != splitsAxis_.size() || cols != chunksAxis_.size())
        Q_EMIT experimentChanged();
}

bool ResultsModel::sameExperiment(const RunConfig& config) const
{
    return hasBase_ && same_experiment(config, base_);
}

void ResultsModel::setResults(const MachineInfo& machine, std::vector<CellResult> results, const QDateTime& date)
{
    beginResetModel();
    machine_ = machine;
    date_ = date;
    results_.clear();
    for (CellResult& r : results)
        results_.push_back(std::make_shared<const CellResult>(std::move(r)));
    splitsAxis_.clear();
    chunksAxis_.clear();
    running_.reset();
    hasBase_ = !results_.empty();
    if (hasBase_) {
        const auto parallel = std::find_if(results_.begin(), results_.end(),
                                           [](const CellPtr& r) { return needs_baseline(r->config); });
        base_ = (parallel != results_.end() ? *parallel : results_.front())->config;
        for (const CellPtr& r : results_) {
            if (!sameExperiment(r->config))
                continue;
            const auto [s, c] = grid_point(r->config);
            insertAxisValue(splitsAxis_, s);
            insertAxisValue(chunksAxis_, c);
        }
    }
    endResetModel();
    Q_EMIT experimentChanged();
    Q_EMIT runningChanged();
}

void ResultsModel::addResult(const CellResult& result) { addResult(std::make_shared<const CellResult>(result)); }

void ResultsModel::addResult(const CellPtr& cell)
{
    const CellResult& result = *cell;
    if (!hasBase_) {
        base_ = result.config;
        hasBase_ = true;
    }
    const bool grid = sameExperiment(result.config);
    int existing = -1;
    if (grid) {
        extendGrid(result.config);
        const auto [s, c] = grid_point(result.config);
        existing = rowAt(s, c);
    } else if (same_experiment(result.config, baseline_of(base_))) {
        for (int row = 0; row < rowCount(); ++row)
            if (isBaseline(row))
                existing = row;
    } else {
        // A cell of a comparison or a scaling: it replaces the same run measured before.
        for (int row = 0; row < rowCount(); ++row) {
            const RunConfig& c = results_[static_cast<std::size_t>(row)]->config;
            if (same_experiment(c, result.config) && grid_point(c) == grid_point(result.config))
                existing = row;
        }
    }
    if (existing >= 0) {
        results_[static_cast<std::size_t>(existing)] = cell;
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    } else {
        const int row = rowCount();
        beginInsertRows(QModelIndex(), row, row);
        results_.push_back(cell);
        endInsertRows();
    }
    // A new baseline changes every speedup.
    if (!grid && rowCount() > 0)
        Q_EMIT dataChanged(index(0, SpeedupColumn), index(rowCount() - 1, SpeedupColumn));
}

void ResultsModel::clear()
{
    beginResetModel();
    results_.clear();
    splitsAxis_.clear();
    chunksAxis_.clear();
    hasBase_ = false;
    base_ = RunConfig{};
    running_.reset();
    endResetModel();
    Q_EMIT experimentChanged();
    Q_EMIT runningChanged();
}

void ResultsModel::setRunning(const std::optional<RunConfig>& config)
{
    std::optional<GridPoint> point;
    if (config && sameExperiment(*config))
        point = grid_point(*config);
    if (point == running_)
        return;
    running_ = point;
    Q_EMIT runningChanged();
}

void ResultsModel::setMachine(const MachineInfo& machine)
{
    machine_ = machine;
    Q_EMIT experimentChanged();
}

void ResultsModel::setSpeedLimits(const std::optional<SpeedLimits>& limits)
{
    limits_ = limits;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

std::optional<double> ResultsModel::floorSeconds(int row) const
{
    if (!limits_ || row < 0 || row >= rowCount())
        return std::nullopt;
    // The floor counts the cores the run may use: the machine's, as the results record them.
    const int cores = machine_.logical_cores > 0 ? machine_.logical_cores : 1;
    const double floor = floor_seconds(result(row).config, *limits_, cores);
    return floor > 0 ? std::optional(floor) : std::nullopt;
}

std::optional<double> ResultsModel::floorRatio(int row) const
{
    const auto floor = floorSeconds(row);
    if (!floor || result(row).status != Status::Ok || result(row).median_s <= 0)
        return std::nullopt;
    return result(row).median_s / *floor;
}

std::optional<double> ResultsModel::ownFloorSeconds(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    const auto floor = ownFloorOf(result(row));
    return floor ? std::optional(floor->total_s) : std::nullopt;
}

std::optional<OwnFloor> ResultsModel::ownFloorOf(const CellResult& cell) const
{
    if (cell.floors.own_s > 0)
        return OwnFloor{cell.floors.own_phases, cell.floors.own_s};
    if (!limits_)
        return std::nullopt;
    const int cores = machine_.logical_cores > 0 ? machine_.logical_cores : 1;
    const OwnFloor floor = own_floor(cell.config, *limits_, cores);
    return floor.modelled() ? std::optional(floor) : std::nullopt;
}

std::optional<double> ResultsModel::ownFloorRatio(int row) const
{
    const auto floor = ownFloorSeconds(row);
    if (!floor || result(row).status != Status::Ok || result(row).median_s <= 0)
        return std::nullopt;
    return result(row).median_s / *floor;
}

void ResultsModel::setDate(const QDateTime& date)
{
    date_ = date;
    Q_EMIT experimentChanged();
}

int ResultsModel::rowAt(std::size_t splits, std::size_t chunks) const
{
    for (std::size_t i = 0; i < results_.size(); ++i) {
        const CellResult& r = *results_[i];
        if (sameExperiment(r.config) && grid_point(r.config) == GridPoint{splits, chunks})
            return static_cast<int>(i);
    }
    return -1;
}

bool ResultsModel::isGridCell(int row) const
{
    return row >= 0 && row < rowCount() && sameExperiment(results_[static_cast<std::size_t>(row)]->config);
}

bool ResultsModel::isBaseline(int row) const
{
    if (row < 0 || row >= rowCount() || isGridCell(row))
        return false;
    return same_experiment(results_[static_cast<std::size_t>(row)]->config, baseline_of(base_));
}

std::optional<double> ResultsModel::baselineSeconds() const
{
    for (const CellPtr& r : results_)
        if (r->status == Status::Ok && r->median_s > 0 && same_experiment(r->config, baseline_of(base_)))
            return r->median_s;
    return std::nullopt;
}

std::optional<double> ResultsModel::baselineSecondsOf(const RunConfig& config) const
{
    const RunConfig baseline = baseline_of(config);
    for (const CellPtr& r : results_)
        if (r->status == Status::Ok && r->median_s > 0 && same_experiment(r->config, baseline))
            return r->median_s;
    return std::nullopt;
}

std::optional<double> ResultsModel::speedup(int row) const
{
    const CellResult& r = result(row);
    // Against the sequential run of the row's own workload (a comparison's may differ from the grid's).
    const auto base = baselineSecondsOf(r.config);
    if (!base || r.status != Status::Ok || r.median_s <= 0)
        return std::nullopt;
    return *base / r.median_s;
}

int ResultsModel::bestRow() const
{
    int best = -1;
    for (int row = 0; row < rowCount(); ++row) {
        const CellResult& r = result(row);
        if (!isGridCell(row) || r.status != Status::Ok || r.median_s <= 0)
            continue;
        if (best < 0 || r.median_s < result(best).median_s)
            best = row;
    }
    return best;
}

int ResultsModel::gridCellsDone() const
{
    int n = 0;
    for (int row = 0; row < rowCount(); ++row)
        n += isGridCell(row) ? 1 : 0;
    return n;
}

int ResultsModel::failedCells() const
{
    return static_cast<int>(std::count_if(results_.begin(), results_.end(),
                                          [](const CellPtr& r) { return r->status == Status::Failed; }));
}

bool ResultsModel::needsBaseline(const RunConfig& config) const
{
    return needs_baseline(config) && !(hasBase_ && same_experiment(config, base_) && baselineSeconds());
}

std::vector<CellResult> ResultsModel::results() const
{
    std::vector<CellResult> cells;
    cells.reserve(results_.size());
    for (const CellPtr& r : results_)
        cells.push_back(*r);
    return cells;
}

void ResultsModel::setReference(Reference* reference)
{
    if (reference_ == reference)
        return;
    if (reference_)
        disconnect(reference_, nullptr, this, nullptr);
    reference_ = reference;
    if (reference_) {
        connect(reference_, &Reference::changed, this, &ResultsModel::referenceChanged);
        connect(reference_, &QObject::destroyed, this, [this] {
            reference_ = nullptr;
            Q_EMIT referenceChanged();
        });
    }
    Q_EMIT referenceChanged();
}

bool ResultsModel::hasReference() const { return reference_ && !reference_->isEmpty(); }

} // namespace chunkscope::ui

#include "resultsmodel.h"

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
    static const char* const names[ColumnCount] = {
        QT_TR_NOOP("Strategy"), QT_TR_NOOP("Function"), QT_TR_NOOP("Size"),    QT_TR_NOOP("Workers"),
        QT_TR_NOOP("Pool"),     QT_TR_NOOP("Splits"),   QT_TR_NOOP("Chunksize"), QT_TR_NOOP("Tasks"),
        QT_TR_NOOP("Median"),   QT_TR_NOOP("Min"),      QT_TR_NOOP("Mean"),    QT_TR_NOOP("Std dev"),
        QT_TR_NOOP("CV"),       QT_TR_NOOP("Speedup"),  QT_TR_NOOP("× floor"), nullptr, nullptr, nullptr, nullptr, nullptr,
        QT_TR_NOOP("Verified"), QT_TR_NOOP("Status")};
    static const char* const tips[ColumnCount] = {
        QT_TR_NOOP("How the work is shared out"),
        QT_TR_NOOP("The math function, how many times per item, and its kernel"),
        QT_TR_NOOP("Items in the vector"),
        QT_TR_NOOP("Worker processes or threads"),
        QT_TR_NOOP("fresh: the pool is created inside the timed region, as in the tutorial; warm: it is reused"),
        QT_TR_NOOP("Parts the vector is cut into"),
        QT_TR_NOOP("Parts per task"),
        QT_TR_NOOP("Tasks handed to the workers"),
        QT_TR_NOOP("Median wall time over the repetitions"),
        QT_TR_NOOP("Fastest repetition"),
        QT_TR_NOOP("Mean wall time"),
        QT_TR_NOOP("Sample standard deviation of the wall time"),
        QT_TR_NOOP("Coefficient of variation: std dev / mean"),
        QT_TR_NOOP("Sequential median / this median"),
        QT_TR_NOOP("This median / the fastest the machine allows (once Run ▸ Measure machine has run)"),
        nullptr, nullptr, nullptr, nullptr, nullptr,   // the phases: from the core's words
        QT_TR_NOOP("Output bit-identical to the sequential result"),
        QT_TR_NOOP("ok, failed (and why) or cancelled")};
    if (const auto phase = phaseOf(section)) {
        const QString name = qs(to_string(*phase));
        if (role == Qt::DisplayRole)
            return QString(name.left(1).toUpper() + name.mid(1));
        if (role == Qt::ToolTipRole)
            return tr("Median time %1").arg(qs(describe(*phase)));
    }
    if (role == Qt::DisplayRole)
        return tr(names[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
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
        return display(cell, row, index.column());
    case ValueRole:
        return value(cell, row, index.column());
    case Qt::ToolTipRole:
        return cellToolTip(cell, baselineSeconds());
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

QVariant ResultsModel::display(const CellResult& cell, int row, int column) const
{
    const RunConfig& c = cell.config;
    const bool ok = cell.status == Status::Ok;
    const bool sequential = c.strategy == StrategyKind::Sequential;
    switch (column) {
    case StrategyColumn:
        return isBaseline(row) ? qs(to_string(c.strategy)) + tr(" (baseline)") : qs(to_string(c.strategy));
    case FunctionColumn:
        return functionText(c);
    case SizeColumn:
        return formatCount(c.workload.size);
    case WorkersColumn:
        return sequential ? 1 : c.workers;
    case PoolColumn:
        return sequential ? u"–"_s : qs(to_string(c.pool));
    case SplitsColumn:
        return formatCount(grid_point(c).splits);
    case ChunksizeColumn:
        return c.chunksize_auto ? formatCount(grid_point(c).chunksize) + tr(" (auto)") : formatCount(grid_point(c).chunksize);
    case TasksColumn:
        return formatCount(task_count(c));
    case VerifiedColumn:
        return ok ? (cell.verified ? tr("yes") : tr("no")) : QString();
    case StatusColumn:
        return cell.error.empty() ? qs(to_string(cell.status))
                                  : qs(to_string(cell.status)) + u": "_s + qs(cell.error);
    default:
        break;
    }
    if (!ok)
        return QString();
    switch (column) {
    case MedianColumn:
        return formatSeconds(cell.median_s);
    case MinColumn:
        return formatSeconds(cell.min_s);
    case MeanColumn:
        return formatSeconds(cell.mean_s);
    case StddevColumn:
        return formatSeconds(cell.stddev_s);
    case CvColumn:
        return QString(QString::number(cell.cv * 100.0, 'f', 1) + u" %"_s);
    case SpeedupColumn: {
        const auto s = speedup(row);
        return s ? formatSpeedup(*s) : QString();
    }
    case FloorColumn: {
        const auto f = floorRatio(row);
        return f ? formatSpeedup(*f) : QString();
    }
    default:
        if (const auto phase = phaseOf(column))
            return formatSeconds(cell.phases[*phase]);
        return {};
    }
}

QVariant ResultsModel::value(const CellResult& cell, int row, int column) const
{
    const RunConfig& c = cell.config;
    switch (column) {
    case SizeColumn:
        return qulonglong(c.workload.size);
    case WorkersColumn:
        return c.workers;
    case SplitsColumn:
        return qulonglong(grid_point(c).splits);
    case ChunksizeColumn:
        return qulonglong(grid_point(c).chunksize);
    case TasksColumn:
        return qulonglong(task_count(c));
    case MedianColumn:
        return cell.median_s;
    case MinColumn:
        return cell.min_s;
    case MeanColumn:
        return cell.mean_s;
    case StddevColumn:
        return cell.stddev_s;
    case CvColumn:
        return cell.cv;
    case SpeedupColumn:
        return speedup(row).value_or(0.0);
    case FloorColumn:
        return floorRatio(row).value_or(0.0);
    default:
        if (const auto phase = phaseOf(column))
            return cell.phases[*phase];
        return display(cell, row, column);
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

std::optional<double> ResultsModel::speedup(int row) const
{
    const auto base = baselineSeconds();
    const CellResult& r = result(row);
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

} // namespace chunkscope::ui

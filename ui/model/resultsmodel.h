// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one model of results: the heatmap, the results table and every export read it.
// It holds one experiment: a base configuration, the grid of splits × chunksize it covers,
// the cells run so far (plus the sequential baseline), and the cell running now; besides them,
// the cells of the comparisons and scalings run since (rows that are no grid cells).

#include "metatypes.h"

#include "chunkscope/machine.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/plan.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace chunkscope::ui {

class Reference;

class ResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StrategyColumn,
        FunctionColumn,
        SizeColumn,
        WorkersColumn,
        PoolColumn,
        SplitsColumn,
        ChunksizeColumn,
        TasksColumn,
        MedianColumn,
        MinColumn,
        MeanColumn,
        StddevColumn,
        CvColumn,
        WarmupColumn,
        SpeedupColumn,
        FloorColumn,
        OwnFloorColumn,
        StartupColumn,   // then one column per phase, in kAllPhases' order
        VerifiedColumn = StartupColumn + static_cast<int>(kPhaseCount),
        StatusColumn,
        ColumnCount
    };
    // Qt::UserRole: the raw number (or text) behind a cell, for sorting.
    static constexpr int ValueRole = Qt::UserRole;
    // The phase a column shows, if it shows one.
    static std::optional<Phase> phaseOf(int column);

    explicit ResultsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A new experiment: clears the results; the grid covers every splits × chunksize given
    // (as the runs will see them: see effective_splits, effective_chunksize).
    void startExperiment(const RunConfig& base, const std::vector<std::size_t>& splits,
                         const std::vector<std::size_t>& chunks);
    // Adds one (splits, chunksize) point of config to the grid of the current experiment.
    void extendGrid(const RunConfig& config);
    // True when config differs from the experiment's base only in splits, chunksize and repeats.
    bool sameExperiment(const RunConfig& config) const;
    // Replaces everything with results read back (a session, the CLI's JSON); the grid and the
    // base are taken from them.
    void setResults(const MachineInfo& machine, std::vector<CellResult> results, const QDateTime& date);
    // A finished cell: replaces the result at the same grid point, or adds a row.
    void addResult(const CellPtr& result);
    void addResult(const CellResult& result);
    void clear();
    void setRunning(const std::optional<RunConfig>& config);
    void setMachine(const MachineInfo& machine);
    void setDate(const QDateTime& date);

    bool hasExperiment() const { return hasBase_; }
    const RunConfig& base() const { return base_; }
    const MachineInfo& machine() const { return machine_; }
    const QDateTime& date() const { return date_; }
    // A copy of every result, for writing them out.
    std::vector<CellResult> results() const;
    const CellResult& result(int row) const { return *results_.at(static_cast<std::size_t>(row)); }
    // The same result, shared rather than copied.
    const CellPtr& cell(int row) const { return results_.at(static_cast<std::size_t>(row)); }

    // The heatmap's axes, ascending.
    const std::vector<std::size_t>& splitsAxis() const { return splitsAxis_; }
    const std::vector<std::size_t>& chunksAxis() const { return chunksAxis_; }
    // The row holding grid cell (splits, chunksize), or -1 when it has not run.
    int rowAt(std::size_t splits, std::size_t chunks) const;
    // The sequential run of the same workload, which speedups are measured against.
    bool isBaseline(int row) const;
    bool isGridCell(int row) const;
    std::optional<double> baselineSeconds() const;
    // The median of the sequential run of config's workload, if one is among the results.
    std::optional<double> baselineSecondsOf(const RunConfig& config) const;
    // Whether a run of config must be preceded by its sequential baseline: it is parallel and
    // this experiment has no baseline yet.
    bool needsBaseline(const RunConfig& config) const;
    std::optional<double> speedup(int row) const;
    // The grid cell with the lowest median (status Ok), or -1.
    int bestRow() const;
    // Grid cells that have run, and how many failed.
    int gridCellsDone() const;
    int failedCells() const;
    std::optional<GridPoint> runningCell() const { return running_; }

    // What the machine allows (chunkscope-cli machine): with them every cell gets its floor.
    void setSpeedLimits(const std::optional<SpeedLimits>& limits);
    const std::optional<SpeedLimits>& speedLimits() const { return limits_; }
    // The fastest the cell in row could possibly run on this machine, or nothing without limits.
    std::optional<double> floorSeconds(int row) const;
    // Median ÷ floor: 1 is as fast as the machine allows; nothing without limits.
    std::optional<double> floorRatio(int row) const;
    // The same against the strategy's own floor (ownfloor.h): nothing where it has no model.
    std::optional<double> ownFloorSeconds(int row) const;
    std::optional<double> ownFloorRatio(int row) const;
    // A cell's own floor, each phase's and the run's: what the report recorded (--floors), else
    // from the limits measured here; nothing without either, or where the strategy has no model.
    std::optional<OwnFloor> ownFloorOf(const CellResult& cell) const;

    // The second result set these results are measured against (the heatmap's ratio colouring),
    // or null. The model does not own it.
    void setReference(Reference* reference);
    Reference* reference() const { return reference_; }
    bool hasReference() const;

Q_SIGNALS:
    // The reference was set, cleared or changed.
    void referenceChanged();
    // The base, the axes, the machine or the date changed (the heatmap rebuilds).
    void experimentChanged();
    void runningChanged();

private:
    void insertAxisValue(std::vector<std::size_t>& axis, std::size_t value);

    RunConfig base_;
    bool hasBase_ = false;
    MachineInfo machine_;
    QDateTime date_;
    std::vector<CellPtr> results_;
    std::vector<std::size_t> splitsAxis_;
    std::vector<std::size_t> chunksAxis_;
    std::optional<GridPoint> running_;
    std::optional<SpeedLimits> limits_;
    Reference* reference_ = nullptr;
};

} // namespace chunkscope::ui

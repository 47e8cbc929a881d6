// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The experiment's controls: what is computed, how it runs, the sweep's grid, and Run, Sweep,
// Cancel. An impossible value (chunkscope::validate) is explained under its field and disables
// the button it would break; it never reaches the engine.

#include "chunkscope/runner.h"

#include <QString>
#include <QWidget>

#include <cstddef>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace chunkscope {
struct StrategyInfo;
}

namespace chunkscope::ui {

class LabeledSlider;
class MpiOptionsBox;
class ProblemLabel;
class SizeSlider;
class SweepGridBox;
class WorkloadBox;

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentPanel(QWidget* parent = nullptr);

    RunConfig config() const;
    void setConfig(const RunConfig& config);
    // The grid as typed, planned by the core (a strategy without splits sweeps one row).
    SweepSpec sweepSpec() const;
    void setSweepLists(const std::vector<std::size_t>& splits, const std::vector<std::size_t>& chunks);

    // Empty when the current point (or grid) can run; otherwise why not.
    QString runProblem() const { return runProblem_; }
    QString sweepProblem() const { return sweepProblem_; }
    bool canRun() const { return runProblem_.isEmpty(); }
    bool canSweep() const { return sweepProblem_.isEmpty(); }
    void setRunning(bool running);
    // What can run here may have changed (another Python interpreter was chosen): the strategy
    // box and the problems say so again.
    void refreshAvailability();

    void saveSettings(QSettings& settings) const;
    void restoreSettings(QSettings& settings);

    SizeSlider* sizeSlider() const;
    LabeledSlider* workersSlider() const { return workers_; }
    LabeledSlider* splitsSlider() const { return splits_; }
    LabeledSlider* chunksizeSlider() const { return chunks_; }
    LabeledSlider* repeatsSlider() const { return repeats_; }
    QDoubleSpinBox* cellBudgetBox() const { return budget_; }
    LabeledSlider* intensitySlider() const;
    QComboBox* strategyBox() const { return strategy_; }
    QComboBox* scheduleBox() const { return schedule_; }
    QComboBox* memmapBox() const { return memmap_; }
    QLineEdit* daskSchedulerEdit() const { return daskScheduler_; }
    QCheckBox* daskLoseWorkerBox() const { return daskLoseWorker_; }
    MpiOptionsBox* mpiOptionsBox() const { return mpi_; }
    QLineEdit* splitsListEdit() const;
    QLineEdit* chunksListEdit() const;
    QPushButton* runButton() const { return run_; }
    QPushButton* sweepButton() const { return sweep_; }
    QPushButton* cancelButton() const { return cancel_; }

Q_SIGNALS:
    void configChanged();
    void runRequested();
    void sweepRequested();
    void cancelRequested();

private:
    void showAvailability();
    QWidget* buildStrategy();
    void onChanged();
    void revalidate();
    void updateEnabled();
    // Each knob's tooltip, and why it is greyed out for the strategy chosen.
    void showKnobTips(const StrategyInfo& s);

    WorkloadBox* workload_ = nullptr;
    QComboBox* strategy_ = nullptr;
    QLabel* strategyText_ = nullptr;
    LabeledSlider* workers_ = nullptr;
    QComboBox* pool_ = nullptr;
    QComboBox* partitioner_ = nullptr;
    QComboBox* schedule_ = nullptr;   // OpenMP's loop schedule (omp)
    QComboBox* memmap_ = nullptr;     // joblib's memory-mapped parts (py-joblib)
    QLineEdit* daskScheduler_ = nullptr;   // RunConfig::dask_scheduler (Knob::DaskScheduler)
    QCheckBox* daskLoseWorker_ = nullptr;  // RunConfig::dask_lose_worker, beside the scheduler
    ProblemLabel* daskProblem_ = nullptr;
    LabeledSlider* splits_ = nullptr;
    QCheckBox* splitsAuto_ = nullptr;   // the library's own chunks (StrategyInfo::splits_auto)
    LabeledSlider* chunks_ = nullptr;
    QCheckBox* chunksAuto_ = nullptr;
    LabeledSlider* repeats_ = nullptr;
    QSpinBox* warmup_ = nullptr;
    QDoubleSpinBox* budget_ = nullptr;   // RunConfig::cell_budget_s
    MpiOptionsBox* mpi_ = nullptr;   // shown for the mpi strategies only
    SweepGridBox* grid_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* sweep_ = nullptr;
    QPushButton* cancel_ = nullptr;

    ProblemLabel* splitsProblem_ = nullptr;
    ProblemLabel* chunksProblem_ = nullptr;
    ProblemLabel* runProblemLabel_ = nullptr;

    QString runProblem_;
    QString sweepProblem_;
    bool running_ = false;
    bool loading_ = false;
};

} // namespace chunkscope::ui

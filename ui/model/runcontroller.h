// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the engine off the window's thread (after hotspot's PerfParser and JobTracker): one
// worker thread owns a chunkscope::Runner; observer calls arrive here as queued signals.
// Each run or sweep is a job with an id; cancelling it answers at once and drops whatever the
// cancelled job still reports while it winds down, so a new job can start straight away.

#include "metatypes.h"

#include "chunkscope/journalwriter.h"
#include "chunkscope/results.h"
#include "chunkscope/runner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <utility>
#include <vector>

namespace chunkscope::ui {

class RunWorker;

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    // Cancels the job, waits for the engine to stop (it reaps every child) and ends the thread.
    ~RunController() override;

    // Runs one cell; withBaseline runs the sequential baseline of the same workload first.
    void run(const RunConfig& config, bool withBaseline);
    // Runs every (splits, chunksize) cell of spec, row-major (or only cells, in their order),
    // appending each to journal as it finishes when one is given.
    void sweep(const SweepSpec& spec, bool withBaseline, std::shared_ptr<JournalWriter> journal = {},
               std::vector<RunConfig> cells = {});
    // Every strategy on config (sequential first); each result arrives in analysisCellFinished()
    // as it ends, then all of them in compareFinished().
    void compare(const RunConfig& config);
    // config at each worker count, after its sequential baseline: each in analysisCellFinished()
    // as it ends, then scaleFinished() gets them all (the baseline first).
    void scale(const RunConfig& config, const std::vector<int>& workersList);
    // Stops the current job; cancelled() is emitted before this returns.
    void cancel();
    // Cancels and stops the worker thread (the destructor calls it).
    void shutdown();
    bool isRunning() const { return running_; }
    // What the current job does; the last one's kind stays until the next starts, so that
    // finished() can be told apart.
    enum class Mode { None, Run, Sweep, Compare, Scale };
    Mode mode() const { return mode_; }

Q_SIGNALS:
    void started(int cells);
    void cellStarted(const chunkscope::RunConfig& config, int index, int total);
    void cellFinished(const chunkscope::ui::CellPtr& result, int index, int total);
    // done: cells finished (fractional while one runs); eta in seconds, negative when unknown.
    void progress(double done, int total, double etaSeconds);
    // The same with the time left as a range (etaRange()), emitted with each progress().
    void progressRange(double done, int total, double etaLow, double etaHigh);
    // Compare and Scale: a cell that ended (its result kept when the job is cancelled later);
    // mode() says which analysis.
    void analysisCellFinished(const chunkscope::ui::CellPtr& result, int index, int total);
    void compareFinished(const std::vector<chunkscope::CellResult>& results);
    void scaleFinished(const std::vector<chunkscope::CellResult>& results);
    // Before scaleFinished() of an mpi strategy: the link it ran on, measured on the worker thread.
    void linkMeasured(const chunkscope::MpiLink& link);
    // Before scaleFinished() of a Dask cluster: its costs, measured on the worker thread (and, by
    // linkMeasured(), Open MPI's TCP link, for its twin's projection).
    void daskCostsMeasured(const chunkscope::DaskClusterCosts& costs);
    void finished();
    void cancelled();
    void failed(const QString& message);

public:
    // The time left, as [low, high] seconds, from the cells that finished: the cells still to
    // start times the fastest and the slowest cell's duration so far, plus what the running cell
    // still needs (its elapsed time over the fraction of its runs done, less that time). Before
    // any cell has ended, the running cell's own estimate is both ends. Negative: unknown.
    // cellSeconds: durations of the finished cells; done: cells finished with the running
    // cell's fraction; runningSeconds: how long the running cell has taken so far.
    static std::pair<double, double> etaRange(const std::vector<double>& cellSeconds, double done, int total,
                                              double runningSeconds);

private:
    void start(int kind, const SweepSpec& spec, bool withBaseline, std::vector<int> workersList = {},
               std::shared_ptr<JournalWriter> journal = {}, std::vector<RunConfig> cells = {});
    void onAnalysisFinished(quint64 job, int kind, const std::vector<chunkscope::CellResult>& results);
    void onCellStarted(quint64 job, const chunkscope::RunConfig& config, int index, int total);
    void onCellFinished(quint64 job, const chunkscope::ui::CellPtr& result, int index, int total);
    void onProgress(quint64 job, double done, int total);
    void onFinished(quint64 job, bool cancelled);
    void onFailed(quint64 job, const QString& message);

    QThread thread_;
    RunWorker* worker_ = nullptr;
    quint64 current_ = 0;
    quint64 nextId_ = 1;
    bool running_ = false;
    Mode mode_ = Mode::None;
    std::shared_ptr<CancelToken> cancel_;
    QElapsedTimer clock_;
    std::vector<double> cellSeconds_;   // the current job's finished cells' durations
    double cellStarted_ = 0;            // when its running cell started, seconds on clock_
    int cellsDone_ = 0;
};

} // namespace chunkscope::ui

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
    // Every strategy on config (sequential first); the results arrive in compareFinished().
    void compare(const RunConfig& config);
    // config at each worker count, after its sequential baseline; scaleFinished() gets them all
    // (the baseline first).
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
    void compareFinished(const std::vector<chunkscope::CellResult>& results);
    void scaleFinished(const std::vector<chunkscope::CellResult>& results);
    // Before scaleFinished() of an mpi strategy: the link it ran on, measured on the worker thread.
    void linkMeasured(const chunkscope::MpiLink& link);
    void finished();
    void cancelled();
    void failed(const QString& message);

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
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcontroller.h"

#include "metatypes.h"
#include "runworker.h"

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

RunController::RunController(QObject* parent) : QObject(parent)
{
    registerMetaTypes();
    thread_.setObjectName(QStringLiteral("chunkscope engine"));
    worker_ = new RunWorker;   // no parent: it moves to the thread
    worker_->moveToThread(&thread_);
    connect(worker_, &RunWorker::cellStarted, this, &RunController::onCellStarted, Qt::QueuedConnection);
    connect(worker_, &RunWorker::cellFinished, this, &RunController::onCellFinished, Qt::QueuedConnection);
    connect(worker_, &RunWorker::progress, this, &RunController::onProgress, Qt::QueuedConnection);
    connect(
        worker_, &RunWorker::linkMeasured, this,
        [this](quint64 job, const MpiLink& link) {
            if (job == current_)
                Q_EMIT linkMeasured(link);
        },
        Qt::QueuedConnection);
    connect(
        worker_, &RunWorker::daskCostsMeasured, this,
        [this](quint64 job, const DaskClusterCosts& costs) {
            if (job == current_)
                Q_EMIT daskCostsMeasured(costs);
        },
        Qt::QueuedConnection);
    connect(
        worker_, &RunWorker::analysisCellFinished, this,
        [this](quint64 job, int, const CellPtr& result, int index, int total) {
            if (job == current_)
                Q_EMIT analysisCellFinished(result, index, total);
        },
        Qt::QueuedConnection);
    connect(worker_, &RunWorker::analysisFinished, this, &RunController::onAnalysisFinished, Qt::QueuedConnection);
    connect(worker_, &RunWorker::finished, this, &RunController::onFinished, Qt::QueuedConnection);
    connect(worker_, &RunWorker::failed, this, &RunController::onFailed, Qt::QueuedConnection);
    thread_.start();
}

RunController::~RunController() { shutdown(); }

void RunController::shutdown()
{
    if (!worker_)
        return;
    cancel();
    RunWorker* worker = worker_;
    // Warm pools end on the thread that started them, after any job still winding down.
    QMetaObject::invokeMethod(worker, [worker] { worker->release(); }, Qt::QueuedConnection);
    thread_.quit();
    thread_.wait();
    delete worker_;   // the thread has finished: nothing runs in the worker any more
    worker_ = nullptr;
}

void RunController::run(const RunConfig& config, bool withBaseline)
{
    SweepSpec spec;
    spec.base = config;
    start(static_cast<int>(RunJob::Kind::Run), spec, withBaseline);
}

void RunController::sweep(const SweepSpec& spec, bool withBaseline, std::shared_ptr<JournalWriter> journal,
                          std::vector<RunConfig> cells)
{
    start(static_cast<int>(RunJob::Kind::Sweep), sweep_plan(spec), withBaseline, {}, std::move(journal),
          std::move(cells));
}

void RunController::compare(const RunConfig& config)
{
    SweepSpec spec;
    spec.base = config;
    start(static_cast<int>(RunJob::Kind::Compare), spec, false);
}

void RunController::scale(const RunConfig& config, const std::vector<int>& workersList)
{
    SweepSpec spec;
    spec.base = config;
    start(static_cast<int>(RunJob::Kind::Scale), spec, false, workersList);
}

void RunController::onAnalysisFinished(quint64 job, int kind, const std::vector<CellResult>& results)
{
    if (job != current_)
        return;
    if (kind == static_cast<int>(RunJob::Kind::Compare))
        Q_EMIT compareFinished(results);
    else
        Q_EMIT scaleFinished(results);
}

void RunController::start(int kind, const SweepSpec& spec, bool withBaseline, std::vector<int> workersList,
                          std::shared_ptr<JournalWriter> journal, std::vector<RunConfig> only)
{
    if (!worker_)
        return;
    if (running_)
        cancel();
    RunJob job;
    job.id = nextId_++;
    job.kind = static_cast<RunJob::Kind>(kind);
    job.workersList = std::move(workersList);
    job.spec = spec;
    job.withBaseline = withBaseline;
    job.journal = std::move(journal);
    job.cells = std::move(only);
    job.cancel = std::make_shared<CancelToken>();
    const int cells = RunWorker::cellCount(job);
    current_ = job.id;
    cancel_ = job.cancel;
    mode_ = static_cast<Mode>(kind + 1);
    running_ = true;
    clock_.start();
    cellSeconds_.clear();
    cellStarted_ = 0;
    cellsDone_ = 0;
    RunWorker* worker = worker_;
    QMetaObject::invokeMethod(worker, [worker, job] { worker->execute(job); }, Qt::QueuedConnection);
    Q_EMIT started(cells);
    Q_EMIT progress(0, cells, -1);
    Q_EMIT progressRange(0, cells, -1, -1);
}

void RunController::cancel()
{
    if (cancel_)
        cancel_->cancel();
    cancel_.reset();
    if (!running_)
        return;
    running_ = false;
    current_ = 0;   // whatever the cancelled job still reports is dropped
    Q_EMIT cancelled();
}

void RunController::onCellStarted(quint64 job, const RunConfig& config, int index, int total)
{
    if (job == current_)
        Q_EMIT cellStarted(config, index, total);
}

void RunController::onCellFinished(quint64 job, const CellPtr& result, int index, int total)
{
    if (job == current_)
        Q_EMIT cellFinished(result, index, total);
}

std::pair<double, double> RunController::etaRange(const std::vector<double>& cellSeconds, double done, int total,
                                                  double runningSeconds)
{
    const double whole = std::floor(done + 1e-9);
    const double fraction = done - whole;
    const double after = std::max(0.0, total - whole - (whole < total ? 1.0 : 0.0));   // cells not started
    // The running cell: its runs so far say how long it takes, once a few percent are done.
    double runningLeft = -1;
    if (fraction > 0.02)
        runningLeft = std::max(0.0, runningSeconds / fraction - runningSeconds);
    if (cellSeconds.empty()) {
        if (runningLeft < 0)
            return {-1, -1};
        const double cell = runningSeconds + runningLeft;
        return {runningLeft + after * cell, runningLeft + after * cell};
    }
    const auto [fastest, slowest] = std::minmax_element(cellSeconds.begin(), cellSeconds.end());
    double low = after * *fastest;
    double high = after * *slowest;
    if (whole < total) {
        // Without its own estimate yet, the running cell takes what the others took, less its time so far.
        low += runningLeft >= 0 ? runningLeft : std::max(0.0, *fastest - runningSeconds);
        high += runningLeft >= 0 ? runningLeft : std::max(0.0, *slowest - runningSeconds);
    }
    return {low, high};
}

void RunController::onProgress(quint64 job, double done, int total)
{
    if (job != current_)
        return;
    const double now = static_cast<double>(clock_.elapsed()) / 1000.0;
    // A cell ended: its duration joins the rule's (several at once share the time).
    const int whole = static_cast<int>(std::floor(done + 1e-9));
    if (whole > cellsDone_) {
        const double each = (now - cellStarted_) / (whole - cellsDone_);
        for (int i = cellsDone_; i < whole; ++i)
            cellSeconds_.push_back(each);
        cellsDone_ = whole;
        cellStarted_ = now;
    }
    const auto [low, high] = etaRange(cellSeconds_, done, total, now - cellStarted_);
    Q_EMIT progress(done, total, low < 0 ? -1 : (low + high) / 2);
    Q_EMIT progressRange(done, total, low, high);
}

void RunController::onFinished(quint64 job, bool wasCancelled)
{
    if (job != current_)
        return;
    running_ = false;
    current_ = 0;
    cancel_.reset();
    if (wasCancelled)
        Q_EMIT cancelled();
    else
        Q_EMIT finished();
}

void RunController::onFailed(quint64 job, const QString& message)
{
    if (job != current_)
        return;
    running_ = false;
    current_ = 0;
    cancel_.reset();
    Q_EMIT failed(message);
}

} // namespace chunkscope::ui

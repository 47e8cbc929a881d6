#include "runcontroller.h"

#include "metatypes.h"
#include "runworker.h"

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
    RunWorker* worker = worker_;
    QMetaObject::invokeMethod(worker, [worker, job] { worker->execute(job); }, Qt::QueuedConnection);
    Q_EMIT started(cells);
    Q_EMIT progress(0, cells, -1);
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

void RunController::onProgress(quint64 job, double done, int total)
{
    if (job != current_)
        return;
    double eta = -1;
    if (done > 0.02 && total > 0) {
        const double elapsed = static_cast<double>(clock_.elapsed()) / 1000.0;
        eta = elapsed * (total - done) / done;
    }
    Q_EMIT progress(done, total, eta);
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

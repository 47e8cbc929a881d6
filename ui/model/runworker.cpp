// SPDX-License-Identifier: GPL-3.0-or-later
#include "runworker.h"

#include "chunkscope/daskmodel.h"
#include "chunkscope/mpi.h"
#include "chunkscope/pythoncosts.h"

#include <QElapsedTimer>

#include <algorithm>

#include <exception>

namespace chunkscope::ui {

namespace {

// Observer calls (on the worker thread) to the worker's signals. Progress is throttled to
// about 25 updates a second; cell starts and ends always go through.
class SignalObserver final : public Observer {
public:
    // analysis: a RunJob::Kind (Compare, Scale) whose cells are no grid cells: they end as
    // analysisCellFinished() and start unannounced; -1: grid cells.
    SignalObserver(RunWorker& worker, quint64 job, int offset, int total, int analysis = -1)
        : worker_(worker), job_(job), offset_(offset), total_(total), analysis_(analysis)
    {
        clock_.start();
    }
    int cellsDone() const { return cellsDone_; }

    void on_cell_start(const RunConfig& config, std::size_t index, std::size_t) override
    {
        if (analysis_ < 0)
            Q_EMIT worker_.cellStarted(job_, config, offset_ + static_cast<int>(index), total_);
    }
    void on_run_done(std::size_t index, double fraction) override
    {
        if (clock_.elapsed() < 40)
            return;
        clock_.restart();
        Q_EMIT worker_.progress(job_, offset_ + static_cast<double>(index) + fraction, total_);
    }
    void on_cell_done(const CellResult& result, std::size_t index, std::size_t, double) override
    {
        ++cellsDone_;
        const int at = offset_ + static_cast<int>(index);
        if (analysis_ < 0)
            Q_EMIT worker_.cellFinished(job_, std::make_shared<const CellResult>(result), at, total_);
        else if (result.status != Status::Cancelled)
            Q_EMIT worker_.analysisCellFinished(job_, analysis_, std::make_shared<const CellResult>(result), at,
                                                total_);
        Q_EMIT worker_.progress(job_, at + 1.0, total_);
    }

private:
    RunWorker& worker_;
    quint64 job_;
    int offset_;
    int total_;
    int analysis_;
    int cellsDone_ = 0;
    QElapsedTimer clock_;
};

} // namespace

RunWorker::RunWorker(QObject* parent) : QObject(parent) {}

int RunWorker::cellCount(const RunJob& job)
{
    std::size_t cells = 0;
    switch (job.kind) {
    case RunJob::Kind::Run:
        cells = 1;
        break;
    case RunJob::Kind::Sweep:
        cells = job.cells.empty() ? sweep_cells(sweep_plan(job.spec)).size() : job.cells.size();
        break;
    case RunJob::Kind::Compare:
        cells = compare_plan(job.spec.base).size();
        break;
    case RunJob::Kind::Scale:
        cells = scale_plan(job.spec.base, job.workersList).size() + 1;   // after the baseline
        break;
    }
    return static_cast<int>(cells) + (job.withBaseline ? 1 : 0);
}

RunWorker::~RunWorker() = default;

void RunWorker::release()
{
    if (runner_)
        runner_->release();
}

void RunWorker::execute(const RunJob& job)
{
    const CancelToken* cancel = job.cancel.get();
    if (cancel && cancel->cancelled()) {
        Q_EMIT finished(job.id, true);
        return;
    }
    try {
        if (!runner_)
            runner_ = std::make_unique<Runner>();
        if (job.kind == RunJob::Kind::Compare || job.kind == RunJob::Kind::Scale) {
            executeAnalysis(job);
            return;
        }
        const int offset = job.withBaseline ? 1 : 0;
        const int total = cellCount(job);
        if (job.withBaseline) {
            const RunConfig baseline = baseline_of(job.spec.base);
            Q_EMIT cellStarted(job.id, baseline, 0, total);
            SignalObserver observer(*this, job.id, 0, total);
            const CellResult result = runner_->run(baseline, &observer, cancel);
            if (cancel && cancel->cancelled()) {
                Q_EMIT finished(job.id, true);
                return;
            }
            if (job.journal)
                job.journal->append(result);
            Q_EMIT cellFinished(job.id, std::make_shared<const CellResult>(result), 0, total);
        }
        if (job.kind == RunJob::Kind::Run) {
            Q_EMIT cellStarted(job.id, job.spec.base, offset, total);
            // A single run reports its own start and end: only progress comes from the observer.
            class RunObserver final : public Observer {
            public:
                explicit RunObserver(SignalObserver& inner) : inner_(inner) {}
                void on_run_done(std::size_t, double fraction) override { inner_.on_run_done(0, fraction); }

            private:
                SignalObserver& inner_;
            };
            SignalObserver reporter(*this, job.id, offset, total);
            RunObserver observer(reporter);
            const CellResult result = runner_->run(job.spec.base, &observer, cancel);
            const bool cancelled = (cancel && cancel->cancelled()) || result.status == Status::Cancelled;
            if (!cancelled)
                Q_EMIT cellFinished(job.id, std::make_shared<const CellResult>(result), offset, total);
            if (result.status == Status::Failed)
                Q_EMIT failed(job.id, QString::fromStdString(result.error));
            else
                Q_EMIT finished(job.id, cancelled);
            return;
        }
        SignalObserver observer(*this, job.id, offset, total);
        Observer* reporter = &observer;
        if (job.journal) {
            job.journal->set_inner(&observer);   // written first, then shown
            reporter = job.journal.get();
        }
        const std::vector<CellResult> results = job.cells.empty() ? runner_->sweep(job.spec, reporter, cancel)
                                                                  : runner_->run_cells(job.cells, reporter, cancel);
        if (job.journal)
            job.journal->set_inner(nullptr);
        const bool cancelled = cancel && cancel->cancelled();
        // Cells the observer did not report (should there be any) still reach the window.
        for (std::size_t i = static_cast<std::size_t>(observer.cellsDone()); !cancelled && i < results.size(); ++i)
            Q_EMIT cellFinished(job.id, std::make_shared<const CellResult>(results[i]), offset + static_cast<int>(i),
                                total);
        Q_EMIT finished(job.id, cancelled);
    } catch (const std::exception& e) {
        Q_EMIT failed(job.id, QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT failed(job.id, tr("the engine stopped with an unknown error"));
    }
}

void RunWorker::executeAnalysis(const RunJob& job)
{
    const CancelToken* cancel = job.cancel.get();
    std::vector<CellResult> results;
    const int kind = static_cast<int>(job.kind);
    if (job.kind == RunJob::Kind::Compare) {
        SignalObserver observer(*this, job.id, 0, cellCount(job), kind);
        results = runner_->compare(job.spec.base, &observer, cancel);
    } else {
        const int total = cellCount(job);
        SignalObserver first(*this, job.id, 0, total, kind);
        results.push_back(runner_->run(baseline_of(job.spec.base), &first, cancel));
        // A single run reports no end to its observer: the baseline's is reported here.
        if (!(cancel && cancel->cancelled()) && results.back().status != Status::Cancelled) {
            Q_EMIT analysisCellFinished(job.id, kind, std::make_shared<const CellResult>(results.back()), 0, total);
            Q_EMIT progress(job.id, 1.0, total);
        }
        if (!(cancel && cancel->cancelled())) {
            SignalObserver observer(*this, job.id, 1, total, kind);
            for (CellResult& r : runner_->scale(job.spec.base, job.workersList, &observer, cancel))
                results.push_back(std::move(r));
        }
        if (is_mpi(job.spec.base.strategy) && !(cancel && cancel->cancelled()))
            measureLink(job.id, job.spec.base.mpi, cancel);
        if (is_dask_cluster(job.spec.base.strategy) && !(cancel && cancel->cancelled())) {
            // The twin's projection: Open MPI's link on TCP, as Dask's own transfers go over TCP;
            // first, so that the model, drawn when the costs come, has its twin at once.
            MpiOptions tcp = job.spec.base.mpi;
            tcp.transport = MpiTransport::Tcp;
            if (mpi_availability(tcp).available && !(cancel && cancel->cancelled()))
                measureLink(job.id, tcp, cancel);
            // Then the Dask model's costs: a few seconds here, on the worker thread.
            int workers = 1;
            for (const CellResult& r : results)
                if (r.config.strategy == job.spec.base.strategy)
                    workers = std::max(workers, r.config.workers);
            const std::string& scheduler = job.spec.base.dask_scheduler;
            auto known = std::find_if(daskCosts_.begin(), daskCosts_.end(), [&](const DaskClusterCosts& k) {
                return k.scheduler == scheduler && k.workers == workers;
            });
            if (known == daskCosts_.end()) {
                runner_->release();   // the warm cluster's workers end: they would share the cores
                DaskClusterCosts costs = measure_dask_costs(workers, scheduler, cancel);
                if (!(cancel && cancel->cancelled()) && costs.measured())
                    daskCosts_.push_back(costs);
                if (!(cancel && cancel->cancelled()))
                    Q_EMIT daskCostsMeasured(job.id, costs);
            } else {
                Q_EMIT daskCostsMeasured(job.id, *known);
            }
        }
    }
    const bool cancelled = cancel && cancel->cancelled();
    if (!cancelled)
        Q_EMIT analysisFinished(job.id, kind, results);
    Q_EMIT finished(job.id, cancelled);
}

void RunWorker::measureLink(quint64 job, const MpiOptions& options, const CancelToken* cancel)
{
    // The model's link: a ping-pong of a second or two here, on the worker thread.
    auto known = std::find_if(links_.begin(), links_.end(), [&](const MpiLink& l) { return l.options == options; });
    if (known != links_.end()) {
        Q_EMIT linkMeasured(job, *known);
        return;
    }
    // Idle warm ranks poll in Open MPI: end them so they do not share the cores.
    runner_->release();
    MpiLink link = measure_mpi_link(options, cancel);
    if (!(cancel && cancel->cancelled()) && link.error.empty())
        links_.push_back(link);
    if (!(cancel && cancel->cancelled()))
        Q_EMIT linkMeasured(job, link);
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's side of the RunController: lives on the worker thread, owns the Runner, and
// turns the engine's observer calls into signals (queued to the window's thread).

#include "metatypes.h"

#include "chunkscope/journalwriter.h"
#include "chunkscope/observer.h"
#include "chunkscope/runner.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace chunkscope::ui {

struct RunJob {
    // Compare: every strategy on spec.base (Runner::compare); Scale: spec.base at each of
    // workersList, after the sequential baseline. Both report each cell as it ends
    // (analysisCellFinished), then all of them (analysisFinished).
    enum class Kind { Run, Sweep, Compare, Scale };
    quint64 id = 0;
    Kind kind = Kind::Run;
    SweepSpec spec;            // Run: spec.base is the cell; Sweep: the grid
    bool withBaseline = false; // run the sequential baseline of the same workload first
    std::vector<int> workersList; // Scale
    std::shared_ptr<CancelToken> cancel;
    // Sweep: each finished cell (the baseline too) is appended to it as it finishes.
    std::shared_ptr<JournalWriter> journal;
    // Sweep: only these cells of spec, in this order (a restored sweep's missing ones); empty: all.
    std::vector<RunConfig> cells;
};

class RunWorker : public QObject {
    Q_OBJECT
public:
    explicit RunWorker(QObject* parent = nullptr);
    ~RunWorker() override;

    // Runs the job to the end (or until cancelled). Call on the worker thread.
    void execute(const RunJob& job);
    // Stops warm pools and frees the data. Call on the worker thread.
    void release();

Q_SIGNALS:
    void cellStarted(quint64 job, const chunkscope::RunConfig& config, int index, int total);
    void cellFinished(quint64 job, const chunkscope::ui::CellPtr& result, int index, int total);
    // done: cells finished, with the running cell's fraction; throttled.
    void progress(quint64 job, double done, int total);
    // Scale of an mpi strategy: Open MPI's link on the transport it ran on (measured once per
    // set of options and kept), before analysisFinished().
    void linkMeasured(quint64 job, const chunkscope::MpiLink& link);
    // Scale of a Dask cluster: its costs (as machine --dask, on the cells' scheduler or a
    // LocalCluster of the most workers the scaling had) and Open MPI's TCP link (the twin's
    // projection), measured once per scheduler and worker count and kept, before analysisFinished().
    void daskCostsMeasured(quint64 job, const chunkscope::DaskClusterCosts& costs);
    // Compare and Scale: one cell that ended (not cancelled), as it ends; index in the job's plan.
    void analysisCellFinished(quint64 job, int kind, const chunkscope::ui::CellPtr& result, int index, int total);
    // Compare and Scale: every result, before finished().
    void analysisFinished(quint64 job, int kind, const std::vector<chunkscope::CellResult>& results);
    void finished(quint64 job, bool cancelled);
    void failed(quint64 job, const QString& message);

public:
    // How many cells a job runs, and how many of them are grid cells: the plan's count.
    static int cellCount(const RunJob& job);

private:
    void executeAnalysis(const RunJob& job);


    std::unique_ptr<Runner> runner_;
    // Open MPI's link for the model (measured once per set of MPI options and kept); sends it.
    void measureLink(quint64 job, const MpiOptions& options, const CancelToken* cancel);

    std::vector<MpiLink> links_;   // measured so far, one per set of MPI options
    std::vector<DaskClusterCosts> daskCosts_;   // measured so far, one per scheduler and worker count
};

} // namespace chunkscope::ui

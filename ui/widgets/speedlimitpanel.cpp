// SPDX-License-Identifier: GPL-3.0-or-later
#include "speedlimitpanel.h"

#include "uiformat.h"

#include <QLabel>
#include <QThread>
#include <QVBoxLayout>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

SpeedLimitPanel::SpeedLimitPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    label_ = new QLabel(this);
    label_->setObjectName(u"speedLimits"_s);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::RichText);
    label_->setText(tr("<b>Speed limit</b>: not measured yet. Run ▸ Measure machine measures the memory bandwidth "
                       "and each function's throughput (a few seconds); the comparison then draws the floor."));
    layout->addWidget(label_);
}

SpeedLimitPanel::~SpeedLimitPanel()
{
    if (thread_) {
        cancel_.cancel();
        thread_->wait();
    }
}

QString SpeedLimitPanel::text() const { return label_->text(); }

void SpeedLimitPanel::setDaskCluster(int workers, const std::string& scheduler)
{
    daskWorkers_ = workers;
    daskScheduler_ = scheduler;
}

void SpeedLimitPanel::measure()
{
    if (thread_)
        return;
    cancel_.reset();
    label_->setText(tr("<b>Speed limit</b>: measuring the machine…"));
    thread_ = QThread::create([this, workers = daskWorkers_, scheduler = daskScheduler_] {
        SpeedLimits limits = measure_speed_limits(stream_array_bytes(), &cancel_);
        // The Python strategies' own floors: pickling and the Pool, on the interpreter they use.
        if (!cancel_.cancelled())
            limits.python = measure_python_costs(QThread::idealThreadCount(), &cancel_);
        // The Dask clusters' own floors: the experiment's cluster, when it runs on one.
        if (workers > 0 && !cancel_.cancelled())
            limits.dask = measure_dask_costs(workers, scheduler, &cancel_);
        QMetaObject::invokeMethod(this, [this, limits] { setLimits(limits); }, Qt::QueuedConnection);
    });
    connect(thread_, &QThread::finished, this, [this] {
        thread_->deleteLater();
        thread_ = nullptr;
    });
    thread_->start();
}

void SpeedLimitPanel::setLimits(const SpeedLimits& limits)
{
    limits_ = limits;
    QString html = tr("<b>Speed limit</b> — memory bandwidth (STREAM, %3 threads, best of %4): copy %1/s, "
                      "scale %2/s, triad %5/s; the floor uses <b>%6</b> (bytes read and written, not the "
                      "write-allocate read)")
                       .arg(formatBytes(limits.copy_bandwidth), formatBytes(limits.scale_bandwidth))
                       .arg(limits.threads)
                       .arg(limits.repetitions)
                       .arg(formatBytes(limits.triad_bandwidth), qs(limits.floor_kernel()));
    html += u"<br>"_s + tr("one core:");
    for (const KernelThroughput& k : limits.throughput)
        html += u" &nbsp;"_s + qs(to_string(k.function)) + u" ("_s + qs(to_string(k.kernel)) + u") <b>"_s +
                QString::number(k.ns_per_item, 'g', 3) + u"</b> ns/item"_s;
    const MechanismCosts& m = limits.mechanisms;
    if (m.measured())
        html += u"<br>"_s + tr("mechanisms: fork + exit <b>%1</b>, pipe <b>%2/s</b> (pages handed over by vmsplice "
                               "<b>%8/s</b>) and <b>%3</b> a task's message and reply, first touch of a page <b>%4</b> "
                               "(shared <b>%5</b>, a new shm segment's <b>%6</b>), thread start <b>%7</b>")
                                .arg(formatSeconds(m.fork_exit_s), formatBytes(m.pipe_bandwidth),
                                     formatSeconds(m.pipe_message_s), formatSeconds(m.touch_private_s),
                                     formatSeconds(m.touch_shared_s), formatSeconds(m.touch_tmpfs_s),
                                     formatSeconds(m.thread_start_s))
                                .arg(m.pipe_splice_bandwidth > 0 ? formatBytes(m.pipe_splice_bandwidth) : tr("refused"));
    const PythonCosts& py = limits.python;
    if (py.measured())
        html += u"<br>"_s + tr("Python: pickled into a pipe <b>%1/s</b>, unpickled out of one <b>%2/s</b>, Pool(W) "
                               "<b>%3</b> + <b>%4</b> a worker, a Pool.map task <b>%5</b>")
                                .arg(formatBytes(py.pickle_send_bandwidth), formatBytes(py.unpickle_receive_bandwidth),
                                     formatSeconds(py.pool_start_s),
                                     formatSeconds(py.pool_start_per_worker_s), formatSeconds(py.pool_task_s));
    if (py.dask_measured())
        html += u"<br>"_s + tr("Dask (threads): a store <b>%1</b>, each chunk more <b>%2</b> (its two tasks; Dask's "
                               "docs say about 1 ms a task), from_array hashing the data <b>%3/s</b>")
                                .arg(formatSeconds(py.dask_store_s), formatSeconds(py.dask_chunk_s),
                                     formatBytes(py.dask_hash_bandwidth));
    if (!py.measured() && !py.error.empty())
        html += u"<br>"_s + tr("Python: not measured (%1)").arg(qs(py.error).toHtmlEscaped());
    const DaskClusterCosts& d = limits.dask;
    const QString cluster = d.scheduler.empty() ? tr("a LocalCluster of %1").arg(d.workers)
                                                : tr("%1 workers at %2").arg(d.workers).arg(qs(d.scheduler).toHtmlEscaped());
    if (d.measured())
        html += u"<br>"_s + tr("Dask cluster (%1): started in <b>%2</b> + <b>%3</b> a worker, closed in <b>%4</b>, a task "
                               "through the scheduler <b>%5</b> (Dask's docs say about 1 ms) and a map's round trip <b>%8</b>, "
                               "scatter <b>%6/s</b>, gather <b>%7/s</b>")
                                .arg(cluster, formatSeconds(d.start_s), formatSeconds(d.start_per_worker_s),
                                     formatSeconds(d.close_s), formatSeconds(d.task_s), formatBytes(d.scatter_bandwidth),
                                     formatBytes(d.gather_bandwidth))
                                .arg(formatSeconds(d.round_trip_s));
    else if (!d.error.empty())
        html += u"<br>"_s + tr("Dask cluster (%1): not measured (%2)").arg(cluster, qs(d.error).toHtmlEscaped());
    label_->setText(html);
    Q_EMIT measured(limits);
}

} // namespace chunkscope::ui

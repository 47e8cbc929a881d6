// SPDX-License-Identifier: GPL-3.0-or-later
#include "experimentstate.h"

#include "uiformat.h"

#include <QSettings>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

void ExperimentState::save(QSettings& settings) const
{
    const RunConfig& c = config;
    settings.beginGroup(u"experiment"_s);
    settings.setValue(u"function"_s, qs(to_string(c.workload.function)));
    settings.setValue(u"kernel"_s, qs(to_string(c.workload.kernel)));
    settings.setValue(u"intensity"_s, c.workload.intensity);
    settings.setValue(u"size"_s, qulonglong(c.workload.size));
    settings.setValue(u"strategy"_s, qs(to_string(c.strategy)));
    settings.setValue(u"workers"_s, c.workers);
    settings.setValue(u"pool"_s, qs(to_string(c.pool)));
    settings.setValue(u"partitioner"_s, qs(to_string(c.partitioner)));
    settings.setValue(u"schedule"_s, qs(to_string(c.schedule)));
    settings.setValue(u"memmap"_s, qs(memmap_text(c.memmap)));
    settings.setValue(u"daskScheduler"_s, qs(c.dask_scheduler));
    settings.setValue(u"daskLoseWorker"_s, c.dask_lose_worker);
    settings.setValue(u"splits"_s, qulonglong(c.splits));
    settings.setValue(u"chunksize"_s, qulonglong(c.chunksize));
    settings.setValue(u"chunksizeAuto"_s, c.chunksize_auto);
    settings.setValue(u"splitsAuto"_s, c.splits_auto);
    settings.setValue(u"repeats"_s, c.repeats);
    settings.setValue(u"warmup"_s, c.warmup);
    settings.setValue(u"cellBudget"_s, c.cell_budget_s);
    settings.setValue(u"mpiTransport"_s, qs(to_string(c.mpi.transport)));
    settings.setValue(u"mpiHostfile"_s, qs(c.mpi.hostfile));
    settings.setValue(u"mpirun"_s, qs(c.mpi.mpirun));
    settings.setValue(u"mpiArgs"_s, qs(c.mpi.args));
    settings.setValue(u"sweepSplits"_s, sweepSplits);
    settings.setValue(u"sweepChunks"_s, sweepChunks);
    settings.endGroup();
}

void ExperimentState::restore(QSettings& settings)
{
    RunConfig& c = config;
    settings.beginGroup(u"experiment"_s);
    const auto text = [&](const QString& key) { return settings.value(key).toString().toStdString(); };
    c.workload.function = parse_function(text(u"function"_s)).value_or(c.workload.function);
    c.workload.kernel = parse_kernel(text(u"kernel"_s)).value_or(c.workload.kernel);
    c.workload.intensity = settings.value(u"intensity"_s, c.workload.intensity).toInt();
    c.workload.size = settings.value(u"size"_s, qulonglong(c.workload.size)).toULongLong();
    c.strategy = parse_strategy(text(u"strategy"_s)).value_or(c.strategy);
    c.workers = settings.value(u"workers"_s, c.workers).toInt();
    c.pool = parse_pool(text(u"pool"_s)).value_or(c.pool);
    c.partitioner = parse_partitioner(text(u"partitioner"_s)).value_or(c.partitioner);
    c.schedule = parse_schedule(text(u"schedule"_s)).value_or(c.schedule);
    c.memmap = parse_memmap(text(u"memmap"_s)).value_or(c.memmap);
    c.splits = settings.value(u"splits"_s, qulonglong(c.splits)).toULongLong();
    c.chunksize = settings.value(u"chunksize"_s, qulonglong(c.chunksize)).toULongLong();
    c.chunksize_auto = settings.value(u"chunksizeAuto"_s, c.chunksize_auto).toBool();
    c.splits_auto = settings.value(u"splitsAuto"_s, c.splits_auto).toBool();
    c.repeats = settings.value(u"repeats"_s, c.repeats).toInt();
    c.warmup = settings.value(u"warmup"_s, c.warmup).toInt();
    c.cell_budget_s = settings.value(u"cellBudget"_s, c.cell_budget_s).toDouble();
    c.mpi.transport = parse_transport(text(u"mpiTransport"_s)).value_or(c.mpi.transport);
    const auto keep = [&](const QString& key, std::string& value) {
        const QVariant v = settings.value(key);
        if (v.isValid() && v.canConvert<QString>())
            value = v.toString().toStdString();
    };
    keep(u"mpiHostfile"_s, c.mpi.hostfile);
    keep(u"mpirun"_s, c.mpi.mpirun);
    keep(u"mpiArgs"_s, c.mpi.args);
    keep(u"daskScheduler"_s, c.dask_scheduler);
    c.dask_lose_worker = settings.value(u"daskLoseWorker"_s, c.dask_lose_worker).toBool();
    sweepSplits = settings.value(u"sweepSplits"_s, sweepSplits).toString();
    sweepChunks = settings.value(u"sweepChunks"_s, sweepChunks).toString();
    settings.endGroup();
}

} // namespace chunkscope::ui

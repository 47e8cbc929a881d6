// SPDX-License-Identifier: GPL-3.0-or-later
#include "uiformat.h"

#include "chunkscope/format.h"
#include "chunkscope/registry.h"

#include <QCoreApplication>

#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("chunkscope::ui::format", text, disambiguation, n);
}

QString row(const QString& name, const QString& value)
{
    return u"<tr><td>"_s + name + u"</td><td align=right>&nbsp;"_s + value + u"</td></tr>"_s;
}

} // namespace

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

QString formatSeconds(double seconds) { return qs(format_seconds(seconds, {true, false, "–"})); }

QString formatSecondsCompact(double seconds) { return qs(format_seconds(seconds, {true, true, "–"})); }

QString formatDuration(double seconds)
{
    const std::string left = format_time_left(seconds);
    return left.empty() ? QStringLiteral("–") : qs(left);
}

QString formatSpeedup(double factor)
{
    if (!std::isfinite(factor))
        return QStringLiteral("–");
    // Three digits, never an exponent: "0.44×", "3.2×", "278×", "2780×".
    if (factor >= 1000)
        return QString::number(factor, 'f', 0) + QStringLiteral("×");
    return QString::number(factor, 'g', factor >= 1 ? 3 : 2) + QStringLiteral("×");
}

QString formatCount(std::size_t n) { return qs(format_size(n)); }
QString formatBytes(double bytes) { return qs(format_bytes(bytes)); }

QString sizeText(std::size_t items)
{
    return formatCount(items) + QStringLiteral(" · ") + formatBytes(static_cast<double>(items) * sizeof(double));
}

QString functionText(const RunConfig& config)
{
    QString text = qs(to_string(config.workload.function));
    if (config.workload.intensity > 1)
        text += QStringLiteral(" ×") + QString::number(config.workload.intensity);
    // The tutorial's Python computes with NumPy whatever the kernel says.
    if (strategy_info(config.strategy).tutorial_python)
        return text;
    return text + QStringLiteral(" (") + qs(to_string(config.workload.kernel)) + QLatin1Char(')');
}

QString budgetText(const CellResult& cell)
{
    if (!cell.budget_cut)
        return {};
    const int runs = static_cast<int>(cell.samples.size());
    return (runs == 1 ? tr("1 timed run") : tr("%1 timed runs").arg(runs)) + u", "_s +
           tr("%1 warm-up: cell budget").arg(cell.warmup_runs);
}

QString workersText(int workers) { return workers == 1 ? tr("1 worker") : tr("%1 workers").arg(workers); }

QString experimentTitle(const RunConfig& config)
{
    QString title = qs(to_string(config.strategy)) + QStringLiteral(" · ") + functionText(config) +
                    QStringLiteral(" · N = ") + formatCount(config.workload.size);
    const StrategyInfo& s = strategy_info(config.strategy);
    if (s.uses(Knob::Workers))
        title += QStringLiteral(" · ") + workersText(config.workers);
    if (s.uses(Knob::Pool))
        title += QStringLiteral(" · ") + qs(to_string(config.pool)) + tr(" pool");
    if (s.uses(Knob::Partitioner))
        title += QStringLiteral(" · ") + qs(to_string(config.partitioner)) + tr(" partitioner");
    if (s.uses(Knob::Schedule))
        title += QStringLiteral(" · ") + qs(to_string(config.schedule)) + tr(" schedule");
    if (s.uses(Knob::Memmap))
        title += config.memmap ? tr(" · memmap") : tr(" · no memmap");
    if (s.uses(Knob::DaskScheduler) && config.dask_lose_worker)
        title += tr(" · a worker lost in each run");
    // Never read as a warmed median (config.h).
    if (config.as_tutorial)
        title += QStringLiteral(" · ") + tr("as the tutorial timed it: one cold run, rand(n) inside the clock");
    return title;
}

QString machineText(const MachineInfo& machine)
{
    QString text = machine.cpu_model.empty() ? tr("unknown CPU") : qs(machine.cpu_model).simplified();
    if (machine.logical_cores > 0)
        text += QStringLiteral(" · ") + tr("%1 logical cores").arg(machine.logical_cores);
    if (!machine.os.empty())
        text += QStringLiteral(" · ") + qs(machine.os);
    return text;
}

QString cellToolTip(const CellResult& cell, std::optional<double> baselineSeconds)
{
    const RunConfig& c = cell.config;
    QString html = u"<b>"_s + tr("splits %1 × chunksize %2").arg(formatCount(c.splits), formatCount(c.chunksize)) +
                   u"</b><br>"_s + experimentTitle(c).toHtmlEscaped() + u"<br>"_s +
                   tr("%1 tasks").arg(formatCount(task_count(c)));
    if (cell.status != Status::Ok) {
        html += u"<br><b>"_s + qs(to_string(cell.status)) + u"</b>"_s;
        if (!cell.error.empty())
            html += u": "_s + qs(cell.error).toHtmlEscaped();
        return html;
    }
    html += u"<table>"_s;
    html += row(tr("median"), formatSeconds(cell.median_s));
    html += row(tr("min"), formatSeconds(cell.min_s));
    html += row(tr("mean"), formatSeconds(cell.mean_s));
    // One repetition has no spread (has_spread).
    const QString none = tr("n/a (one repetition)");
    html += row(tr("std dev"), has_spread(cell) ? formatSeconds(cell.stddev_s) : none);
    html += row(tr("CV"), has_spread(cell) ? QString::number(cell.cv * 100.0, 'f', 1) + QStringLiteral(" %") : none);
    if (baselineSeconds && *baselineSeconds > 0 && cell.median_s > 0)
        html += row(tr("speedup over sequential"), formatSpeedup(*baselineSeconds / cell.median_s));
    html += row(tr("repetitions"),
                cell.budget_cut ? tr("%1 of %2, %3 warm-up (cut by the cell budget of %4)")
                                      .arg(cell.samples.size())
                                      .arg(cell.config.repeats)
                                      .arg(cell.warmup_runs)
                                      .arg(formatSeconds(cell.config.cell_budget_s))
                                : QString::number(cell.samples.size()));
    html += u"<tr><td colspan=2><i>"_s + tr("phases (median)") + u"</i></td></tr>"_s;
    for (Phase p : kAllPhases)
        html += row(qs(to_string(p)), formatSeconds(cell.phases[p]));
    html += u"</table>"_s;
    html += cell.verified ? tr("output verified against the sequential result (every block's 64-bit hash)")
                          : tr("output not verified");
    // A Dask worker lost: not a failure, what it cost (results.h's describe).
    if (!cell.worker_loss.empty())
        html += u"<br><b>"_s + tr("A Dask worker was lost:") + u"</b> "_s + qs(describe(cell.worker_loss)).toHtmlEscaped();
    return html;
}

} // namespace chunkscope::ui

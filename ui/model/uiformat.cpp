#include "uiformat.h"

#include "chunkscope/format.h"

#include <QCoreApplication>

#include <array>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("chunkscope::ui::format", text, disambiguation, n);
}

QString threeDigits(double v)
{
    const int decimals = v >= 99.95 ? 0 : (v >= 9.995 ? 1 : 2);
    return QString::number(v, 'f', decimals);
}

QString row(const QString& name, const QString& value)
{
    return u"<tr><td>"_s + name + u"</td><td align=right>&nbsp;"_s + value + u"</td></tr>"_s;
}

} // namespace

QString qs(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("–");
    struct Unit {
        double scale;
        const char16_t* name;
    };
    static constexpr std::array<Unit, 4> units{{{1e9, u"ns"}, {1e6, u"µs"}, {1e3, u"ms"}, {1.0, u"s"}}};
    const double a = std::abs(seconds);
    for (const Unit& u : units) {
        const double v = a * u.scale;
        if (v < 999.5 || u.scale == 1.0)
            return threeDigits(seconds * u.scale) + QLatin1Char(' ') + QString::fromUtf16(u.name);
    }
    return QString();
}

QString formatSecondsCompact(double seconds)
{
    QString text = formatSeconds(seconds);
    // "30.0 ms" -> "30 ms", "1.50 s" -> "1.5 s"
    const qsizetype space = text.indexOf(u' ');
    if (space > 0 && text.left(space).contains(u'.')) {
        qsizetype end = space;
        while (text[end - 1] == u'0')
            --end;
        if (text[end - 1] == u'.')
            --end;
        text.remove(end, space - end);
    }
    return text;
}

QString formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    if (seconds < 1)
        return tr("< 1 s");
    const long long s = std::llround(std::ceil(seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString formatSpeedup(double factor)
{
    if (!std::isfinite(factor))
        return QStringLiteral("–");
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
    return text + QStringLiteral(" (") + qs(to_string(config.workload.kernel)) + QLatin1Char(')');
}

QString experimentTitle(const RunConfig& config)
{
    QString title = qs(to_string(config.strategy)) + QStringLiteral(" · ") + functionText(config) +
                    QStringLiteral(" · N = ") + formatCount(config.workload.size);
    if (config.strategy != StrategyKind::Sequential) {
        title += QStringLiteral(" · ") + (config.workers == 1 ? tr("1 worker") : tr("%1 workers").arg(config.workers));
        if (config.strategy != StrategyKind::Tbb)
            title += QStringLiteral(" · ") + qs(to_string(config.pool)) + tr(" pool");
        else
            title += QStringLiteral(" · ") + qs(to_string(config.partitioner)) + tr(" partitioner");
    }
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
    html += row(tr("std dev"), formatSeconds(cell.stddev_s));
    html += row(tr("CV"), QString::number(cell.cv * 100.0, 'f', 1) + QStringLiteral(" %"));
    if (baselineSeconds && *baselineSeconds > 0 && cell.median_s > 0)
        html += row(tr("speedup over sequential"), formatSpeedup(*baselineSeconds / cell.median_s));
    html += row(tr("repetitions"), QString::number(cell.samples.size()));
    html += u"<tr><td colspan=2><i>"_s + tr("phases (median)") + u"</i></td></tr>"_s;
    html += row(tr("startup"), formatSeconds(cell.phases.startup_s));
    html += row(tr("scatter"), formatSeconds(cell.phases.scatter_s));
    html += row(tr("compute"), formatSeconds(cell.phases.compute_s));
    html += row(tr("gather"), formatSeconds(cell.phases.gather_s));
    html += row(tr("shutdown"), formatSeconds(cell.phases.shutdown_s));
    html += u"</table>"_s;
    html += cell.verified ? tr("output verified bit-identical to sequential") : tr("output not verified");
    return html;
}

} // namespace chunkscope::ui

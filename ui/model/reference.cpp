// SPDX-License-Identifier: GPL-3.0-or-later
#include "reference.h"

#include "resultsmodel.h"
#include "session.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/statistics.h"

#include <QFileInfo>

#include <set>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

Reference::Reference(QObject* parent) : QObject(parent), model_(new ResultsModel(this)) {}

void Reference::setFrom(const ResultsModel& model)
{
    source_.clear();
    set(model.machine(), model.results(), model.date());
}

void Reference::set(const MachineInfo& machine, std::vector<CellResult> cells, const QDateTime& date)
{
    cells_ = std::move(cells);
    machine_ = machine;
    date_ = date;
    model_->setResults(machine_, cells_, date_);
    Q_EMIT changed();
}

bool Reference::load(const QString& path, QString* error)
{
    ResultsModel read;
    if (!loadSession(path, read, error))
        return false;
    if (read.rowCount() == 0) {
        if (error)
            *error = tr("%1 holds no results to compare with.").arg(QFileInfo(path).fileName());
        return false;
    }
    set(read.machine(), read.results(), read.date());
    source_ = QFileInfo(path).fileName();
    return true;
}

void Reference::clear()
{
    cells_.clear();
    source_.clear();
    model_->clear();
    Q_EMIT changed();
}

QString Reference::label() const { return shortLabel(MachineInfo{}); }

QString Reference::shortLabel(const MachineInfo& seen) const
{
    if (cells_.empty())
        return {};
    std::set<QString> strategies;
    for (const CellResult& c : cells_)
        if (c.config.strategy != StrategyKind::Sequential && c.config.strategy != StrategyKind::PySequential)
            strategies.insert(qs(to_string(c.config.strategy)));
    QStringList names(strategies.begin(), strategies.end());
    QString text = names.isEmpty() ? qs(to_string(cells_.front().config.strategy)) : names.join(u", "_s);
    const int grid = model_->gridCellsDone();
    if (grid > 1)
        text += u", "_s + tr("%n cells", nullptr, grid);
    if (!source_.isEmpty())
        text += u", "_s + source_;
    const bool same = !seen.cpu_model.empty() && machine_.cpu_model == seen.cpu_model && machine_.logical_cores == seen.logical_cores;
    if (!machine_.cpu_model.empty() && !same)
        text += u", "_s + machineText(machine_);
    else if (same)
        text += u", "_s + tr("same machine");
    if (date_.isValid())
        text += u", "_s + QLocale().toString(date_, QLocale::ShortFormat);
    return text;
}

bool Reference::byStrategy(const ResultsModel& model) const
{
    std::vector<CellResult> ours;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.isGridCell(row))
            ours.push_back(model.result(row));
    return diff_by_strategy(ours, cells_);
}

CellDiff Reference::compare(const CellResult& cell, bool byStrategy) const
{
    return diff_cell(cell, cells_, byStrategy);
}

namespace {

// The reference's median, the ratio and the test, or why there are none.
QString comparisonText(const CellDiff& diff)
{
    if (!diff.b)
        return Reference::tr("the reference has no cell like this one");
    QString text = Reference::tr("reference (%1): %2").arg(qs(to_string(diff.b->config.strategy)), formatSeconds(diff.b->median_s));
    if (diff.ratio <= 0)
        return text + u"; "_s + Reference::tr("one of the two did not run to the end");
    text += u", "_s + Reference::tr("this cell takes <b>%1</b> of its time").arg(formatSpeedup(diff.ratio));
    if (!diff.test)
        return text + u"<br>"_s +
               Reference::tr("too few samples to test the difference (%1 and %2; %3 on each side needed): run more repetitions")
                   .arg(diff.a->samples.size())
                   .arg(diff.b->samples.size())
                   .arg(kMinSamplesForTest);
    const QString p = QString::number(diff.test->p, 'g', 2);
    return text + u"<br>"_s +
           (diff.significant()
                ? Reference::tr("<b>significant</b> (Mann–Whitney U, p = %1 < 0.05, %2 and %3 samples)")
                : Reference::tr("not significant (Mann–Whitney U, p = %1 ≥ 0.05, %2 and %3 samples)"))
               .arg(p)
               .arg(diff.a->samples.size())
               .arg(diff.b->samples.size());
}

} // namespace

QString referenceToolTip(const CellDiff& diff)
{
    QString text = comparisonText(diff);
    // Inputs from another generator: the core's warning, under the comparison.
    if (diff.a && diff.b)
        if (const auto d = generator_difference({diff.a, 1}, {diff.b, 1}))
            text += u"<br>"_s + qs(generator_warning(*d, "this cell", "the reference"));
    return text;
}

} // namespace chunkscope::ui

#include "phasechart.h"

#include "uiformat.h"

#include "chunkscope/results.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

const QColor kPhaseColors[PhaseChart::PhaseCount] = {QColor(0xd6, 0x5f, 0x5f), QColor(0xe8, 0xa2, 0x3c),
                                                     QColor(0x4c, 0x9a, 0x5b), QColor(0x4a, 0x7f, 0xc1),
                                                     QColor(0x8e, 0x6b, 0xb8)};

} // namespace

QColor PhaseChart::phaseColor(int phase) { return kPhaseColors[std::clamp(phase, 0, PhaseCount - 1)]; }

double PhaseChart::phaseSeconds(const Phases& p, int phase)
{
    switch (phase) {
    case 0: return p.startup_s;
    case 1: return p.scatter_s;
    case 2: return p.compute_s;
    case 3: return p.gather_s;
    default: return p.shutdown_s;
    }
}

int PhaseChart::dominantPhase(const Phases& phases)
{
    int best = -1;
    double most = 0;
    for (int i = 0; i < PhaseCount; ++i)
        if (phaseSeconds(phases, i) > most) {
            most = phaseSeconds(phases, i);
            best = i;
        }
    return best;
}

double PhaseChart::dominantShare(const Phases& phases)
{
    const int phase = dominantPhase(phases);
    return phase < 0 || !(phases.total() > 0) ? 0.0 : phaseSeconds(phases, phase) / phases.total();
}

PhaseChart::PhaseChart(QGraphicsItem* parent) : QChart(parent)
{
    series_ = new QHorizontalStackedBarSeries(this);
    for (int i = 0; i < PhaseCount; ++i) {
        sets_[i] = new QBarSet(phaseName(i), series_);
        sets_[i]->setColor(kPhaseColors[i]);
        sets_[i]->setBorderColor(kPhaseColors[i].darker(130));
        sets_[i]->append(0.0);
        series_->append(sets_[i]);
    }
    series_->setBarWidth(0.6);
    addSeries(series_);
    categories_ = new QBarCategoryAxis(this);
    categories_->append(tr("run"));
    addAxis(categories_, Qt::AlignLeft);
    series_->attachAxis(categories_);
    axis_ = new QValueAxis(this);
    axis_->setTitleText(tr("milliseconds"));
    axis_->setLabelFormat(u"%.3g"_s);
    addAxis(axis_, Qt::AlignBottom);
    series_->attachAxis(axis_);
    legend()->setAlignment(Qt::AlignBottom);
    setTitle(tr("Where the time goes"));
    connect(series_, &QHorizontalStackedBarSeries::hovered, this, [this](bool status, int, QBarSet* set) {
        if (!status) {
            QToolTip::hideText();
            return;
        }
        for (int i = 0; i < PhaseCount; ++i)
            if (sets_[i] == set)
                QToolTip::showText(QCursor::pos(), u"<b>"_s + phaseName(i) + u"</b>: "_s +
                                                       formatSeconds(set->at(0) / 1000.0) + u"<br>"_s +
                                                       phaseExplanation(i));
    });
    setCell(nullptr);
}

QString PhaseChart::phaseName(int phase)
{
    switch (phase) {
    case 0: return tr("startup");
    case 1: return tr("scatter");
    case 2: return tr("compute");
    case 3: return tr("gather");
    default: return tr("shutdown");
    }
}

QString PhaseChart::phaseExplanation(int phase)
{
    switch (phase) {
    case 0: return tr("creating the pool: forking processes or starting threads");
    case 1: return tr("sending the input to the workers (pickling and pipes for processes)");
    case 2: return tr("waiting while the workers apply the function");
    case 3: return tr("receiving the results and joining them into the output");
    default: return tr("tearing the pool down: ending and reaping the workers");
    }
}

QString PhaseChart::explanationsHtml()
{
    QString html;
    for (int i = 0; i < PhaseCount; ++i)
        html += u"<span style=\"color:"_s + kPhaseColors[i].name() + u"\">■</span> <b>"_s + phaseName(i) +
                u"</b>: "_s + phaseExplanation(i) + (i + 1 < PhaseCount ? u"<br>"_s : QString());
    return html;
}

void PhaseChart::setCell(const CellResult* cell)
{
    const bool ok = cell && cell->status == Status::Ok;
    double total = 0;
    for (int i = 0; i < PhaseCount; ++i) {
        const double ms = ok ? phaseSeconds(cell->phases, i) * 1000.0 : 0.0;
        sets_[i]->replace(0, ms);
        sets_[i]->setLabel(ok ? tr("%1 %2").arg(phaseName(i), formatSeconds(ms / 1000.0)) : phaseName(i));
        total += ms;
    }
    axis_->setRange(0, total > 0 ? total * 1.02 : 1.0);
    setTitle(ok ? tr("Where the time goes: %1 in all").arg(formatSeconds(total / 1000.0))
                : tr("Where the time goes: select a cell that has run"));
}

} // namespace chunkscope::ui

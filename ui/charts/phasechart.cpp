// SPDX-License-Identifier: GPL-3.0-or-later
#include "phasechart.h"

#include "uiformat.h"

#include "chunkscope/results.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <array>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// Indexed by Phase.
const std::array<QColor, kPhaseCount> kPhaseColors{QColor(0xd6, 0x5f, 0x5f), QColor(0xe8, 0xa2, 0x3c),
                                                   QColor(0x4c, 0x9a, 0x5b), QColor(0x4a, 0x7f, 0xc1),
                                                   QColor(0x8e, 0x6b, 0xb8)};

} // namespace

QColor PhaseChart::phaseColor(Phase phase) { return kPhaseColors[static_cast<std::size_t>(phase)]; }

PhaseChart::PhaseChart(QGraphicsItem* parent) : QChart(parent)
{
    series_ = new QHorizontalStackedBarSeries(this);
    for (Phase p : kAllPhases) {
        auto* set = new QBarSet(phaseName(p), series_);
        set->setColor(phaseColor(p));
        set->setBorderColor(phaseColor(p).darker(130));
        set->append(0.0);
        series_->append(set);
        sets_[static_cast<std::size_t>(p)] = set;
    }
    series_->setBarWidth(0.6);
    addSeries(series_);
    categories_ = new QBarCategoryAxis(this);
    categories_->append(tr("run"));
    categories_->setReverse(true);   // the measured bar on top, its floor under it
    addAxis(categories_, Qt::AlignLeft);
    series_->attachAxis(categories_);
    axis_ = new QValueAxis(this);
    axis_->setTitleText(tr("milliseconds"));
    axis_->setLabelFormat(u"%.3g"_s);
    addAxis(axis_, Qt::AlignBottom);
    series_->attachAxis(axis_);
    legend()->setAlignment(Qt::AlignBottom);
    setTitle(tr("Where the time goes"));
    connect(series_, &QHorizontalStackedBarSeries::hovered, this, [this](bool status, int bar, QBarSet* set) {
        if (!status) {
            QToolTip::hideText();
            return;
        }
        for (Phase p : kAllPhases)
            if (phaseSet(p) == set)
                QToolTip::showText(QCursor::pos(), barToolTip(p, bar));
    });
    setCell(nullptr);
}

// The core's words, shown as they are (the CLI prints the same ones).
QString PhaseChart::phaseName(Phase phase) { return qs(to_string(phase)); }

QString PhaseChart::phaseExplanation(Phase phase) { return qs(describe(phase)); }

QString PhaseChart::explanationsHtml()
{
    QString html;
    for (Phase p : kAllPhases)
        html += (html.isEmpty() ? QString() : u"<br>"_s) + u"<span style=\"color:"_s + phaseColor(p).name() +
                u"\">■</span> <b>"_s + phaseName(p) + u"</b>: "_s + phaseExplanation(p);
    return html;
}

QString PhaseChart::barToolTip(Phase p, int bar) const
{
    const double measured = measured_[p];
    QString text = u"<b>"_s + phaseName(p) + u"</b>: "_s;
    if (bar == kFloorBar && floor_) {
        const double floor = floor_->phases[p];
        text += tr("its own floor %1 (measured %2").arg(formatSeconds(floor), formatSeconds(measured));
        text += floor > 0 ? tr(", %1× its floor)").arg(measured / floor, 0, 'f', 2) : tr(")");
        text += u"<br>"_s + tr("The fastest this phase could be with the strategy's own mechanism, from the costs "
                               "measured on this machine: %1").arg(qs(own_floor_model_text()).toHtmlEscaped());
        return text;
    }
    text += formatSeconds(measured);
    if (floor_ && floor_->phases[p] > 0)
        text += tr(" (its own floor %1)").arg(formatSeconds(floor_->phases[p]));
    return text + u"<br>"_s + phaseExplanation(p);
}

void PhaseChart::setCell(const CellResult* cell, const std::optional<OwnFloor>& floor)
{
    const bool ok = cell && cell->status == Status::Ok;
    floor_ = ok && floor && floor->modelled() ? floor : std::nullopt;
    measured_ = ok ? cell->phases : Phases{};
    model_ = ok ? cell->config.strategy : StrategyKind::Sequential;
    categories_->clear();
    categories_->append(tr("measured"));
    if (floor_)
        categories_->append(tr("own floor"));
    double total = 0;
    for (Phase p : kAllPhases) {
        QBarSet* set = phaseSet(p);
        const double ms = measured_[p] * 1000.0;
        set->replace(kMeasuredBar, ms);
        if (floor_ && set->count() == 1)
            set->append(floor_->phases[p] * 1000.0);
        else if (floor_)
            set->replace(kFloorBar, floor_->phases[p] * 1000.0);
        else if (set->count() > 1)
            set->remove(kFloorBar, set->count() - 1);
        // The floor's bar in the phase's paler colour.
        set->setSelectedColor(phaseColor(p).lighter(150));
        set->deselectAllBars();
        if (floor_)
            set->selectBar(kFloorBar);
        set->setLabel(ok ? tr("%1 %2").arg(phaseName(p), formatSeconds(ms / 1000.0)) : phaseName(p));
        total += ms;
    }
    const double floor_ms = floor_ ? floor_->phases.total() * 1000.0 : 0.0;
    axis_->setRange(0, std::max(total, floor_ms) > 0 ? std::max(total, floor_ms) * 1.02 : 1.0);
    if (!ok)
        setTitle(tr("Where the time goes: select a cell that has run"));
    else if (floor_)
        setTitle(tr("Where the time goes: %1 in all; its own floor %2 (%3× it)")
                     .arg(formatSeconds(total / 1000.0), formatSeconds(floor_->total_s))
                     .arg(total / 1000.0 / floor_->total_s, 0, 'f', 2));
    else
        setTitle(tr("Where the time goes: %1 in all").arg(formatSeconds(total / 1000.0)));
}

std::string_view PhaseChart::own_floor_model_text() const { return own_floor_model(model_); }

} // namespace chunkscope::ui

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
        for (Phase p : kAllPhases)
            if (phaseSet(p) == set)
                QToolTip::showText(QCursor::pos(), u"<b>"_s + phaseName(p) + u"</b>: "_s +
                                                       formatSeconds(set->at(0) / 1000.0) + u"<br>"_s +
                                                       phaseExplanation(p));
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

void PhaseChart::setCell(const CellResult* cell)
{
    const bool ok = cell && cell->status == Status::Ok;
    double total = 0;
    for (Phase p : kAllPhases) {
        const double ms = ok ? cell->phases[p] * 1000.0 : 0.0;
        phaseSet(p)->replace(0, ms);
        phaseSet(p)->setLabel(ok ? tr("%1 %2").arg(phaseName(p), formatSeconds(ms / 1000.0)) : phaseName(p));
        total += ms;
    }
    axis_->setRange(0, total > 0 ? total * 1.02 : 1.0);
    setTitle(ok ? tr("Where the time goes: %1 in all").arg(formatSeconds(total / 1000.0))
                : tr("Where the time goes: select a cell that has run"));
}

} // namespace chunkscope::ui

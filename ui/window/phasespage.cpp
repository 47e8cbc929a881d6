// SPDX-License-Identifier: GPL-3.0-or-later
#include "phasespage.h"

#include "cellcoloring.h"
#include "chartview.h"
#include "phasechart.h"
#include "resultsmodel.h"
#include "timelineview.h"
#include "uiformat.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

PhasesPage::PhasesPage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    selectionLabel_ = new QLabel(this);
    selectionLabel_->setObjectName(u"selectedCell"_s);
    selectionLabel_->setWordWrap(true);
    selectionLabel_->setStyleSheet(u"QLabel { background: #eef3fb; border-bottom: 1px solid #c8d4e8; "
                                   "padding: 5px 10px; }"_s);
    layout->addWidget(selectionLabel_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 8, 0);
    phaseChart_ = new PhaseChart;
    auto* phaseView = makeChartView(phaseChart_, u"phaseView"_s, top);
    phaseView->setMinimumHeight(200);
    topLayout->addWidget(phaseView, 3);
    auto* explanation = new QLabel(PhaseChart::explanationsHtml(), top);
    explanation->setObjectName(u"phaseNotes"_s);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::RichText);
    explanation->setMaximumWidth(360);
    topLayout->addWidget(explanation, 1);
    splitter->addWidget(top);
    timeline_ = new TimelineView(splitter);
    timeline_->setObjectName(u"timeline"_s);
    timeline_->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(timeline_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    setCell(nullptr);
}

void PhasesPage::setCell(const CellResult* cell, const std::optional<OwnFloor>& floor)
{
    phaseChart_->setCell(cell, floor);
    timeline_->setCell(cell);
    if (!cell) {
        selectionLabel_->setText(tr("No cell selected: run something, then click a heatmap cell or a row of the "
                                    "results to see where its time goes."));
        return;
    }
    const auto [splits, chunks] = grid_point(cell->config);
    QString text = u"<b>"_s + experimentTitle(cell->config).toHtmlEscaped() + u"</b> · "_s +
                   tr("splits %1 × chunksize %2").arg(formatCount(splits), formatCount(chunks));
    if (cell->status == Status::Ok) {
        text += u" · "_s + tr("median %1").arg(formatSeconds(cell->median_s));
        if (has_spread(*cell) && cell->cv > CellColoring::kUnstableCv)
            text += u" · <b>"_s + tr("unstable (CV %1 %)").arg(cell->cv * 100, 0, 'f', 0) + u"</b>"_s;
        text += u" · "_s + (cell->events.size() == 1 ? tr("1 task in the timeline (the last repetition)")
                                                      : tr("%1 tasks in the timeline (the last repetition)")
                                                            .arg(cell->events.size()));
    } else {
        text += u" · "_s + qs(to_string(cell->status));
    }
    selectionLabel_->setText(text);
}

} // namespace chunkscope::ui

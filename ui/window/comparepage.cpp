// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparepage.h"

#include "chartview.h"
#include "comparechart.h"
#include "speedlimitpanel.h"
#include "strategynotes.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ComparePage::ComparePage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 8, 0);
    chart_ = new CompareChart;
    view_ = makeChartView(chart_, u"compareView"_s, this);
    row->addWidget(view_, 3);

    notes_ = new QLabel(strategyNotesHtml(), this);
    notes_->setObjectName(u"strategyNotes"_s);
    notes_->setWordWrap(true);
    notes_->setTextFormat(Qt::RichText);
    notes_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    notes_->setContentsMargins(6, 10, 6, 6);
    // As wide as the scroll area, whatever the font (presentation mode's): it wraps, never cuts.
    notes_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(notes_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMaximumWidth(380);
    scroll->setMinimumWidth(240);
    row->addWidget(scroll, 1);
    layout->addLayout(row, 1);

    speedPanel_ = new SpeedLimitPanel(this);
    layout->addWidget(speedPanel_);
}

} // namespace chunkscope::ui

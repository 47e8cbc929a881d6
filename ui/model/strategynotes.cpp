// SPDX-License-Identifier: GPL-3.0-or-later
#include "strategynotes.h"

#include "uiformat.h"

#include "chunkscope/ownfloor.h"
#include "chunkscope/registry.h"

#include <QCoreApplication>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::StrategyNotes", text); }

} // namespace

QString strategyLesson(StrategyKind strategy)
{
    // The lesson lives with its family (core/src/strategies/<family>/<family>facts.h), reached
    // through the registry; translated here, in the notes' context (tr above).
    return tr(strategy_info(strategy).facts->lesson.data());
}

QColor strategyBarColor() { return QColor(0x4a, 0x7f, 0xc1); }

QString strategyNoteHtml(StrategyKind strategy)
{
    // As PhaseChart::explanationsHtml: a square in the colour of the bars, the name in bold.
    return u"<span style=\"color:"_s + strategyBarColor().name() + u"\">■</span> <b>"_s +
           qs(to_string(strategy)) + u"</b>: "_s + qs(describe(strategy)).toHtmlEscaped() + u".<br><i>"_s +
           tr("Why:") + u"</i> "_s + strategyLesson(strategy).toHtmlEscaped();
}

QString strategyNotesHtml()
{
    QString html;
    for (StrategyKind s : all_strategies())
        html += u"<p style=\"margin-bottom:6px\">"_s + strategyNoteHtml(s) + u"</p>"_s;
    return html;
}

} // namespace chunkscope::ui

#include "strategynotes.h"

#include "uiformat.h"

#include <QCoreApplication>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::StrategyNotes", text); }

} // namespace

QString strategyLesson(StrategyKind strategy)
{
    switch (strategy) {
    case StrategyKind::Sequential:
        return tr("No overhead, one core: the baseline every speedup is measured against.");
    case StrategyKind::ForkItems:
        return tr("With small chunks every task is a message through a pipe, so the cost per task (pickling in "
                  "Python, system calls here) dominates: the chunksize decides everything.");
    case StrategyKind::ForkSplit:
        return tr("The input goes to the workers and the output comes back through pipes, 16 bytes per item: "
                  "scatter and gather, memory copies, take the time, not the math.");
    case StrategyKind::ForkShm:
        return tr("Nothing is copied: the time goes to starting processes and to each new process's first touch of "
                  "every page of shared memory. That shows as compute: 0.13 to 0.22 s with a fresh pool here, "
                  "about 20 ms warm.");
    case StrategyKind::Threads:
        return tr("No copies and no new address space: only the queue and the balance of the load cost, so it "
                  "comes closest to the floor.");
    case StrategyKind::Tbb:
        return tr("Work stealing balances the load by itself; the grain size (chunksize) trades scheduling "
                  "overhead against balance.");
    }
    return {};
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

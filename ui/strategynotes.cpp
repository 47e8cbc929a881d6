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
        return tr("Every task is a message through a pipe, so the cost per task (pickling in Python, system calls "
                  "here) dwarfs the math: the chunksize decides everything.");
    case StrategyKind::ForkSplit:
        return tr("The input goes to the workers and the output comes back through pipes, 16 bytes per item: "
                  "scatter and gather, memory copies, take the time, not the math.");
    case StrategyKind::ForkShm:
        return tr("Nothing is copied. What is left is starting processes, and each new process paying for its "
                  "first touch of every page of the shared memory.");
    case StrategyKind::Threads:
        return tr("No copies and no new address space: only the queue and the balance of the load cost, so it "
                  "comes closest to the floor.");
    case StrategyKind::Tbb:
        return tr("Work stealing balances the load by itself; the grain size (chunksize) trades scheduling "
                  "overhead against balance.");
    }
    return {};
}

QString strategyNoteHtml(StrategyKind strategy)
{
    return u"<b>"_s + qs(to_string(strategy)) + u"</b>: "_s + qs(describe(strategy)).toHtmlEscaped() +
           u".<br><i>"_s + tr("Why:") + u"</i> "_s + strategyLesson(strategy).toHtmlEscaped();
}

QString strategyNotesHtml()
{
    QString html;
    for (StrategyKind s : all_strategies())
        html += u"<p style=\"margin-bottom:6px\">"_s + strategyNoteHtml(s) + u"</p>"_s;
    return html;
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
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
                  "scatter and gather take the time, not the math. A large task's items go out by vmsplice (the "
                  "pipe takes the input's pages, not a copy), so the gather, copied both ways, weighs most.");
    case StrategyKind::ForkShm:
        return tr("Nothing is copied: the time goes to starting processes and to each new process's first touch of "
                  "every page of shared memory, which shows as compute; a warm pool has touched them already.");
    case StrategyKind::Threads:
        return tr("No copies and no new address space: only the queue and the balance of the load cost, so it "
                  "comes closest to the floor.");
    case StrategyKind::Tbb:
        return tr("Work stealing balances the load by itself; the grain size (chunksize) trades scheduling "
                  "overhead against balance.");
    case StrategyKind::PySequential:
        return tr("NumPy's own loop on one core: the Python baseline; its exp allocates the output as it goes.");
    case StrategyKind::PyItems:
        return tr("Every item is pickled to a worker and back, one Python object at a time: the per-item cost of "
                  "pickling dwarfs the arithmetic, which is why the tutorial found it slower than sequential.");
    case StrategyKind::PySplit:
        return tr("Whole parts are pickled through pipes, so the per-item cost is gone but every byte still "
                  "travels twice: scatter and gather dominate, as in fork-split.");
    case StrategyKind::PyShm:
        return tr("Only names and indices are pickled; the time goes to making the segment, copying the vector in "
                  "and out, and the workers' first touch of its pages.");
    case StrategyKind::PyThreads:
        return tr("NumPy releases the GIL inside exp, so threads compute in parallel on one copy of the data: "
                  "the fix the tutorial points to.");
    case StrategyKind::PyNumexpr:
        return tr("numexpr compiles the expression and runs it in blocks on its own threads: no pickling, no "
                  "processes, its own vectorised math (so the last bits may differ from numpy's).");
    case StrategyKind::PyNumba:
        return tr("numba compiles the loop to machine code and runs prange over threads: no interpreter in the "
                  "loop, its own math library (so the last bits may differ from numpy's).");
    case StrategyKind::Mpi:
        return tr("Every part travels to a worker rank and back, as in fork-split, but Open MPI moves it with one "
                  "copy where pipes take two; a fresh pool also pays for mpirun and MPI_Init.");
    case StrategyKind::MpiDistributed:
        return tr("Nothing but timings and checksums travels: each rank makes and computes its own slice, so it "
                  "scales like threads, and with more machines the vector can outgrow one machine's memory.");
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

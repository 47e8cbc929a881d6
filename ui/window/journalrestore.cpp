// SPDX-License-Identifier: GPL-3.0-or-later
#include "journalrestore.h"

#include "heatmappage.h"
#include "journalfiles.h"
#include "runcoordinator.h"
#include "uiformat.h"

#include "chunkscope/format.h"

#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

JournalRestore::JournalRestore(RunCoordinator* runs, HeatmapPage* page, QObject* parent)
    : QObject(parent), runs_(runs)
{
    bar_ = new QFrame;
    bar_->setObjectName(u"journalBar"_s);
    bar_->setStyleSheet(u"QFrame#journalBar { background: #fff6d9; border-bottom: 1px solid #e0c870; }"_s);
    auto* layout = new QHBoxLayout(bar_);
    layout->setContentsMargins(10, 4, 10, 4);
    text_ = new QLabel;
    text_->setWordWrap(true);
    restore_ = new QPushButton(tr("Restore"));
    restore_->setObjectName(u"restoreJournal"_s);
    auto* discard = new QPushButton(tr("Discard"));
    discard->setObjectName(u"discardJournal"_s);
    layout->addWidget(text_, 1);
    layout->addWidget(restore_);
    layout->addWidget(discard);
    connect(restore_, &QPushButton::clicked, this, &JournalRestore::restore);
    connect(discard, &QPushButton::clicked, this, &JournalRestore::discard);
    page->addLine(bar_);
    offerNext();
}

void JournalRestore::offerNext()
{
    offered_.clear();
    for (const QString& path : unfinishedJournals()) {
        if (path != runs_->journalPath()) {
            offered_ = path;
            break;
        }
    }
    bar_->setVisible(!offered_.isEmpty());
    if (offered_.isEmpty())
        return;
    const Journal j = readJournal(offered_);
    const QString started = QLocale().toString(QFileInfo(offered_).lastModified(), QLocale::ShortFormat);
    restore_->setEnabled(j.error.empty());
    if (!j.error.empty()) {
        text_->setText(tr("The journal of an unfinished sweep, %1, cannot be restored: %2")
                           .arg(QDir::toNativeSeparators(offered_), QString::fromStdString(j.error)));
        return;
    }
    const RunConfig& base = j.header.spec.base;
    const std::size_t total = sweep_cells(j.header.spec).size();
    const std::size_t missing = missing_cells(j).size();
    text_->setText(tr("A sweep did not finish (last written %1): %2 on %3 items, %4 of its %5 cells are in its "
                      "journal. Restore them and run the %6 missing?")
                       .arg(started, qs(to_string(base.strategy)), qs(format_size(base.workload.size)))
                       .arg(total - missing)
                       .arg(total)
                       .arg(missing));
}

void JournalRestore::restore()
{
    if (offered_.isEmpty())
        return;
    QString error;
    if (!runs_->resumeSweep(offered_, &error)) {
        Q_EMIT message(error, 0);
        text_->setText(error);
        return;
    }
    offerNext();
}

void JournalRestore::discard()
{
    removeJournal(offered_);
    offerNext();
}

} // namespace chunkscope::ui

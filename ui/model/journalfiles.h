// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the window keeps the journals of its sweeps (journal.h): one file per sweep in the
// user's data folder (QStandardPaths::AppDataLocation/journals/<started>.jsonl), written as
// each cell finishes and removed when the sweep ends or is cancelled. A journal still there when
// the window starts is a sweep that a crash, a kill or a power cut interrupted.

#include "chunkscope/journal.h"
#include "chunkscope/journalwriter.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace chunkscope::ui {

// The folder of the journals (made when a journal is).
QString journalFolder();
// A new journal for spec, measured on machine; nothing (and *error) when it cannot be made.
std::shared_ptr<JournalWriter> createJournal(const SweepSpec& spec, const MachineInfo& machine, QString* error);
// Appends to journal, read from path (its cut-short last line cut off first).
std::shared_ptr<JournalWriter> resumeJournal(const QString& path, const Journal& journal, QString* error);
// The journals left in the folder, newest first.
QStringList unfinishedJournals();
// The journal at path, read whole (error set when it cannot be).
Journal readJournal(const QString& path);
void removeJournal(const QString& path);

} // namespace chunkscope::ui

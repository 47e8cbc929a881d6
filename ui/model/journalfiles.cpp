// SPDX-License-Identifier: GPL-3.0-or-later
#include "journalfiles.h"

#include "chunkscope/inputfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <fstream>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::Journal", text); }

} // namespace

QString journalFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/journals"_s;
}

std::shared_ptr<JournalWriter> createJournal(const SweepSpec& spec, const MachineInfo& machine, QString* error)
{
    const QString folder = journalFolder();
    if (!QDir().mkpath(folder)) {
        *error = tr("Could not make the folder %1.").arg(QDir::toNativeSeparators(folder));
        return nullptr;
    }
    const QString name = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    std::string why;
    std::shared_ptr<JournalWriter> writer =
        JournalWriter::create(QFile::encodeName(folder + u'/' + name + u".jsonl"_s).toStdString(),
                              journal_header(spec, machine), &why);
    if (!writer)
        *error = QString::fromStdString(why);
    return writer;
}

std::shared_ptr<JournalWriter> resumeJournal(const QString& path, const Journal& journal, QString* error)
{
    std::string why;
    std::shared_ptr<JournalWriter> writer = JournalWriter::resume(QFile::encodeName(path).toStdString(), journal, &why);
    if (!writer)
        *error = QString::fromStdString(why);
    return writer;
}

QStringList unfinishedJournals()
{
    const QFileInfoList files =
        QDir(journalFolder()).entryInfoList({u"*.jsonl"_s}, QDir::Files, QDir::Name | QDir::Reversed);
    QStringList paths;
    for (const QFileInfo& f : files)
        paths << f.absoluteFilePath();
    return paths;
}

Journal readJournal(const QString& path)
{
    std::ifstream in;
    if (const std::string problem = open_input_file(QFile::encodeName(path).toStdString(), in); !problem.empty()) {
        Journal j;
        j.error = tr("cannot be opened").toStdString() + " (" + problem + ")";
        return j;
    }
    return read_journal(in);
}

void removeJournal(const QString& path)
{
    if (!path.isEmpty())
        QFile::remove(path);
}

} // namespace chunkscope::ui

#include "classfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>
#include <vector>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ClassResults readClassResults(const QStringList& paths)
{
    QStringList files;
    std::vector<std::pair<QString, QString>> emptyFolders;   // path, why
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            files.append(path);
            continue;
        }
        const QFileInfoList reports =
            QDir(path).entryInfoList({u"*.json"_s}, QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo& f : reports)
            files.append(f.filePath());
        if (reports.isEmpty())
            emptyFolders.emplace_back(path, QCoreApplication::translate("chunkscope::ui::ClassFiles",
                                                                        "the folder holds no .json report"));
    }
    std::vector<std::string> native;
    for (const QString& f : files)
        native.push_back(QFile::encodeName(f).toStdString());
    ClassResults c = read_class(native);
    // Short names where they are unique: a projector has no room for /home/teacher/....
    for (std::size_t i = 0; i < c.reports.size(); ++i) {
        const QString name = QFileInfo(files[static_cast<qsizetype>(i)]).fileName();
        int same = 0;
        for (const QString& f : files)
            same += QFileInfo(f).fileName() == name ? 1 : 0;
        c.reports[i].name = (same == 1 ? name : QDir::toNativeSeparators(files[static_cast<qsizetype>(i)])).toStdString();
    }
    for (const auto& [path, why] : emptyFolders) {
        ClassReport r;
        r.name = QDir::toNativeSeparators(path).toStdString();
        r.report.error = why.toStdString();
        c.unreadable.push_back(c.reports.size());
        c.reports.push_back(std::move(r));
    }
    return c;
}

} // namespace chunkscope::ui

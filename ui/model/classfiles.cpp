// SPDX-License-Identifier: GPL-3.0-or-later
#include "classfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <vector>

namespace chunkscope::ui {

ClassResults readClassResults(const QStringList& paths)
{
    std::vector<std::string> native;
    for (const QString& p : paths)
        native.push_back(QFile::encodeName(p).toStdString());
    ClassResults c = read_class(native);
    // Short names where they are unique: a projector has no room for /home/teacher/....
    QStringList files;
    for (const ClassReport& r : c.reports)
        files.append(QFile::decodeName(QByteArray::fromStdString(r.name)));
    for (std::size_t i = 0; i < c.reports.size(); ++i) {
        const QString& file = files[static_cast<qsizetype>(i)];
        const QString name = QFileInfo(file).fileName();
        const bool unique = std::count_if(files.begin(), files.end(),
                                          [&](const QString& f) { return QFileInfo(f).fileName() == name; }) == 1;
        c.reports[i].name = (unique && !name.isEmpty() ? name : QDir::toNativeSeparators(file)).toStdString();
    }
    return c;
}

} // namespace chunkscope::ui

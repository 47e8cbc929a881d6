// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The files of a class's results, as a teacher names them (several reports, or a folder of
// them), read and grouped by the core (classresults.h) for the class view.

#include "chunkscope/classresults.h"

#include <QString>
#include <QStringList>

namespace chunkscope::ui {

// read_class (each path a report, or a folder of them), the reports named by their file name
// (by the path where two share one).
ClassResults readClassResults(const QStringList& paths);

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the experiment panel keeps between sessions: its config and its sweep grid as typed,
// under the settings group "experiment". A key that is missing or does not parse keeps the
// value it had.

#include "chunkscope/config.h"

#include <QString>

class QSettings;

namespace chunkscope::ui {

struct ExperimentState {
    // As the controls show it: chunksize_auto and splits_auto are the boxes' ticks, also where the
    // strategy has no chunksize or no chunk rule of its own.
    RunConfig config;
    QString sweepSplits;
    QString sweepChunks;

    void save(QSettings& settings) const;
    void restore(QSettings& settings);
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Setting the window's panel up for a small experiment, as a person would with its controls.

#include "experimentpanel.h"
#include "labeledslider.h"
#include "mainwindow.h"
#include "sizeslider.h"

#include "chunkscope/config.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

namespace testcells {

// Long enough for a sweep of the tutorial's Python on a loaded machine.
constexpr int kRunTimeout = 120'000;

inline void setUp(chunkscope::ui::MainWindow& w, chunkscope::StrategyKind strategy, quint64 size,
                  const QString& splits, const QString& chunks, int repeats = 1)
{
    chunkscope::ui::ExperimentPanel* p = w.panel();
    p->strategyBox()->setCurrentIndex(p->strategyBox()->findData(int(strategy)));
    p->sizeSlider()->setValue(size);
    p->workersSlider()->setValue(2);
    p->repeatsSlider()->setValue(repeats);
    p->findChild<QSpinBox*>(QStringLiteral("warmupBox"))->setValue(0);
    p->splitsListEdit()->setText(splits);
    p->chunksListEdit()->setText(chunks);
}

} // namespace testcells

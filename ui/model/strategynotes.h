// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What each strategy does and, for a class, why it wins or loses: where its time goes.

#include "chunkscope/config.h"

#include <QColor>
#include <QString>

namespace chunkscope::ui {

// One or two sentences on where the strategy's time goes, from what Chunkscope measures.
QString strategyLesson(StrategyKind strategy);
// The colour of every strategy's bar in the comparison chart, and of the square before its note.
QColor strategyBarColor();
// The strategy's name in bold, what it does and why it wins or loses, as rich text.
QString strategyNoteHtml(StrategyKind strategy);
// Every strategy's note, in the order of all_strategies().
QString strategyNotesHtml();

} // namespace chunkscope::ui

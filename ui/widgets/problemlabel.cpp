// SPDX-License-Identifier: GPL-3.0-or-later
#include "problemlabel.h"

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ProblemLabel::ProblemLabel(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setStyleSheet(u"color: #b00020;"_s);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void ProblemLabel::showProblem(const QString& text)
{
    setText(text);
    setVisible(!text.isEmpty());
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Why a field's value cannot run, in red under the field; hidden while there is nothing to say.

#include <QLabel>

namespace chunkscope::ui {

class ProblemLabel : public QLabel {
    Q_OBJECT
public:
    explicit ProblemLabel(QWidget* parent = nullptr);

    // Shows text, or hides the label when text is empty.
    void showProblem(const QString& text);
};

} // namespace chunkscope::ui

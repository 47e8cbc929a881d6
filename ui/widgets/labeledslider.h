// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A slider with an editable spin box beside it. On a powers-of-two scale the slider moves
// through 1, 2, 4, ... and the box takes any whole number typed (its arrows double and halve).

#include <QWidget>

class QSlider;
class QSpinBox;

namespace chunkscope::ui {

class LabeledSlider : public QWidget {
    Q_OBJECT
public:
    enum class Scale { Linear, PowersOfTwo };

    explicit LabeledSlider(Scale scale, QWidget* parent = nullptr);

    int value() const;
    void setValue(int value);
    // Linear: the slider and the box cover [minimum, maximum]. Powers of two: the slider covers
    // the powers of two in [minimum, maximum]; the box takes up to boxMaximum.
    void setRange(int minimum, int maximum, int boxMaximum = 0);
    Scale scale() const { return scale_; }

    QSlider* slider() const { return slider_; }
    QSpinBox* spinBox() const { return spin_; }
    void setToolTips(const QString& text);

Q_SIGNALS:
    void valueChanged(int value);

private:
    void onSlider(int position);
    void onSpin(int value);
    int positionFor(int value) const;

    Scale scale_;
    QSlider* slider_;
    QSpinBox* spin_;
};

} // namespace chunkscope::ui

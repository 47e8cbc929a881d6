// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The vector size: a logarithmic slider over round values from 1K to what memory allows, and
// an editable box beside it ("10M · 80 MB") that takes any exact size.

#include <QWidget>

#include <vector>

class QSlider;

namespace chunkscope::ui {

class SizeSpinBox;

class SizeSlider : public QWidget {
    Q_OBJECT
public:
    explicit SizeSlider(QWidget* parent = nullptr);

    quint64 value() const;
    void setValue(quint64 items);
    // The slider's range; the box takes any size (validation explains what does not fit).
    void setSliderRange(quint64 minimum, quint64 maximum);
    quint64 sliderMaximum() const;

    QSlider* slider() const { return slider_; }
    SizeSpinBox* spinBox() const { return spin_; }
    void setToolTips(const QString& text);

Q_SIGNALS:
    void valueChanged(quint64 items);

private:
    void onSlider(int position);
    void onSpin(quint64 items);
    int positionFor(quint64 items) const;

    QSlider* slider_;
    SizeSpinBox* spin_;
    std::vector<quint64> steps_;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "labeledslider.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>

namespace chunkscope::ui {

namespace {

// Arrows double and halve; typing takes any whole number.
class DoublingSpinBox final : public QSpinBox {
public:
    using QSpinBox::QSpinBox;
    void stepBy(int steps) override
    {
        long long v = value();
        for (; steps > 0; --steps)
            v = std::bit_floor(static_cast<unsigned long long>(std::max(1LL, v))) * 2;
        for (; steps < 0; ++steps) {
            const auto floor = static_cast<long long>(std::bit_floor(static_cast<unsigned long long>(std::max(1LL, v))));
            v = floor == v ? v / 2 : floor;
        }
        setValue(static_cast<int>(std::clamp<long long>(v, minimum(), maximum())));
        selectAll();
    }
};

int log2Floor(int v) { return v <= 1 ? 0 : static_cast<int>(std::bit_width(static_cast<unsigned>(v))) - 1; }

} // namespace

LabeledSlider::LabeledSlider(Scale scale, QWidget* parent)
    : QWidget(parent), scale_(scale), slider_(new QSlider(Qt::Horizontal, this)),
      spin_(scale == Scale::PowersOfTwo ? new DoublingSpinBox(this) : new QSpinBox(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(slider_, 1);
    layout->addWidget(spin_);
    spin_->setKeyboardTracking(false);
    spin_->setAccelerated(true);
    spin_->setMinimumWidth(spin_->fontMetrics().horizontalAdvance(QStringLiteral("0000000000")));
    slider_->setPageStep(1);
    connect(slider_, &QSlider::valueChanged, this, &LabeledSlider::onSlider);
    connect(spin_, &QSpinBox::valueChanged, this, &LabeledSlider::onSpin);
}

int LabeledSlider::value() const { return spin_->value(); }

void LabeledSlider::setValue(int value) { spin_->setValue(value); }

void LabeledSlider::setRange(int minimum, int maximum, int boxMaximum)
{
    const QSignalBlocker blockSlider(slider_);
    const int current = spin_->value();
    if (scale_ == Scale::Linear) {
        slider_->setRange(minimum, maximum);
        slider_->setPageStep(std::max(1, (maximum - minimum) / 10));
        spin_->setRange(minimum, maximum);
    } else {
        slider_->setRange(log2Floor(std::max(1, minimum)), log2Floor(std::max(1, maximum)));
        spin_->setRange(minimum, std::max(maximum, boxMaximum));
    }
    slider_->setValue(positionFor(spin_->value()));
    if (spin_->value() != current)
        Q_EMIT valueChanged(spin_->value());
}

void LabeledSlider::setToolTips(const QString& text)
{
    setToolTip(text);
    slider_->setToolTip(text);
    spin_->setToolTip(text);
}

int LabeledSlider::positionFor(int value) const
{
    if (scale_ == Scale::Linear)
        return value;
    // The nearest power of two on a log scale.
    return static_cast<int>(std::lround(std::log2(std::max(1, value))));
}

void LabeledSlider::onSlider(int position)
{
    spin_->setValue(scale_ == Scale::Linear ? position : (position >= 30 ? INT_MAX : 1 << position));
}

void LabeledSlider::onSpin(int value)
{
    {
        const QSignalBlocker block(slider_);
        slider_->setValue(positionFor(value));
    }
    Q_EMIT valueChanged(value);
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "sizeslider.h"

#include "sizespinbox.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

SizeSlider::SizeSlider(QWidget* parent) : QWidget(parent), slider_(new QSlider(Qt::Horizontal, this)), spin_(new SizeSpinBox(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(slider_, 1);
    layout->addWidget(spin_);
    slider_->setObjectName(QStringLiteral("sizeSlider"));
    spin_->setObjectName(QStringLiteral("sizeSpinBox"));
    slider_->setPageStep(5);
    connect(slider_, &QSlider::valueChanged, this, &SizeSlider::onSlider);
    connect(spin_, &SizeSpinBox::valueChanged, this, &SizeSlider::onSpin);
    setSliderRange(1000, 1'000'000'000);
}

quint64 SizeSlider::value() const { return spin_->value(); }

void SizeSlider::setValue(quint64 items) { spin_->setValue(items); }

quint64 SizeSlider::sliderMaximum() const { return steps_.empty() ? 0 : steps_.back(); }

void SizeSlider::setSliderRange(quint64 minimum, quint64 maximum)
{
    steps_ = SizeSpinBox::roundValues(minimum, maximum);
    if (steps_.empty())
        steps_.push_back(minimum);
    const QSignalBlocker block(slider_);
    slider_->setRange(0, static_cast<int>(steps_.size()) - 1);
    slider_->setValue(positionFor(spin_->value()));
}

void SizeSlider::setToolTips(const QString& text)
{
    setToolTip(text);
    slider_->setToolTip(text);
    spin_->setToolTip(text);
}

int SizeSlider::positionFor(quint64 items) const
{
    // The nearest round value on a log scale.
    int best = 0;
    double bestDistance = 1e300;
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const double d = std::abs(std::log(static_cast<double>(steps_[i])) - std::log(static_cast<double>(std::max<quint64>(items, 1))));
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

void SizeSlider::onSlider(int position)
{
    if (position >= 0 && position < static_cast<int>(steps_.size()))
        spin_->setValue(steps_[static_cast<std::size_t>(position)]);
}

void SizeSlider::onSpin(quint64 items)
{
    {
        const QSignalBlocker block(slider_);
        slider_->setValue(positionFor(items));
    }
    Q_EMIT valueChanged(items);
}

} // namespace chunkscope::ui

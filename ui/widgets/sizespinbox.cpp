// SPDX-License-Identifier: GPL-3.0-or-later
#include "sizespinbox.h"

#include "uiformat.h"

#include "chunkscope/parse.h"

#include <QFontMetrics>
#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionSpinBox>

#include <algorithm>
#include <array>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

SizeSpinBox::SizeSpinBox(QWidget* parent) : QAbstractSpinBox(parent)
{
    setAccelerated(true);
    setKeyboardTracking(false);
    connect(this, &QAbstractSpinBox::editingFinished, this, &SizeSpinBox::commit);
    showValue();
}

std::vector<quint64> SizeSpinBox::roundValues(quint64 minimum, quint64 maximum)
{
    static constexpr std::array<quint64, 10> mantissas{10, 12, 15, 20, 25, 30, 40, 50, 60, 80};
    std::vector<quint64> values;
    for (quint64 decade = 1; decade <= maximum; decade *= 10) {
        for (quint64 m : mantissas) {
            const quint64 v = decade * m / 10;
            if (v * 10 != decade * m)   // below 10: only the whole values
                continue;
            if (v >= minimum && v <= maximum && (values.empty() || values.back() != v))
                values.push_back(v);
        }
        if (decade > maximum / 10)
            break;
    }
    return values;
}

std::optional<quint64> SizeSpinBox::parse(const QString& text)
{
    QString number = text;
    const qsizetype dot = number.indexOf(u'·');
    if (dot >= 0)
        number.truncate(dot);
    number = number.trimmed();
    if (number.isEmpty())
        return std::nullopt;
    const auto parsed = parse_size(number.toStdString());
    if (!parsed)
        return std::nullopt;
    return static_cast<quint64>(parsed.value);
}

void SizeSpinBox::setValue(quint64 value)
{
    value = std::clamp(value, minimum_, maximum_);
    const bool changed = value != value_;
    value_ = value;
    showValue();
    if (changed)
        Q_EMIT valueChanged(value_);
}

void SizeSpinBox::setRange(quint64 minimum, quint64 maximum)
{
    minimum_ = minimum;
    maximum_ = std::max(minimum, maximum);
    setValue(value_);
}

void SizeSpinBox::showValue()
{
    lineEdit()->setText(sizeText(static_cast<std::size_t>(value_)));
}

void SizeSpinBox::commit()
{
    const auto parsed = parse(lineEdit()->text());
    if (parsed && *parsed >= minimum_ && *parsed <= maximum_)
        setValue(*parsed);
    else
        showValue();
}

QValidator::State SizeSpinBox::validate(QString& input, int&) const
{
    const auto parsed = parse(input);
    if (parsed && *parsed >= minimum_ && *parsed <= maximum_)
        return QValidator::Acceptable;
    return QValidator::Intermediate;
}

void SizeSpinBox::fixup(QString& input) const
{
    if (!parse(input))
        input = sizeText(static_cast<std::size_t>(value_));
}

void SizeSpinBox::stepBy(int steps)
{
    const std::vector<quint64> values = roundValues(minimum_, maximum_);
    if (values.empty())
        return;
    commit();
    quint64 v = value_;
    for (; steps > 0; --steps) {
        const auto next = std::upper_bound(values.begin(), values.end(), v);
        v = next == values.end() ? maximum_ : *next;
    }
    for (; steps < 0; ++steps) {
        const auto prev = std::lower_bound(values.begin(), values.end(), v);
        v = prev == values.begin() ? minimum_ : *(prev - 1);
    }
    setValue(v);
    selectAll();
}

QAbstractSpinBox::StepEnabled SizeSpinBox::stepEnabled() const
{
    StepEnabled enabled = StepNone;
    if (value_ > minimum_)
        enabled |= StepDownEnabled;
    if (value_ < maximum_)
        enabled |= StepUpEnabled;
    return enabled;
}

QSize SizeSpinBox::sizeHint() const
{
    ensurePolished();
    const QFontMetrics fm(font());
    const int text = fm.horizontalAdvance(u"999.9M · 7.99 GB "_s);
    QStyleOptionSpinBox option;
    initStyleOption(&option);
    const QSize contents(text, lineEdit()->sizeHint().height());
    return style()->sizeFromContents(QStyle::CT_SpinBox, &option, contents, this);
}

QSize SizeSpinBox::minimumSizeHint() const { return sizeHint(); }

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An editable vector size: shows "10M · 80 MB", accepts what the CLI accepts ("25M", "1e7",
// "2Ki", "3000000"), and steps through round values (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k).

#include <QAbstractSpinBox>

#include <optional>
#include <vector>

namespace chunkscope::ui {

class SizeSpinBox : public QAbstractSpinBox {
    Q_OBJECT
public:
    explicit SizeSpinBox(QWidget* parent = nullptr);

    quint64 value() const { return value_; }
    void setValue(quint64 value);
    void setRange(quint64 minimum, quint64 maximum);
    quint64 minimum() const { return minimum_; }
    quint64 maximum() const { return maximum_; }

    // The round values from minimum to maximum, ascending.
    static std::vector<quint64> roundValues(quint64 minimum, quint64 maximum);
    // The typed text as a size, or nothing when it is not one.
    static std::optional<quint64> parse(const QString& text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void valueChanged(quint64 value);

protected:
    QValidator::State validate(QString& input, int& pos) const override;
    void fixup(QString& input) const override;
    void stepBy(int steps) override;
    StepEnabled stepEnabled() const override;

private:
    void commit();
    void showValue();

    quint64 value_ = 10'000'000;
    quint64 minimum_ = 1;
    quint64 maximum_ = 10'000'000'000'000ULL;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed limit: measures the machine's memory bandwidth and each function's single-core
// throughput off the window's thread (a few seconds) and shows them.

#include "chunkscope/observer.h"
#include "chunkscope/speedlimit.h"

#include <QWidget>

#include <optional>

class QLabel;
class QThread;

namespace chunkscope::ui {

class SpeedLimitPanel : public QWidget {
    Q_OBJECT
public:
    explicit SpeedLimitPanel(QWidget* parent = nullptr);
    // Stops a measurement in progress and waits for it.
    ~SpeedLimitPanel() override;

    const std::optional<SpeedLimits>& limits() const { return limits_; }
    void setLimits(const SpeedLimits& limits);
    bool isMeasuring() const { return thread_ != nullptr; }
    QString text() const;

public Q_SLOTS:
    void measure();

Q_SIGNALS:
    void measured(const chunkscope::SpeedLimits& limits);

private:
    std::optional<SpeedLimits> limits_;
    QThread* thread_ = nullptr;
    CancelToken cancel_;
    QLabel* label_ = nullptr;
};

} // namespace chunkscope::ui

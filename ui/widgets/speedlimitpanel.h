// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed limit: measures the machine's memory bandwidth and each function's single-core
// throughput off the window's thread (a few seconds) and shows them; with a Dask cluster asked for
// (setDaskCluster), what that cluster costs too (a few seconds more).

#include "chunkscope/observer.h"
#include "chunkscope/speedlimit.h"

#include <QWidget>

#include <optional>
#include <string>

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
    // The next measure() measures a Dask cluster of `workers` too (scheduler empty: a
    // LocalCluster; else tcp://HOST:PORT); workers 0: none.
    void setDaskCluster(int workers, const std::string& scheduler = {});

public Q_SLOTS:
    void measure();

Q_SIGNALS:
    void measured(const chunkscope::SpeedLimits& limits);

private:
    std::optional<SpeedLimits> limits_;
    QThread* thread_ = nullptr;
    CancelToken cancel_;
    int daskWorkers_ = 0;
    std::string daskScheduler_;
    QLabel* label_ = nullptr;
};

} // namespace chunkscope::ui

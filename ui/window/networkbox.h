// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The network the Scaling page projects the mpi strategies to: a bandwidth and a latency, with
// their units, typed by the user (100 Gb/s and 2 µs unless changed).

#include "chunkscope/network.h"

#include <QGroupBox>

class QDoubleSpinBox;

namespace chunkscope::ui {

class NetworkBox : public QGroupBox {
    Q_OBJECT
public:
    explicit NetworkBox(QWidget* parent = nullptr);

    Network network() const;
    void setNetwork(const Network& n);

    QDoubleSpinBox* bandwidthField() const { return bandwidth_; }
    QDoubleSpinBox* latencyField() const { return latency_; }

Q_SIGNALS:
    void networkChanged(const chunkscope::Network& network);

private:
    QDoubleSpinBox* bandwidth_ = nullptr;   // Gb/s
    QDoubleSpinBox* latency_ = nullptr;     // µs
};

} // namespace chunkscope::ui

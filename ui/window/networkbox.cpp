// SPDX-License-Identifier: GPL-3.0-or-later
#include "networkbox.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// One figure of the network, to three decimals from 0.001 up to max.
QDoubleSpinBox* figureBox(QWidget* parent, const QString& name, double max, const QString& suffix, const QString& tip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0.001, max);
    box->setDecimals(3);
    box->setSuffix(suffix);
    box->setToolTip(tip);
    return box;
}

} // namespace

NetworkBox::NetworkBox(QWidget* parent) : QGroupBox(tr("Network to project to"), parent)
{
    setObjectName(u"networkBox"_s);
    setToolTip(tr("The projection's network, by Hockney's model: a message of n bytes takes latency + n / bandwidth. "
                  "mpi sends every item out of rank 0 and back, one transfer at a time; mpi-distributed only "
                  "gathers timings."));
    bandwidth_ = figureBox(this, u"networkBandwidth"_s, 100000, tr(" Gb/s"),
                           tr("Bandwidth of one link, in gigabits per second (100 Gb/s = 12.5 GB/s): InfiniBand "
                              "HDR is 200, a data-centre Ethernet 25 to 100, a laptop's Wi-Fi about 0.5."));
    latency_ = figureBox(this, u"networkLatency"_s, 1e6, tr(" µs"),
                         tr("One-way latency of an empty message, in microseconds: about 1 to 2 on InfiniBand, "
                            "10 to 50 on Ethernet with TCP, 0.5 through Open MPI's shared memory."));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Bandwidth:"), bandwidth_);
    form->addRow(tr("&Latency:"), latency_);
    setNetwork(Network{});
    for (QDoubleSpinBox* box : {bandwidth_, latency_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { Q_EMIT networkChanged(network()); });
}

Network NetworkBox::network() const
{
    return {latency_->value() * 1e-6, bandwidth_->value() * 1e9 / 8};
}

void NetworkBox::setNetwork(const Network& n)
{
    const QSignalBlocker a(bandwidth_), b(latency_);
    bandwidth_->setValue(n.bandwidth_bytes_per_s * 8 / 1e9);
    latency_->setValue(n.latency_s * 1e6);
    Q_EMIT networkChanged(network());
}

} // namespace chunkscope::ui

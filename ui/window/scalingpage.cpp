// SPDX-License-Identifier: GPL-3.0-or-later
#include "scalingpage.h"

#include "chartview.h"
#include "networkbox.h"
#include "scalingchart.h"
#include "uiformat.h"

#include "chunkscope/netmodel.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ScalingPage::ScalingPage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    chart_ = new ScalingChart;
    view_ = makeChartView(chart_, u"scalingView"_s, this);
    layout->addWidget(view_, 1);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(8, 0, 8, 8);
    network_ = new NetworkBox(this);
    summary_ = new QLabel(this);
    summary_->setObjectName(u"modelSummary"_s);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    summary_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    row->addWidget(network_);
    row->addWidget(summary_, 1);
    layout->addLayout(row);
    network_->setVisible(false);
    summary_->setVisible(false);
    connect(network_, &NetworkBox::networkChanged, this, &ScalingPage::remodel);
}

void ScalingPage::setResults(const std::vector<CellResult>& results, int cores)
{
    if (results.empty())
        return;
    baseline_ = results.front().status == Status::Ok ? results.front().median_s : 0.0;
    cells_.assign(results.begin() + 1, results.end());
    cores_ = std::max(1, cores);
    chart_->setFitLimit(cores_);
    chart_->setResults(baseline_, cells_);
    remodel();
}

void ScalingPage::clear()
{
    cells_.clear();
    baseline_ = 0;
    chart_->setResults(0, {});
    remodel();
}

void ScalingPage::setLink(const MpiLink& link)
{
    link_ = link;
    remodel();
}

void ScalingPage::remodel()
{
    const bool mpi = !cells_.empty() && is_mpi(cells_.front().config.strategy);
    network_->setVisible(mpi);
    summary_->setVisible(mpi);
    if (!mpi) {
        chart_->setModel(std::nullopt);
        return;
    }
    const MpiLink* link = link_ && link_->options == cells_.front().config.mpi ? &*link_ : nullptr;
    ScaleModel m = model_scaling(cells_, baseline_, link, network_->network(), cores_, 1024);
    if (!m.error.empty()) {
        summary_->setText(tr("No model: %1.").arg(qs(m.error)));
        chart_->setModel(std::nullopt);
        return;
    }
    QString text = tr("<b>Network model</b> (Hockney: latency + bytes / bandwidth per message; mpi's transfers "
                      "all pass through rank 0): compute %1 per item, from %2.")
                       .arg(formatSeconds(m.figures.compute_s_per_item), qs(m.figures.compute_source));
    if (m.here_measured) {
        text += tr("<br>Beside each point, the model on the link %1 (%2):").arg(qs(m.here_source), qs(describe(m.here)));
        for (const MeasuredPoint& p : m.measured)
            text += tr(" %1: measured %2, model %3, <b>×%4</b>;")
                        .arg(workersText(p.workers))
                        .arg(formatSeconds(p.measured_s), formatSeconds(p.predicted.total_s))
                        .arg(p.ratio, 0, 'f', 2);
        text.chop(1);
    } else {
        text += tr("<br>The link here is %1: no prediction beside the points.").arg(qs(m.here_source));
    }
    if (!m.projected.empty() && m.projected.back().speedup > 0)
        text += tr("<br>Dashed: projected on %1 with a core per rank; at %2 workers %3, speedup %4.")
                    .arg(qs(describe(m.typed)))
                    .arg(m.projected.back().workers)
                    .arg(formatSeconds(m.projected.back().prediction.total_s),
                         formatSpeedup(m.projected.back().speedup));
    summary_->setText(text);
    chart_->setModel(std::move(m));
}

} // namespace chunkscope::ui

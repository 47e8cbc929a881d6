// SPDX-License-Identifier: GPL-3.0-or-later
#include "scalingpage.h"

#include "chartview.h"
#include "networkbox.h"
#include "scalingchart.h"
#include "uiformat.h"

#include "chunkscope/daskmodel.h"
#include "chunkscope/format.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/registry.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// " 1 worker: measured 9 ms, model 8 ms, ×1.12; 2 workers: ..." (no ";" after the last).
QString besideEachPoint(const std::vector<MeasuredPoint>& points)
{
    QString text;
    for (const MeasuredPoint& p : points)
        text += ScalingPage::tr(" %1: measured %2, model %3, <b>×%4</b>;")
                    .arg(workersText(p.workers))
                    .arg(formatSeconds(p.measured_s), formatSeconds(p.predicted.total_s))
                    .arg(p.ratio, 0, 'f', 2);
    text.chop(1);
    return text;
}

} // namespace

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
    daskCosts_.reset();   // measured again after the scaling (the worker keeps them: at once when known)
    chart_->setResults(0, {});
    remodel();
}

void ScalingPage::setLink(const MpiLink& link)
{
    std::erase_if(links_, [&](const MpiLink& l) { return l.options == link.options; });
    links_.push_back(link);
    remodel();
}

void ScalingPage::setDaskCosts(const DaskClusterCosts& costs)
{
    daskCosts_ = costs;
    remodel();
}

const MpiLink* ScalingPage::link(const MpiOptions& options) const
{
    const auto l = std::find_if(links_.begin(), links_.end(), [&](const MpiLink& k) { return k.options == options; });
    return l == links_.end() ? nullptr : &*l;
}

void ScalingPage::remodel()
{
    const StrategyKind kind = cells_.empty() ? StrategyKind::Sequential : cells_.front().config.strategy;
    const bool mpi = is_mpi(kind);
    network_->setVisible(mpi);
    summary_->setVisible(mpi || is_dask_cluster(kind));
    if (is_dask_cluster(kind)) {
        remodelDask();
        return;
    }
    if (!mpi) {
        chart_->setModel(std::nullopt);
        return;
    }
    const MpiLink* link = this->link(cells_.front().config.mpi);
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
        text += besideEachPoint(m.measured);
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

void ScalingPage::remodelDask()
{
    const RunConfig& first = cells_.front().config;
    if (!daskCosts_) {
        summary_->setText(tr("No model yet: the Dask cluster's costs are measured after a scaling (Run ▸ Scale over "
                             "workers), and the model drawn then."));
        chart_->setDaskModel(std::nullopt, std::nullopt);
        return;
    }
    DaskScaleModel m = model_dask_scaling(cells_, baseline_, *daskCosts_, cores_, 1024);
    if (!m.error.empty()) {
        summary_->setText(tr("No model: %1.").arg(qs(m.error)));
        chart_->setDaskModel(std::nullopt, std::nullopt);
        return;
    }
    std::optional<TwinProjection> twin;
    const std::optional<StrategyKind> twinKind = twin_of(first.strategy);
    MpiOptions tcp = first.mpi;
    tcp.transport = MpiTransport::Tcp;
    if (twinKind) {
        RunConfig config = first;
        config.strategy = *twinKind;
        if (const MpiLink* l = link(tcp))
            twin = project_twin(config, m.compute_s_per_item, *l, baseline_, 1024);
    }
    const DaskClusterCosts& k = m.costs;
    QString text = tr("<b>Dask model</b> (the scheduler hands out one task at a time; the client's one link "
                      "carries the scatter and the gather): compute %1 per item, from %2. The cluster's costs, "
                      "measured here: %3 a task, scatter %4/s, gather %5/s, start %6 + %7 a worker, close %8.")
                       .arg(formatSeconds(m.compute_s_per_item), qs(m.compute_source), formatSeconds(k.task_s),
                            qs(format_bytes(k.scatter_bandwidth)), qs(format_bytes(k.gather_bandwidth)),
                            formatSeconds(k.start_s), formatSeconds(k.start_per_worker_s))
                       .arg(formatSeconds(k.close_s));
    text += tr("<br>Beside each point, the model:") + besideEachPoint(m.measured);
    const ProjectedPoint& last = m.projected.back();
    if (last.speedup > 0)
        text += tr("<br>Dashed: projected with a core per worker; at %1 workers %2, speedup %3.")
                    .arg(last.workers)
                    .arg(formatSeconds(last.prediction.total_s), formatSpeedup(last.speedup));
    if (twin && twin->error.empty() && !twin->projected.empty() && twin->projected.back().speedup > 0)
        text += tr("<br>Dash-dot: its twin %1 on Open MPI's link here (%2; %3), the same compute per item, warm; "
                   "at %4 workers %5, speedup %6.")
                    .arg(qs(to_string(twin->strategy)), qs(describe(twin->link)), qs(twin->link_source))
                    .arg(twin->projected.back().workers)
                    .arg(formatSeconds(twin->projected.back().prediction.total_s),
                         formatSpeedup(twin->projected.back().speedup));
    else if (twinKind)
        text += tr("<br>No projection of its twin %1: %2.")
                    .arg(qs(to_string(*twinKind)),
                         twin ? qs(twin->error) : tr("Open MPI's TCP link was not measured here"));
    summary_->setText(text);
    chart_->setDaskModel(std::move(m), std::move(twin));
}

} // namespace chunkscope::ui

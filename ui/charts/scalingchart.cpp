// SPDX-License-Identifier: GPL-3.0-or-later
#include "scalingchart.h"

#include "uiformat.h"

#include "chunkscope/statistics.h"

#include <QCursor>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

const QColor kMeasured(0x2c, 0x6f, 0xbb);
const QColor kModel(0x3a, 0x9a, 0x4a);
const QColor kTwin(0xa0, 0x3c, 0xb0);

QString networkText(const Network& n) { return qs(describe(n)); }

QString boundText(const CellPrediction& p)
{
    return p.bound == "launch"      ? ScalingChart::tr("mostly the launch")
           : p.bound == "network"   ? ScalingChart::tr("mostly the network")
           : p.bound == "scheduler" ? ScalingChart::tr("mostly the scheduler")
                                    : ScalingChart::tr("mostly compute");
}

} // namespace

ScalingChart::ScalingChart(QGraphicsItem* parent) : QChart(parent)
{
    ideal_ = new QLineSeries(this);
    ideal_->setName(tr("ideal: speedup = workers"));
    ideal_->setPen(QPen(QColor(0x90, 0x90, 0x90), 1.5, Qt::DashLine));
    amdahl_ = new QLineSeries(this);
    amdahl_->setName(tr("Amdahl fit"));
    amdahl_->setPen(QPen(QColor(0xd0, 0x7a, 0x20), 2));
    projected_ = new QLineSeries(this);
    projected_->setPen(QPen(kModel, 2.5, Qt::DashLine));
    twinLine_ = new QLineSeries(this);
    twinLine_->setPen(QPen(kTwin, 2.5, Qt::DashDotLine));
    twinLine_->setPointsVisible(true);
    measured_ = new QLineSeries(this);
    measured_->setName(tr("measured"));
    measured_->setPen(QPen(kMeasured, 2.5));
    points_ = new QScatterSeries(this);
    points_->setColor(kMeasured);
    points_->setMarkerSize(9);
    modelPoints_ = new QScatterSeries(this);
    // A light fill: the measured point shows through, and the legend's marker reads as green on a projector.
    modelPoints_->setColor(QColor(kModel.red(), kModel.green(), kModel.blue(), 60));
    modelPoints_->setBorderColor(kModel);
    modelPoints_->setPen(QPen(kModel, 2));
    modelPoints_->setMarkerSize(13);
    xAxis_ = new QValueAxis(this);
    xAxis_->setTitleText(tr("workers"));
    xAxis_->setLabelFormat(u"%d"_s);
    yAxis_ = new QValueAxis(this);
    yAxis_->setTitleText(tr("speedup over sequential"));
    yAxis_->setLabelFormat(u"%.2g"_s);
    xLog_ = new QLogValueAxis(this);
    xLog_->setTitleText(tr("workers (log scale)"));
    xLog_->setBase(2);
    xLog_->setLabelFormat(u"%d"_s);
    yLog_ = new QLogValueAxis(this);
    yLog_->setTitleText(tr("speedup over sequential (log scale)"));
    yLog_->setBase(10);
    yLog_->setLabelFormat(u"%.3g"_s);
    yLog_->setMinorTickCount(8);
    addAxis(xAxis_, Qt::AlignBottom);
    addAxis(yAxis_, Qt::AlignLeft);
    addAxis(xLog_, Qt::AlignBottom);
    addAxis(yLog_, Qt::AlignLeft);
    for (QXYSeries* s : {static_cast<QXYSeries*>(ideal_), static_cast<QXYSeries*>(amdahl_),
                         static_cast<QXYSeries*>(twinLine_), static_cast<QXYSeries*>(projected_),
                         static_cast<QXYSeries*>(measured_),
                         static_cast<QXYSeries*>(points_), static_cast<QXYSeries*>(modelPoints_)})
        addSeries(s);
    for (QXYSeries* s : {static_cast<QXYSeries*>(points_), static_cast<QXYSeries*>(modelPoints_),
                         static_cast<QXYSeries*>(projected_), static_cast<QXYSeries*>(twinLine_)})
        connect(s, &QXYSeries::hovered, this, [this, s](const QPointF& point, bool state) {
            const QString text = state ? toolTip(s, qRound(point.x())) : QString();
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(QCursor::pos(), text);
        });
    projected_->setPointsVisible(true);
    useAxes(false);
    legend()->setAlignment(Qt::AlignBottom);
    legend()->markers(points_).constFirst()->setVisible(false);
    setResults(0, {});
}

QAbstractAxis* ScalingChart::workersAxis() const { return projecting() ? static_cast<QAbstractAxis*>(xLog_) : xAxis_; }

bool ScalingChart::projecting() const
{
    return (model_ && model_->error.empty() && !model_->projected.empty()) ||
           (dask_ && dask_->error.empty() && !dask_->projected.empty());
}

void ScalingChart::useAxes(bool logarithmic)
{
    QAbstractAxis* x = logarithmic ? static_cast<QAbstractAxis*>(xLog_) : xAxis_;
    QAbstractAxis* y = logarithmic ? static_cast<QAbstractAxis*>(yLog_) : yAxis_;
    for (QAbstractSeries* s : series()) {
        for (QAbstractAxis* a : s->attachedAxes())
            if (a != x && a != y)
                s->detachAxis(a);
        if (!s->attachedAxes().contains(x))
            s->attachAxis(x);
        if (!s->attachedAxes().contains(y))
            s->attachAxis(y);
    }
    xAxis_->setVisible(!logarithmic);
    yAxis_->setVisible(!logarithmic);
    xLog_->setVisible(logarithmic);
    yLog_->setVisible(logarithmic);
}

void ScalingChart::setResults(double baselineSeconds, std::vector<CellResult> results)
{
    results_ = std::move(results);
    baseline_ = baselineSeconds;
    model_.reset();
    dask_.reset();
    twin_.reset();
    draw();
}

void ScalingChart::setModel(std::optional<ScaleModel> model)
{
    model_ = std::move(model);
    dask_.reset();
    twin_.reset();
    draw();
}

void ScalingChart::setDaskModel(std::optional<DaskScaleModel> model, std::optional<TwinProjection> twin)
{
    model_.reset();
    dask_ = std::move(model);
    twin_ = dask_ && twin && twin->error.empty() ? std::move(twin) : std::nullopt;
    draw();
}

QString ScalingChart::toolTip(const QXYSeries* series, int workers) const
{
    if (series == twinLine_)
        return twinTips_.value(workers);
    const QMap<int, QString>& tips = series == projected_ ? projectedTips_ : measuredTips_;
    return series == points_ || series == modelPoints_ || series == projected_ ? tips.value(workers) : QString();
}

void ScalingChart::draw()
{
    measuredTips_.clear();
    projectedTips_.clear();
    twinTips_.clear();
    std::vector<double> workers;
    std::vector<double> speedups;
    QList<QPointF> points;
    int maxWorkers = 1;
    for (const CellResult& r : results_) {
        maxWorkers = std::max(maxWorkers, r.config.workers);
        if (r.status != Status::Ok || r.median_s <= 0 || baseline_ <= 0)
            continue;
        workers.push_back(r.config.workers);
        speedups.push_back(baseline_ / r.median_s);
        points.append(QPointF(r.config.workers, speedups.back()));
        measuredTips_[r.config.workers] = tr("<b>%1 workers</b>: measured %2, speedup %3")
                                              .arg(r.config.workers)
                                              .arg(formatSeconds(r.median_s), formatSpeedup(speedups.back()));
    }
    measured_->replace(points);
    points_->replace(points);
    const bool projection = projecting();
    QList<QPointF> modelled, projected, twinned;
    if (projection)
        drawModel(maxWorkers, modelled, projected, twinned);
    modelPoints_->replace(modelled);
    projected_->replace(projected);
    twinLine_->replace(twinned);
    modelPoints_->setVisible(!modelled.isEmpty());
    projected_->setVisible(!projected.isEmpty());
    twinLine_->setVisible(!twinned.isEmpty());
    const int projectedTo = !projection ? 0 : model_ ? model_->projected.back().workers : dask_->projected.back().workers;
    const int xMax = std::max(maxWorkers, projectedTo);

    ideal_->replace({QPointF(1, 1), QPointF(xMax, xMax)});
    std::vector<double> fitWorkers;
    std::vector<double> fitSpeedups;
    for (std::size_t i = 0; i < workers.size(); ++i)
        if (fitLimit_ <= 0 || workers[i] <= fitLimit_) {
            fitWorkers.push_back(workers[i]);
            fitSpeedups.push_back(speedups[i]);
        }
    const bool limited = fitWorkers.size() >= 2 && fitWorkers.size() < workers.size();
    if (!limited) {
        fitWorkers = workers;
        fitSpeedups = speedups;
    }
    serialFraction_ = amdahl_serial_fraction(fitWorkers, fitSpeedups);
    QList<QPointF> curve;
    if (!points.isEmpty())
        for (int i = 0; i <= 100; ++i) {
            const double p = projection ? std::pow(static_cast<double>(xMax), i / 100.0) : 1 + (xMax - 1) * i / 100.0;
            curve.append(QPointF(p, amdahl_speedup(serialFraction_, p)));
        }
    amdahl_->replace(curve);
    amdahl_->setName(limited ? tr("Amdahl fit (up to %1 workers), serial fraction %2")
                                   .arg(fitLimit_)
                                   .arg(serialFraction_, 0, 'f', 3)
                             : tr("Amdahl fit, serial fraction %1").arg(serialFraction_, 0, 'f', 3));
    // Beside a Dask model and its twin, six entries: short names, whole on a projector at
    // 1280 x 720 (the serial fraction is in the title, the costs and links in the tooltips).
    const bool six = projection && dask_;
    ideal_->setName(six ? tr("ideal") : tr("ideal: speedup = workers"));
    if (six)
        amdahl_->setName(tr("Amdahl fit"));

    double top = xMax, bottom = 1;
    for (const QList<QPointF>* list : {&points, &modelled, &projected, &twinned, &curve})
        for (const QPointF& p : *list)
            if (p.y() > 0) {
                top = std::max(top, p.y());
                bottom = std::min(bottom, p.y());
            }
    // The ranges first, then the axes shown: Qt Charts sizes an axis's labels when it is shown and
    // not again for a range set while it was hidden, so a log axis shown before its new range
    // kept the old one's width and cut small speedups' labels to "0....".
    if (projection) {
        xLog_->setRange(1, std::max(2, xMax));
        yLog_->setRange(bottom * 0.7, top * 1.4);
    } else {
        xAxis_->setRange(1, std::max(2, maxWorkers));
        xAxis_->setTickCount(std::min(std::max(2, maxWorkers), 17));
        yAxis_->setRange(0, top * 1.1);
    }
    useAxes(projection);
    if (results_.empty())
        setTitle(tr("Scaling: Run ▸ Scale over workers runs the current strategy with 1 to twice the cores"));
    else if (projection && dask_)
        setTitle(tr("%1 and its twin %2, projected to %3 workers; serial fraction %4 (Amdahl)")
                     .arg(qs(to_string(results_.front().config.strategy)))
                     .arg(twin_ ? qs(to_string(twin_->strategy)) : tr("(not measured)"))
                     .arg(xMax)
                     .arg(serialFraction_, 0, 'f', 3));
    else if (projection)
        setTitle(tr("%1: serial fraction %2 (Amdahl); projected to %3 workers on %4")
                     .arg(qs(to_string(results_.front().config.strategy)))
                     .arg(serialFraction_, 0, 'f', 3)
                     .arg(xMax)
                     .arg(networkText(model_->typed)));
    else
        setTitle(tr("%1: serial fraction %2 (Amdahl)")
                     .arg(qs(to_string(results_.front().config.strategy)))
                     .arg(serialFraction_, 0, 'f', 3));
}

void ScalingChart::drawModel(int maxWorkers, QList<QPointF>& modelled, QList<QPointF>& projected,
                             QList<QPointF>& twinned)
{
    const std::vector<MeasuredPoint>& measured = model_ ? model_->measured : dask_->measured;
    const std::vector<ProjectedPoint>& points = model_ ? model_->projected : dask_->projected;
    for (const MeasuredPoint& p : measured) {
        if (p.predicted.total_s <= 0)
            continue;
        if (baseline_ > 0)
            modelled.append(QPointF(p.workers, baseline_ / p.predicted.total_s));
        const QString on = model_ ? tr("model on the link measured here (%1; %2)")
                                        .arg(networkText(model_->here), qs(model_->here_source))
                                  : tr("Dask model on the cluster's costs measured here");
        measuredTips_[p.workers] += tr("<br>%1: %2, %3<br>measured / model: <b>%4</b>")
                                        .arg(on, formatSeconds(p.predicted.total_s), boundText(p.predicted))
                                        .arg(p.ratio, 0, 'f', 2);
    }
    for (const ProjectedPoint& p : points) {
        if (p.workers < maxWorkers || p.speedup <= 0)
            continue;
        projected.append(QPointF(p.workers, p.speedup));
        projectedTips_[p.workers] =
            model_ ? tr("<b>%1 workers</b> (%2 ranks), projected on %3 (%4): %5, speedup %6, %7")
                         .arg(p.workers)
                         .arg(p.ranks)
                         .arg(networkText(model_->typed), qs(model_->typed_source),
                              formatSeconds(p.prediction.total_s), formatSpeedup(p.speedup), boundText(p.prediction))
                   : tr("<b>%1 workers</b>, the Dask model with a core per worker: %2, speedup %3, %4")
                         .arg(p.workers)
                         .arg(formatSeconds(p.prediction.total_s), formatSpeedup(p.speedup), boundText(p.prediction));
    }
    if (model_) {
        modelPoints_->setName(tr("model, link here"));
        projected_->setName(tr("projected on %1 (%2)").arg(networkText(model_->typed), qs(model_->typed_source)));
        return;
    }
    const QString strategy = qs(to_string(dask_->strategy));
    modelPoints_->setName(tr("Dask model"));
    projected_->setName(tr("%1, projected").arg(strategy));
    if (!twin_)
        return;
    const QString twin = qs(to_string(twin_->strategy));
    for (const ProjectedPoint& p : twin_->projected) {
        if (p.speedup <= 0)
            continue;
        twinned.append(QPointF(p.workers, p.speedup));
        twinTips_[p.workers] = tr("<b>%1 workers</b> (%2 ranks), %3 projected on Open MPI's link here (%4; %5), "
                                  "the same compute per item, warm: %6, speedup %7, %8")
                                   .arg(p.workers)
                                   .arg(p.ranks)
                                   .arg(twin, networkText(twin_->link), qs(twin_->link_source),
                                        formatSeconds(p.prediction.total_s), formatSpeedup(p.speedup),
                                        boundText(p.prediction));
    }
    twinLine_->setName(tr("%1 (twin), projected").arg(twin));
}

} // namespace chunkscope::ui

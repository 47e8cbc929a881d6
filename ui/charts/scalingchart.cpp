#include "scalingchart.h"

#include "uiformat.h"

#include "chunkscope/statistics.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ScalingChart::ScalingChart(QGraphicsItem* parent) : QChart(parent)
{
    ideal_ = new QLineSeries(this);
    ideal_->setName(tr("ideal: speedup = workers"));
    ideal_->setPen(QPen(QColor(0x90, 0x90, 0x90), 1.5, Qt::DashLine));
    amdahl_ = new QLineSeries(this);
    amdahl_->setName(tr("Amdahl fit"));
    amdahl_->setPen(QPen(QColor(0xd0, 0x7a, 0x20), 2));
    measured_ = new QLineSeries(this);
    measured_->setName(tr("measured"));
    measured_->setPen(QPen(QColor(0x2c, 0x6f, 0xbb), 2.5));
    points_ = new QScatterSeries(this);
    points_->setColor(QColor(0x2c, 0x6f, 0xbb));
    points_->setMarkerSize(9);
    xAxis_ = new QValueAxis(this);
    xAxis_->setTitleText(tr("workers"));
    xAxis_->setLabelFormat(u"%d"_s);
    yAxis_ = new QValueAxis(this);
    yAxis_->setTitleText(tr("speedup over sequential"));
    yAxis_->setLabelFormat(u"%.2g"_s);
    addAxis(xAxis_, Qt::AlignBottom);
    addAxis(yAxis_, Qt::AlignLeft);
    for (QXYSeries* s : {static_cast<QXYSeries*>(ideal_), static_cast<QXYSeries*>(amdahl_),
                         static_cast<QXYSeries*>(measured_), static_cast<QXYSeries*>(points_)}) {
        addSeries(s);
        s->attachAxis(xAxis_);
        s->attachAxis(yAxis_);
    }
    legend()->setAlignment(Qt::AlignBottom);
    legend()->markers(points_).constFirst()->setVisible(false);
    setResults(0, {});
}

void ScalingChart::setResults(double baselineSeconds, std::vector<CellResult> results)
{
    results_ = std::move(results);
    std::vector<double> workers;
    std::vector<double> speedups;
    QList<QPointF> points;
    int maxWorkers = 1;
    for (const CellResult& r : results_) {
        maxWorkers = std::max(maxWorkers, r.config.workers);
        if (r.status != Status::Ok || r.median_s <= 0 || baselineSeconds <= 0)
            continue;
        workers.push_back(r.config.workers);
        speedups.push_back(baselineSeconds / r.median_s);
        points.append(QPointF(r.config.workers, speedups.back()));
    }
    measured_->replace(points);
    points_->replace(points);
    double top = maxWorkers;
    for (double s : speedups)
        top = std::max(top, s);
    ideal_->replace({QPointF(1, 1), QPointF(maxWorkers, maxWorkers)});
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
            const double p = 1 + (maxWorkers - 1) * i / 100.0;
            curve.append(QPointF(p, amdahl_speedup(serialFraction_, p)));
        }
    amdahl_->replace(curve);
    amdahl_->setName(limited ? tr("Amdahl fit (up to %1 workers), serial fraction %2")
                                   .arg(fitLimit_)
                                   .arg(serialFraction_, 0, 'f', 3)
                             : tr("Amdahl fit, serial fraction %1").arg(serialFraction_, 0, 'f', 3));
    xAxis_->setRange(1, std::max(2, maxWorkers));
    xAxis_->setTickCount(std::min(std::max(2, maxWorkers), 17));
    yAxis_->setRange(0, top * 1.1);
    if (results_.empty())
        setTitle(tr("Scaling: Run ▸ Scale over workers runs the current strategy with 1 to twice the cores"));
    else
        setTitle(tr("%1: serial fraction %2 (Amdahl)")
                     .arg(qs(to_string(results_.front().config.strategy)))
                     .arg(serialFraction_, 0, 'f', 3));
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Speedup versus workers for one strategy: the measured points, the ideal line (speedup =
// workers) and the Amdahl curve fitted to the points, whose serial fraction the title shows.
// For the mpi strategies, with a network model (netmodel.h): the model's prediction beside
// each measured point (on the link measured here) and the projection on a typed network,
// dashed beyond the last measured point, on log-scaled axes. For the Dask clusters, with the Dask
// model (daskmodel.h): its prediction beside each measured point (on the cluster's costs measured
// here), its projection, and the mpi twin's projection (on Open MPI's link measured here) as a
// second curve.

#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/results.h"

#include <QChart>
#include <QMap>

#include <optional>
#include <vector>

class QAbstractAxis;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace chunkscope::ui {

class ScalingChart : public QChart {
    Q_OBJECT
public:
    explicit ScalingChart(QGraphicsItem* parent = nullptr);

    // baselineSeconds: the sequential run's median; results: one per worker count. Clears the model.
    void setResults(double baselineSeconds, std::vector<CellResult> results);
    const std::vector<CellResult>& results() const { return results_; }
    // Amdahl's law assumes a core per worker: fit only the points up to this many workers
    // (when at least two are there); 0 fits every point. Set before setResults().
    void setFitLimit(int workers) { fitLimit_ = workers; }
    double serialFraction() const { return serialFraction_; }

    // The model of the results set last (nothing: none drawn, the axes linear again).
    void setModel(std::optional<ScaleModel> model);
    const std::optional<ScaleModel>& model() const { return model_; }
    // A Dask cluster's model of the results set last, and its twin's projection (none: not drawn).
    // Replaces setModel()'s model, as that one replaces this.
    void setDaskModel(std::optional<DaskScaleModel> model, std::optional<TwinProjection> twin);
    const std::optional<DaskScaleModel>& daskModel() const { return dask_; }
    const std::optional<TwinProjection>& twin() const { return twin_; }
    bool projecting() const;

    // What hovering the point of series at workers shows (empty when there is none).
    QString toolTip(const QXYSeries* series, int workers) const;

    QLineSeries* measuredLine() const { return measured_; }
    QScatterSeries* measuredPoints() const { return points_; }
    QLineSeries* idealLine() const { return ideal_; }
    QLineSeries* amdahlLine() const { return amdahl_; }
    QScatterSeries* modelPoints() const { return modelPoints_; }
    QLineSeries* projectedLine() const { return projected_; }
    QLineSeries* twinLine() const { return twinLine_; }
    QAbstractAxis* workersAxis() const;

private:
    void draw();
    // The model's points and tips (mpi's or Dask's); maxWorkers: the most measured.
    void drawModel(int maxWorkers, QList<QPointF>& modelled, QList<QPointF>& projected, QList<QPointF>& twinned);
    void useAxes(bool logarithmic);

    std::vector<CellResult> results_;
    double baseline_ = 0;
    double serialFraction_ = 0;
    int fitLimit_ = 0;
    std::optional<ScaleModel> model_;
    std::optional<DaskScaleModel> dask_;
    std::optional<TwinProjection> twin_;
    QMap<int, QString> measuredTips_, projectedTips_, twinTips_;
    QLineSeries* measured_ = nullptr;
    QScatterSeries* points_ = nullptr;
    QLineSeries* ideal_ = nullptr;
    QLineSeries* amdahl_ = nullptr;
    QScatterSeries* modelPoints_ = nullptr;
    QLineSeries* projected_ = nullptr;
    QLineSeries* twinLine_ = nullptr;
    QValueAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
    QLogValueAxis* xLog_ = nullptr;
    QLogValueAxis* yLog_ = nullptr;
};

} // namespace chunkscope::ui

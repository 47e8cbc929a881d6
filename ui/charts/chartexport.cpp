// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartexport.h"

#include "comparechart.h"
#include "phasechart.h"
#include "scalingchart.h"
#include "timelineview.h"
#include "uiformat.h"

#include "chunkscope/plan.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::ChartExport", text); }

constexpr qreal kMargin = 8;   // around the run's heading and between its parts, logical pixels
constexpr int kHeadingFlags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;
// The run's phase chart needs this much height (logical pixels) for its bar, its axis' labels and
// its legend; below it Qt Charts elides the labels.
constexpr qreal kMinPhaseHeight = 230;

// A chart as the export draws it: white, no shadow, laid out at size in its own scene.
class LaidOutChart {
public:
    LaidOutChart(QChart* chart, const QSizeF& size) : chart_(chart)
    {
        scene_.addItem(chart_);   // the scene owns the chart
        chart_->setBackgroundBrush(Qt::white);
        chart_->setDropShadowEnabled(false);
        chart_->setBackgroundRoundness(0);
        chart_->resize(size);
        chart_->layout()->activate();
        QCoreApplication::sendPostedEvents();
        scene_.setSceneRect(QRectF(QPointF(0, 0), size));
    }
    // Draws the chart with its top left corner at origin.
    void paint(QPainter& painter, const QPointF& origin)
    {
        const QRectF source(QPointF(0, 0), chart_->size());
        scene_.render(&painter, source.translated(origin), source, Qt::IgnoreAspectRatio);
    }
    QString title() const { return chart_->title(); }

private:
    QGraphicsScene scene_;
    QChart* chart_;
};

// One chart filling the picture above the footer.
bool writeChart(QChart* chart, const ChartImage& image, const std::vector<CellResult>& cells, QString* error)
{
    if (const QString problem = checkImageSize(image.size); !problem.isEmpty()) {
        delete chart;
        setError(error, problem);
        return false;
    }
    const QSizeF logical = image.size.logical();
    const QString footer = footerText(image.facts, cells);
    LaidOutChart laidOut(chart, QSizeF(logical.width(), logical.height() - footerHeight(footer, logical.width())));
    return writeImage(image.path, image.format, image.size, laidOut.title(), footer,
                      [&](QPainter& painter) {
                          laidOut.paint(painter, QPointF(0, 0));
                          paintFooter(painter, logical, footer);
                      },
                      error);
}

// What the run's picture says above its charts: the experiment, its cell and its median.
QString runHeading(const CellResult& cell)
{
    const auto [splits, chunks] = grid_point(cell.config);
    QString text = experimentTitle(cell.config) + u" · "_s +
                   tr("splits %1 × chunksize %2").arg(formatCount(splits), formatCount(chunks));
    if (cell.status == Status::Ok)
        text += u" · "_s + (cell.samples.size() == 1 ? tr("%1, one repetition").arg(formatSeconds(cell.median_s))
                                                      : tr("median %1 of %2 repetitions")
                                                            .arg(formatSeconds(cell.median_s))
                                                            .arg(cell.samples.size()));
    else
        text += u" · "_s + qs(to_string(cell.status)) + (cell.error.empty() ? QString() : u": "_s + qs(cell.error));
    return text;
}

QFont headingFont()
{
    QFont font = QApplication::font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    return font;
}

} // namespace

bool renderRun(const CellResult& cell, const std::optional<OwnFloor>& floor, const ChartImage& image, QString* error)
{
    if (const QString problem = checkImageSize(image.size); !problem.isEmpty()) {
        setError(error, problem);
        return false;
    }
    const QString footer = footerText(image.facts, {cell});
    const QString heading = runHeading(cell);
    const qreal width = image.size.logical().width();
    const qreal headingHeight =
        QFontMetricsF(headingFont()).boundingRect(QRectF(0, 0, width - 2 * kMargin, 1e6), kHeadingFlags, heading).height() +
        2 * kMargin;
    const qreal footHeight = footerHeight(footer, width);
    // The timeline at the foot, as tall as its lanes; the phases above it, in the rest.
    TimelineView timeline;
    timeline.setAttribute(Qt::WA_DontShowOnScreen);
    timeline.setFrameShape(QFrame::NoFrame);
    timeline.resize(static_cast<int>(width), static_cast<int>(image.size.logical().height()));
    timeline.show();
    QCoreApplication::sendPostedEvents();
    timeline.setCell(&cell);
    timeline.fitToView();
    const QRectF lanes = timeline.scene()->sceneRect();
    // More workers than the lanes of the size asked for have room for: a taller picture, rather
    // than lanes too small to read.
    ImageSize size = image.size;
    const qreal needed = headingHeight + kMinPhaseHeight + kMargin + lanes.height() + footHeight;
    if (needed > size.logical().height())
        size.pixels.setHeight(std::min(20000, static_cast<int>(std::ceil(needed * size.dpi / 96.0))));
    const QSizeF logical = size.logical();
    const qreal body = logical.height() - headingHeight - footHeight;
    const qreal phaseHeight = std::round(std::max(kMinPhaseHeight, body - lanes.height() - kMargin));
    auto* phases = new PhaseChart;
    phases->setCell(&cell, floor);
    LaidOutChart phaseChart(phases, QSizeF(width, phaseHeight));
    // The lanes at their size, shrunk only when they do not fit (more than 20000 pixels).
    const qreal lanesHeight = std::max(1.0, body - phaseHeight - kMargin);
    const qreal scale = std::min({1.0, width / lanes.width(), lanesHeight / lanes.height()});
    const QRectF lanesTarget(0, headingHeight + phaseHeight + kMargin, lanes.width() * scale, lanes.height() * scale);

    return writeImage(image.path, image.format, size, heading, footer,
                      [&](QPainter& painter) {
                          painter.save();
                          painter.setFont(headingFont());
                          painter.setPen(Qt::black);
                          painter.drawText(QRectF(kMargin, kMargin, width - 2 * kMargin, headingHeight - 2 * kMargin),
                                           kHeadingFlags, heading);
                          painter.restore();
                          phaseChart.paint(painter, QPointF(0, headingHeight));
                          timeline.scene()->render(&painter, lanesTarget, lanes, Qt::IgnoreAspectRatio);
                          paintFooter(painter, logical, footer);
                      },
                      error);
}

bool renderCompare(const std::vector<CellResult>& cells, const std::optional<SpeedLimits>& limits, int logicalCores,
                   const ChartImage& image, QString* error)
{
    auto* chart = new CompareChart;
    chart->setResults(cells);
    if (limits)
        chart->setSpeedLimits(limits, logicalCores);
    return writeChart(chart, image, cells, error);
}

bool renderScaling(double baselineSeconds, const std::vector<CellResult>& cells, int fitLimit,
                   const std::optional<ScaleModel>& model, const ChartImage& image, QString* error,
                   const std::optional<DaskScaleModel>& dask, const std::optional<TwinProjection>& twin)
{
    auto* chart = new ScalingChart;
    chart->setFitLimit(fitLimit);
    chart->setResults(baselineSeconds, cells);
    if (model)
        chart->setModel(model);
    else if (dask)
        chart->setDaskModel(dask, twin);
    return writeChart(chart, image, cells, error);
}

} // namespace chunkscope::ui

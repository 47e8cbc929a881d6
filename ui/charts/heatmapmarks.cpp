// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapmarks.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>

namespace chunkscope::ui {

namespace {
const QColor kPrediction(0xd0, 0x00, 0x78);   // magenta: apart from every colour of the map
} // namespace

HeatmapMarks::HeatmapMarks(QGraphicsItem* chart, qreal z)
{
    best_ = new QGraphicsRectItem(chart);
    best_->setPen(QPen(QColor(10, 10, 10), 3));
    bestInner_ = new QGraphicsRectItem(chart);
    bestInner_->setPen(QPen(Qt::white, 1.5));
    running_ = new QGraphicsRectItem(chart);
    running_->setPen(QPen(QColor(10, 10, 10), 2.5, Qt::DashLine));
    running_->setBrush(QColor(255, 255, 255, 70));
    predictionMark_ = new QGraphicsRectItem(chart);
    predictionMark_->setPen(QPen(kPrediction, 3, Qt::DashDotLine));
    predictionTag_ = new QGraphicsRectItem(chart);
    predictionTag_->setPen(QPen(kPrediction, 1));
    predictionTag_->setBrush(Qt::white);
    predictionText_ = new QGraphicsSimpleTextItem(tr("guess"), predictionTag_);
    predictionText_->setBrush(kPrediction);
    for (QGraphicsRectItem* mark : {best_, bestInner_, running_, predictionMark_, predictionTag_}) {
        mark->setZValue(z);
        mark->setVisible(false);
    }
}

void HeatmapMarks::setFont(const QFont& font) { predictionText_->setFont(font); }

void HeatmapMarks::place(const std::optional<QRectF>& best, const std::optional<QRectF>& running,
                         const std::optional<QRectF>& prediction)
{
    if (best) {
        best_->setRect(best->adjusted(1.5, 1.5, -1.5, -1.5));
        bestInner_->setRect(best->adjusted(3.75, 3.75, -3.75, -3.75));
    }
    if (running)
        running_->setRect(running->adjusted(1.25, 1.25, -1.25, -1.25));
    if (prediction) {
        predictionMark_->setRect(prediction->adjusted(6, 6, -6, -6));
        const QRectF tag = predictionText_->boundingRect().adjusted(-3, -1, 3, 1);
        predictionTag_->setRect(QRectF(QPointF(0, 0), tag.size()));
        predictionTag_->setPos(prediction->left() + 2, prediction->top() + 2);
        predictionText_->setPos(3, 1);
    }
    best_->setVisible(best.has_value());
    bestInner_->setVisible(best.has_value());
    running_->setVisible(running.has_value());
    predictionMark_->setVisible(prediction.has_value());
    predictionTag_->setVisible(prediction.has_value());
}

} // namespace chunkscope::ui

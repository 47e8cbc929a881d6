// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapmarks.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QPolygonF>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
const QColor kPrediction(0xd0, 0x00, 0x78);   // magenta: apart from every colour of the map
const QColor kInk(10, 10, 10);
// The default's triangle: this share of the cell's shorter side, within these pixels, this far
// from the corner (inside the best cell's frame).
constexpr qreal kDefaultShare = 0.38;
constexpr qreal kDefaultMin = 10;
constexpr qreal kDefaultMax = 30;
constexpr qreal kDefaultInset = 5;
// Under the other marks (they may frame the same cell), above the cells' labels.
constexpr qreal kDefaultBelow = 0.5;
} // namespace

HeatmapMarks::HeatmapMarks(QGraphicsItem* chart, qreal z) : chart_(chart), z_(z)
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

void HeatmapMarks::setFont(const QFont& font)
{
    predictionText_->setFont(font);
    font_ = font;
    font_.setBold(true);
    for (QGraphicsRectItem* tag : defaultTags_)
        static_cast<QGraphicsSimpleTextItem*>(tag->childItems().front())->setFont(font_);
}

void HeatmapMarks::placeDefaults(const std::vector<DefaultMark>& cells)
{
    while (defaults_.size() < cells.size()) {
        auto* triangle = new QGraphicsPolygonItem(chart_);
        triangle->setPen(QPen(kInk, 2, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        triangle->setBrush(Qt::white);
        triangle->setZValue(z_ - kDefaultBelow);
        auto* tag = new QGraphicsRectItem(chart_);
        tag->setPen(QPen(kInk, 1));
        tag->setBrush(Qt::white);
        tag->setZValue(z_ - kDefaultBelow);
        auto* text = new QGraphicsSimpleTextItem(u"≈"_s, tag);
        text->setFont(font_);
        text->setBrush(kInk);
        defaults_.push_back(triangle);
        defaultTags_.push_back(tag);
    }
    for (std::size_t i = 0; i < defaults_.size(); ++i) {
        const bool shown = i < cells.size();
        defaults_[i]->setVisible(shown);
        defaultTags_[i]->setVisible(shown && !cells[i].exact);
        if (!shown)
            continue;
        const QRectF& cell = cells[i].cell;
        const qreal side = std::clamp(std::min(cell.width(), cell.height()) * kDefaultShare, kDefaultMin, kDefaultMax);
        const QPointF corner = cell.bottomRight() - QPointF(kDefaultInset, kDefaultInset);
        defaults_[i]->setPolygon(QPolygonF({corner - QPointF(0, side), corner, corner - QPointF(side, 0)}));
        if (cells[i].exact)
            continue;
        auto* text = static_cast<QGraphicsSimpleTextItem*>(defaultTags_[i]->childItems().front());
        const QRectF box = text->boundingRect().adjusted(-3, -1, 3, 1);
        defaultTags_[i]->setRect(QRectF(QPointF(0, 0), box.size()));
        defaultTags_[i]->setPos(corner.x() - side - box.width() - 2, corner.y() - box.height());
        text->setPos(3, 1);
    }
    defaultsShown_ = cells.size();
}

std::vector<QGraphicsPolygonItem*> HeatmapMarks::defaults() const
{
    return {defaults_.begin(), defaults_.begin() + static_cast<std::ptrdiff_t>(defaultsShown_)};
}

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

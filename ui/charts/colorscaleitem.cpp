// SPDX-License-Identifier: GPL-3.0-or-later
#include "colorscaleitem.h"

#include "colormap.h"

#include <QFontInfo>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace chunkscope::ui {

namespace {
constexpr qreal kTick = 4;
constexpr qreal kGap = 6;
} // namespace

ColorScaleItem::ColorScaleItem(QGraphicsItem* parent) : QGraphicsItem(parent) {}

void ColorScaleItem::setBarRect(const QRectF& bar)
{
    prepareGeometryChange();
    bar_ = bar;
}

void ColorScaleItem::setScale(double lo, double hi, bool highAtTop, const QString& title,
                              std::function<QString(double)> format, bool diverging)
{
    prepareGeometryChange();
    valid_ = lo > 0 && hi >= lo && std::isfinite(lo) && std::isfinite(hi);
    categories_.clear();
    lo_ = lo;
    hi_ = hi;
    highAtTop_ = highAtTop;
    diverging_ = diverging;
    title_ = title;
    format_ = std::move(format);
    update();
}

void ColorScaleItem::setCategories(std::vector<std::pair<QColor, QString>> categories, const QString& title)
{
    prepareGeometryChange();
    categories_ = std::move(categories);
    valid_ = !categories_.empty();
    title_ = title;
    format_ = nullptr;
    update();
}

void ColorScaleItem::clearScale()
{
    prepareGeometryChange();
    valid_ = false;
    categories_.clear();
    update();
}

void ColorScaleItem::setFont(const QFont& font)
{
    prepareGeometryChange();
    // In pixels, as the chart's own text items lay theirs out: a point size would grow with the
    // resolution of the device painted on (a 192 dpi export) on top of the export's scaling.
    font_ = font;
    font_.setPixelSize(std::max(1, QFontInfo(font).pixelSize()));
}

double ColorScaleItem::logPosition(double v, double lo, double hi)
{
    if (!(lo > 0) || !(hi > lo) || !(v > 0))
        return 0.5;
    return std::clamp((std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo)), 0.0, 1.0);
}

std::vector<double> ColorScaleItem::logTicks(double lo, double hi)
{
    if (!(lo > 0) || !(hi >= lo))
        return {};
    static const std::array<std::vector<double>, 3> steps{
        {{1.0}, {1.0, 2.0, 5.0}, {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0}}};
    std::vector<double> ticks;
    for (const auto& mantissas : steps) {
        ticks.clear();
        const int first = static_cast<int>(std::floor(std::log10(lo))) - 1;
        const int last = static_cast<int>(std::ceil(std::log10(hi))) + 1;
        for (int e = first; e <= last; ++e)
            for (double m : mantissas) {
                const double v = m * std::pow(10.0, e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
                    ticks.push_back(v);
            }
        if (ticks.size() >= 3)
            return ticks;
    }
    if (ticks.size() < 2)
        return lo == hi ? std::vector<double>{lo} : std::vector<double>{lo, hi};
    return ticks;
}

qreal ColorScaleItem::labelWidth() const
{
    const QFontMetricsF fm(font_);
    qreal w = 0;
    for (const auto& category : categories_)
        w = std::max(w, fm.horizontalAdvance(category.second));
    if (!valid_ || !format_)
        return w;
    for (double v : logTicks(lo_, hi_))
        w = std::max(w, fm.horizontalAdvance(format_(v)));
    return w;
}

qreal ColorScaleItem::width() const
{
    const QFontMetricsF fm(font_);
    // bar, tick, gap, the widest label we expect ("100 ms", "0.05×"), gap, the rotated title.
    const qreal labels = std::max(labelWidth(), fm.horizontalAdvance(QStringLiteral("999 ms")));
    return 14 + kTick + kGap + labels + kGap + fm.height() + 2;
}

qreal ColorScaleItem::yFor(double v) const
{
    const double t = logPosition(v, lo_, hi_);
    return highAtTop_ ? bar_.bottom() - t * bar_.height() : bar_.top() + t * bar_.height();
}

QRectF ColorScaleItem::boundingRect() const
{
    const QFontMetricsF fm(font_);
    return QRectF(bar_.left(), bar_.top() - fm.height(), width(), bar_.height() + 2 * fm.height());
}

void ColorScaleItem::paintCategories(QPainter* painter) const
{
    const QFontMetricsF fm(font_);
    const qreal h = fm.height();
    qreal y = bar_.top();
    qreal widest = 0;
    for (const auto& [color, name] : categories_) {
        if (y + h > bar_.bottom())
            break;
        painter->fillRect(QRectF(bar_.left(), y, bar_.width(), h), color);
        painter->setPen(QPen(QColor(120, 120, 120), 0));
        painter->drawRect(QRectF(bar_.left(), y, bar_.width(), h));
        painter->setPen(QColor(40, 40, 40));
        painter->drawText(QRectF(bar_.right() + kTick + kGap, y, fm.horizontalAdvance(name) + 2, h),
                          Qt::AlignLeft | Qt::AlignVCenter, name);
        widest = std::max(widest, fm.horizontalAdvance(name));
        y += h + 6;
    }
    const qreal x = bar_.right() + kTick + kGap + std::max(widest, fm.horizontalAdvance(QStringLiteral("999 ms"))) + kGap;
    painter->translate(x, bar_.center().y());
    painter->rotate(90);
    const QString title = fm.elidedText(title_, Qt::ElideRight, bar_.height());
    painter->drawText(QRectF(-bar_.height() / 2, -fm.height(), bar_.height(), fm.height()), Qt::AlignCenter, title);
}

void ColorScaleItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!valid_ || bar_.height() < 8)
        return;
    painter->save();
    if (isCategorical()) {
        painter->setFont(font_);
        paintCategories(painter);
        painter->restore();
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, false);
    // The bright end of the map at the top in both modes: the better values.
    QLinearGradient gradient(bar_.bottomLeft(), bar_.topLeft());
    gradient.setStops(diverging_ ? ColorMap::divergingStops() : ColorMap::gradientStops());
    painter->fillRect(bar_, gradient);
    painter->setPen(QPen(QColor(120, 120, 120), 0));
    painter->drawRect(bar_);

    painter->setFont(font_);
    const QFontMetricsF fm(font_);
    painter->setPen(QColor(40, 40, 40));
    qreal widest = 0;
    for (double v : logTicks(lo_, hi_)) {
        const qreal y = yFor(v);
        painter->drawLine(QPointF(bar_.right(), y), QPointF(bar_.right() + kTick, y));
        const QString text = format_(v);
        widest = std::max(widest, fm.horizontalAdvance(text));
        const QRectF box(bar_.right() + kTick + kGap, y - fm.height() / 2, fm.horizontalAdvance(text) + 2, fm.height());
        painter->drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    // The title, rotated, to the right of the labels.
    const qreal x = bar_.right() + kTick + kGap + std::max(widest, fm.horizontalAdvance(QStringLiteral("999 ms"))) + kGap;
    // Rotated a quarter turn clockwise, the text's height runs from x to x + fm.height().
    painter->translate(x, bar_.center().y());
    painter->rotate(90);
    const QString title = fm.elidedText(title_, Qt::ElideRight, bar_.height());
    painter->drawText(QRectF(-bar_.height() / 2, -fm.height(), bar_.height(), fm.height()), Qt::AlignCenter, title);
    painter->restore();
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The heatmap's colour scale: a bar with log-scale ticks, their unit, and a title; or, for
// categories (the dominant phase), a swatch and a name per category.

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace chunkscope::ui {

class ColorScaleItem : public QGraphicsItem {
public:
    explicit ColorScaleItem(QGraphicsItem* parent = nullptr);

    // The bar; tick labels and the title are drawn to its right, within width().
    void setBarRect(const QRectF& bar);
    // Values from lo to hi on a log scale. The bright end of the map is at the top: the high
    // values when highAtTop (speedups), the low ones otherwise (durations: fast is bright).
    // diverging: the ratio map (ColorMap::diverging), low values at the bottom.
    void setScale(double lo, double hi, bool highAtTop, const QString& title,
                  std::function<QString(double)> format, bool diverging = false);
    bool isDiverging() const { return diverging_; }
    // A legend of categories instead of a scale: one swatch per (colour, name), from the top.
    void setCategories(std::vector<std::pair<QColor, QString>> categories, const QString& title);
    const std::vector<std::pair<QColor, QString>>& categories() const { return categories_; }
    bool isCategorical() const { return !categories_.empty(); }
    QString title() const { return title_; }
    // The values the bar spans (meaningful while it shows a scale).
    std::pair<double, double> range() const { return {lo_, hi_}; }
    void clearScale();
    void setFont(const QFont& font);
    // Horizontal room the bar, labels and title take.
    qreal width() const;

    // Where v falls between lo and hi on a log scale, in [0, 1].
    static double logPosition(double v, double lo, double hi);
    // Round values (1-2-5 steps or decades) in [lo, hi] for the tick labels.
    static std::vector<double> logTicks(double lo, double hi);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    qreal labelWidth() const;
    void paintCategories(QPainter* painter) const;
    qreal yFor(double v) const;

    QRectF bar_;
    QFont font_;
    bool valid_ = false;
    double lo_ = 1;
    double hi_ = 10;
    bool highAtTop_ = true;
    bool diverging_ = false;
    QString title_;
    std::function<QString(double)> format_;
    std::vector<std::pair<QColor, QString>> categories_;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The marks over the heatmap's cells: the fastest cell (a black frame with a white line
// inside), the running one (a dashed frame over a lighter cell) and the class's guess for the
// fastest ("predict, then run": a magenta dash-dot frame with a "guess" tag). They are items of
// the chart, above its cells; HeatmapChart tells them where the cells are.

#include <QCoreApplication>
#include <QRectF>

#include <optional>

class QFont;
class QGraphicsItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace chunkscope::ui {

class HeatmapMarks {
    // The heatmap's words keep the heatmap's translation context.
    Q_DECLARE_TR_FUNCTIONS(chunkscope::ui::HeatmapChart)
public:
    // The items are children of chart (which deletes them), at z, hidden until placed.
    HeatmapMarks(QGraphicsItem* chart, qreal z);

    QGraphicsRectItem* best() const { return best_; }
    QGraphicsRectItem* running() const { return running_; }
    QGraphicsRectItem* prediction() const { return predictionMark_; }
    // The font of the "guess" tag.
    void setFont(const QFont& font);
    // Frames the cells at these rectangles (in the chart's coordinates); hides a mark whose
    // cell is not shown.
    void place(const std::optional<QRectF>& best, const std::optional<QRectF>& running,
               const std::optional<QRectF>& prediction);

private:
    QGraphicsRectItem* best_ = nullptr;
    QGraphicsRectItem* bestInner_ = nullptr;
    QGraphicsRectItem* running_ = nullptr;
    QGraphicsRectItem* predictionMark_ = nullptr;
    QGraphicsRectItem* predictionTag_ = nullptr;   // a white label box holding the text
    QGraphicsSimpleTextItem* predictionText_ = nullptr;
};

} // namespace chunkscope::ui

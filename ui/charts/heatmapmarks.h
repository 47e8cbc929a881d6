// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The marks over the heatmap's cells: the fastest cell (a black frame with a white line
// inside), the running one (a dashed frame over a lighter cell) and the class's guess for the
// fastest ("predict, then run": a magenta dash-dot frame with a "guess" tag), and the library's
// default for each row (librarydefault.h: a white triangle with a black edge in the cell's
// bottom-right corner, "≈" beside it where the rule falls between two columns), under the
// others so that it hides none of them. They are items of the chart, above its cells;
// HeatmapChart tells them where the cells are.

#include <QCoreApplication>
#include <QFont>
#include <QRectF>

#include <optional>
#include <vector>

class QGraphicsItem;
class QGraphicsPolygonItem;
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

    // A library default's cell, and whether the rule's value is that column's (or only near it).
    struct DefaultMark {
        QRectF cell;
        bool exact = true;
    };
    // Marks these cells (and hides the marks of cells no longer given).
    void placeDefaults(const std::vector<DefaultMark>& cells);
    // The triangles shown now, in the order placeDefaults was given the cells.
    std::vector<QGraphicsPolygonItem*> defaults() const;
    // The "≈" tag beside default i's triangle (shown for a rule between two columns).
    QGraphicsRectItem* defaultTag(std::size_t i) const { return defaultTags_.at(i); }

private:
    QGraphicsRectItem* best_ = nullptr;
    QGraphicsRectItem* bestInner_ = nullptr;
    QGraphicsRectItem* running_ = nullptr;
    QGraphicsRectItem* predictionMark_ = nullptr;
    QGraphicsRectItem* predictionTag_ = nullptr;   // a white label box holding the text
    QGraphicsSimpleTextItem* predictionText_ = nullptr;
    QGraphicsItem* chart_ = nullptr;
    qreal z_ = 0;
    QFont font_;
    std::vector<QGraphicsPolygonItem*> defaults_;     // made as needed, kept hidden when unused
    std::vector<QGraphicsRectItem*> defaultTags_;     // white boxes holding "≈"
    std::size_t defaultsShown_ = 0;
};

} // namespace chunkscope::ui

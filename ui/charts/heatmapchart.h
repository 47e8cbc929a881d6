// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The heatmap of median time (or speedup) over splits × chunksize, composed on Qt Charts,
// which has no heatmap series: two category axes give the ticks, and one rectangle per cell
// is placed with QChart::mapToPosition whenever the plot area changes, so the cells tile it
// exactly at any size. Reads the ResultsModel only.

#include "cellcoloring.h"
#include "librarydefault.h"

#include "chunkscope/plan.h"

#include <QChart>
#include <QString>

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QCategoryAxis;
class QGraphicsPolygonItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;

namespace chunkscope::ui {

class ColorScaleItem;
class HeatmapMarks;
class ResultsModel;

class HeatmapChart : public QChart {
    Q_OBJECT
public:
    // What a cell's colour shows (see CellColoring, which holds the rules).
    using ColorBy = CellColoring::ColorBy;
    static QString colorByName(ColorBy by);

    explicit HeatmapChart(ResultsModel* model, QGraphicsItem* parent = nullptr);
    ~HeatmapChart() override;

    ResultsModel* model() const { return model_; }
    // Speedup needs the sequential baseline and FloorDistance the model's speed limits; without
    // them the cells show durations.
    void setColorBy(ColorBy by);
    ColorBy colorBy() const { return colorBy_; }
    ColorBy effectiveColorBy() const;
    // The colour scale's range, shared with another heatmap (side by side); nothing: the range
    // of this heatmap's own cells.
    void setScaleRange(const std::optional<std::pair<double, double>>& range);
    // The model rows the grid shows, row-major (-1: not run yet), whatever is drawn now.
    std::vector<int> shownRows() const;
    // The line under the plot; empty: machine and date of the results (and the reference's
    // label when colouring by it).
    void setCaption(const QString& caption);
    QString caption() const;
    // Small multiples (HeatmapGrid) say what each heatmap is above it and draw the scale they
    // share once: without the title (the experiment) above the plot, and without the colour
    // scale beside it (still computed: colorScale()). scaleRoom(): the width the scale takes.
    void setTitleShown(bool shown);
    void setScaleShown(bool shown);
    bool scaleShown() const { return scaleShown_; }
    qreal scaleRoom() const;
    // The width the chunksize axis' title takes ("no chunksize" under a one-column map).
    qreal axisTitleWidth() const;

    // Grid: row = index in the model's splits axis (bottom up), column = chunksize axis index.
    int rows() const { return rows_; }
    int columns() const { return columns_; }
    QGraphicsRectItem* cellItem(int row, int column) const;
    // The model row shown in a cell, or -1 while it has not run.
    int modelRow(int row, int column) const;
    QString cellLabel(int row, int column) const;
    bool cellLabelVisible(int row, int column) const;
    QGraphicsRectItem* bestItem() const;
    QGraphicsRectItem* runningItem() const;
    ColorScaleItem* colorScale() const { return scale_; }

    // The cell a class predicted to be the fastest ("predict, then run"), marked with a
    // dashed outline and a "guess" tag; nothing clears it.
    void setPrediction(const std::optional<GridPoint>& point);
    std::optional<GridPoint> prediction() const { return prediction_; }
    QGraphicsRectItem* predictionItem() const;
    // The library's default on each row (librarydefault.h), marked with a triangle in the cell's
    // corner ("≈" beside it when the rule falls between two columns) and explained by a line over
    // the caption; nothing for a strategy without the chunksize knob.
    const std::vector<DefaultCell>& libraryDefaults() const { return defaults_; }
    // The triangles shown now, one a marked cell (a whole row's: one in each of its cells).
    std::vector<QGraphicsPolygonItem*> defaultItems() const;
    // The grid cell (row, column) of each triangle of defaultItems(), in the same order.
    const std::vector<std::pair<int, int>>& defaultGridCells() const { return defaultGridCells_; }
    // The line that says what the triangles are (empty and hidden without them).
    QGraphicsSimpleTextItem* defaultsLegendItem() const { return defaultsLegend_; }
    // The grid point under a scene position, if any.
    std::optional<std::pair<int, int>> cellAtScenePos(const QPointF& scenePos) const;
    // Black, thicker outlines and bold cell labels (presentation mode).
    void setHighContrast(bool on);
    // The font of the cell labels, the colour scale, the caption and the marks (presentation
    // mode makes it larger).
    void setTextFont(const QFont& font);
    // The cells' labels alone in font (small multiples: the desktop's size, so that a 5 × 5 map's
    // labels fit while its titles, axes and scale stay large).
    void setCellFont(const QFont& font);
    bool highContrast() const { return highContrast_; }

Q_SIGNALS:
    void colorByChanged();

private:
    struct Cell {
        QGraphicsRectItem* rect = nullptr;
        QGraphicsSimpleTextItem* label = nullptr;
        int modelRow = -1;
    };

    void rebuild();
    void refresh();
    void layoutItems();
    void setAxisCategories(QCategoryAxis* axis, const std::vector<std::size_t>& values);
    const Cell* cellAt(int row, int column) const;
    QRectF cellRect(int row, int column);

    ResultsModel* model_;
    ColorBy colorBy_ = ColorBy::Duration;
    QString caption_;
    QCategoryAxis* xAxis_ = nullptr;
    QCategoryAxis* yAxis_ = nullptr;
    QLineSeries* anchor_ = nullptr;   // empty; gives mapToPosition the axes' domain
    int rows_ = 0;
    int columns_ = 0;
    bool rebuilding_ = false;         // axes changing: plotAreaChanged arrives before the cells exist
    std::vector<Cell> cells_;         // row-major, rows_ × columns_
    std::unique_ptr<HeatmapMarks> marks_;   // best, running, prediction
    ColorScaleItem* scale_ = nullptr;
    QGraphicsSimpleTextItem* captionItem_ = nullptr;
    QGraphicsSimpleTextItem* placeholder_ = nullptr;
    QGraphicsSimpleTextItem* defaultsLegend_ = nullptr;
    QStringList defaultLegends_;                       // fullest first: the longest that fits is shown
    std::vector<DefaultCell> defaults_;
    std::vector<std::pair<int, int>> defaultGridCells_;   // (row, column) of each marked cell
    std::optional<GridPoint> prediction_;
    std::optional<QFont> cellFont_;   // the cells' labels; nothing: the text font
    std::optional<std::pair<double, double>> scaleRange_;
    bool highContrast_ = false;
    bool titleShown_ = true;
    bool scaleShown_ = true;
};

} // namespace chunkscope::ui

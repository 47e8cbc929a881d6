#pragma once
// How the heatmap's cells look under one colouring: the rules for median time, speedup,
// distance from the floor and dominant phase, each cell's label and tooltip, and the colour
// scale that explains them. Reads the ResultsModel only; HeatmapChart places what this decides.

#include "chunkscope/plan.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace chunkscope::ui {

class ColorScaleItem;
class ResultsModel;

class CellColoring {
    // The heatmap's words keep the heatmap's translation context.
    Q_DECLARE_TR_FUNCTIONS(chunkscope::ui::HeatmapChart)
public:
    // What a cell's colour shows. Duration: the median (fast is bright). Speedup: over the
    // sequential baseline. FloorDistance: median ÷ the floor the machine allows (1× is bright).
    // DominantPhase: the phase that takes most of the cell's time, paler when it dominates less.
    enum class ColorBy { Duration, Speedup, FloorDistance, DominantPhase };

    // What one cell shows.
    struct Look {
        QBrush brush;
        QColor textColor;
        QString text;
        QString toolTip;
    };

    // by as it is shown (the caller falls back to Duration where the model lacks what by
    // needs); the range of the scale spans the cells of modelRows that ran (-1: not run yet).
    CellColoring(const ResultsModel& model, ColorBy by, const std::vector<int>& modelRows);

    // The log scale of the values, the phases' legend, or nothing while no cell has a value.
    void applyScale(ColorScaleItem& scale) const;
    // The cell at point, which shows modelRow (-1: not run yet); running: it runs now;
    // predicted: it is the class's guess for the fastest cell.
    Look look(GridPoint point, int modelRow, bool running, bool predicted) const;

private:
    double valueOf(int row) const;
    Look ranLook(int modelRow) const;

    const ResultsModel& model_;
    ColorBy by_;
    double lo_ = 0;
    double hi_ = 0;
    int best_ = -1;
    std::optional<double> baseline_;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
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
#include <utility>
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
    // Reference: median ÷ the reference's median of the same cell, on a diverging scale with 1×
    // neutral; a star marks a difference that is significant (Mann–Whitney U, p < 0.05).
    enum class ColorBy { Duration, Speedup, FloorDistance, DominantPhase, Reference, OwnFloorDistance };
    // Above this cv (the repetitions' spread), a cell is marked unstable.
    static constexpr double kUnstableCv = 0.10;

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
    // The same, with the scale's range given (two heatmaps side by side on one scale).
    CellColoring(const ResultsModel& model, ColorBy by, const std::vector<int>& modelRows,
                 std::optional<std::pair<double, double>> range);

    // The range of values the cells of modelRows span under by (nothing while none has one).
    static std::optional<std::pair<double, double>> valueRange(const ResultsModel& model, ColorBy by,
                                                               const std::vector<int>& modelRows);

    // The log scale of the values, the phases' legend, or nothing while no cell has a value.
    void applyScale(ColorScaleItem& scale) const;
    // The cell at point, which shows modelRow (-1: not run yet); running: it runs now;
    // predicted: it is the class's guess for the fastest cell.
    Look look(GridPoint point, int modelRow, bool running, bool predicted) const;

private:
    double valueOf(int row) const;
    Look ranLook(int modelRow) const;
    void referenceLook(int modelRow, Look& look) const;

    const ResultsModel& model_;
    ColorBy by_;
    double lo_ = 0;
    double hi_ = 0;
    int best_ = -1;
    std::optional<double> baseline_;
    bool byStrategy_ = false;   // the reference matches on the strategy too
};

} // namespace chunkscope::ui

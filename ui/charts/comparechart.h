// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every strategy side by side, read from the back of a room: one horizontal bar per strategy
// (its median, sequential at the top) with its full name beside it, and at the bar's end its time
// and its time as a multiple of sequential's ("12.3 ms · 0.81× sequential"), on a log axis that
// says so. Once the machine's speed limits are known, the floor each strategy could at best
// reach is drawn as a dashed line. When the tutorial's Python ran too, each row pairs one of ours
// with its twin (the registry's): two bars, ours above Python's.
// The value labels are the chart's own items, placed after each layout; the axis reaches far
// enough right that none of them is clipped.

#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QChart>
#include <QColor>
#include <QFont>
#include <QList>
#include <QPointF>
#include <QStringList>

#include <optional>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QGraphicsSimpleTextItem;
class QHorizontalBarSeries;
class QLineSeries;
class QLogValueAxis;

namespace chunkscope::ui {

class CompareChart : public QChart {
    Q_OBJECT
public:
    explicit CompareChart(QGraphicsItem* parent = nullptr);

    // results: as Runner::compare returns them (sequential first), or the part of them that has
    // finished.
    void setResults(std::vector<CellResult> results);
    // The floor line appears when limits are set and results are there.
    void setSpeedLimits(const std::optional<SpeedLimits>& limits, int logicalCores);
    const std::vector<CellResult>& results() const { return results_; }
    // The title instead of "Every strategy: …" (empty: that one again).
    void setHeading(const QString& heading);

    // Categories (rows, top first): one per strategy, or one per pair of twins.
    int barCount() const;
    // Medians in milliseconds, one value per category, bottom up (the last row first): ours (or
    // every strategy's, unpaired); a row without a result has a bar of no length, at the axis'
    // left end. barValue(row) reads them top first.
    QBarSet* bars() const { return bars_; }
    double barValue(int row) const;
    // Paired: the twins' medians (none, at the axis' left end, where a strategy has none); null
    // otherwise. twinValue(row) reads them top first.
    QBarSet* twinBars() const { return paired_ ? twinBars_ : nullptr; }
    double twinValue(int row) const;
    bool paired() const { return paired_; }
    // Each row's full name(s), top first: "fork-split", or "fork-split · py-split" for a pair.
    QStringList categories() const;
    // Empty (no points) without speed limits.
    QLineSeries* floorLine() const { return floor_; }
    // Speedup of result i over the sequential one, or 0 when unknown.
    double speedup(int i) const;
    // The label at the end of each bar that has one (ours, then the twins'), as drawn.
    QList<QGraphicsSimpleTextItem*> valueLabels() const { return labels_; }
    // "12.3 ms · 0.81× sequential" (with the runs it got when the cell budget cut it short).
    QString valueText(const CellResult& result) const;
    QString barToolTip(const CellResult& result) const;

private:
    struct Pair {
        const CellResult* ours = nullptr;
        const CellResult* twin = nullptr;
    };
    void refresh();
    // Each of ours with its twin, then the Python strategies no one of ours has as twin, alone.
    std::vector<Pair> pairs() const;
    void setPaired(bool paired);
    const CellResult* sequential() const;
    // Where row's bar (ours, or its twin's) sits on the category axis, which counts from the bottom.
    double rowPosition(std::size_t row, bool twin) const;
    // The bars that get a label: each result with its bar's centre in category units.
    std::vector<std::pair<const CellResult*, double>> labelled() const;
    // Whether a bar of ms holds its label (labelWidth pixels) inside, on a plot this wide whose
    // axis ends at top.
    bool fitsInside(double ms, double labelWidth, double plotWidth, double top) const;
    // The axis' right end that leaves room for every label after its bar (or inside it), for a
    // plot this wide.
    double axisTop(double plotWidth) const;
    // The value labels' font: the axis', smaller only where it would overlap the next bar's label.
    QFont valueFont() const;
    // The value labels at their bars' ends; the axis stretched right (after the layout) until they fit.
    void placeLabels();
    // The strategies' names: the font asked for (the window's, or presentation mode's), smaller
    // where a row is lower than one line of it; Qt Charts would draw every name as "..." then.
    QFont namesFont() const;
    void showTip(bool hovering, int index, QBarSet* set);

    std::vector<CellResult> results_;
    std::vector<Pair> rows_;
    std::optional<SpeedLimits> limits_;
    int cores_ = 1;
    QString heading_;
    QHorizontalBarSeries* series_ = nullptr;
    QBarSet* bars_ = nullptr;
    QBarSet* twinBars_ = nullptr;
    bool paired_ = false;
    QLineSeries* floor_ = nullptr;
    QBarCategoryAxis* categories_ = nullptr;
    QLogValueAxis* axis_ = nullptr;
    QList<QGraphicsSimpleTextItem*> labels_;
    double bottom_ = 0;   // the axis' left end, a whole decade
    double top_ = 0;      // the longest bar or floor, ms
    bool stretching_ = false;   // a stretch of the axis is queued
    QFont namesWanted_;         // the names' font as asked for (namesFont fits it to the rows)
    bool fittingNames_ = false; // the names' font is being fitted (not asked for)
};

} // namespace chunkscope::ui

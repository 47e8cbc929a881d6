// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A series of sweeps seen side by side (SeriesSweeps: the OpenMP schedules, the Python pools):
// one heatmap per sweep (a HeatmapGrid, as the class view's machines), on one colour scale, each
// titled with its member (the schedule, the library) and its best and worst cell, under a
// heading that says what ran and a line for each member left out; exportable as one image.

#include "presets.h"

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QDialog>
#include <QString>

#include <vector>

class QLabel;

namespace chunkscope::ui {

class HeatmapGrid;
class ResultsModel;

class SeriesView : public QDialog {
    Q_OBJECT
public:
    // One heatmap per sweep of plan (series' members that can run here).
    SeriesView(const SweepSeries& series, const SeriesPlan& plan, QWidget* parent = nullptr);

    // Sweep i's cells (its grid, and the sequential run with them) in heatmap i, retitled; every
    // heatmap goes on the range of all the cells shown.
    void setResults(int i, const MachineInfo& machine, std::vector<CellResult> results, const QDateTime& date);

    HeatmapGrid* grid() const { return grid_; }
    QLabel* heading() const { return heading_; }
    // The members left out, a line each (hidden when none was).
    QLabel* leftOut() const { return leftOut_; }
    // The heading and the heatmaps as one picture (.png, .svg or .pdf by suffix, 1920 × 1080 at
    // 144 dpi as the other exports); false and *error when it cannot be written.
    bool exportImage(const QString& path, QString* error);

private:
    void chooseExport();

    std::vector<QString> labels_;   // each heatmap's member
    std::vector<ResultsModel*> models_;
    QString name_;
    QString exportName_;
    bool defaultsInTitles_ = false;
    QString about_;                // the heading's sentence on what ran, before the machine's
    QWidget* content_ = nullptr;   // what the export draws: the heading and the grid
    QLabel* heading_ = nullptr;
    QLabel* leftOut_ = nullptr;
    HeatmapGrid* grid_ = nullptr;
};

} // namespace chunkscope::ui

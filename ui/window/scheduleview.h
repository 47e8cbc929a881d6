// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presets ▸ OpenMP: static vs dynamic vs guided, seen side by side: one heatmap per schedule
// (a HeatmapGrid, as the class view's machines), on one colour scale, each titled with its
// schedule and its best and worst cell; exportable as one image.

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

class ScheduleView : public QDialog {
    Q_OBJECT
public:
    explicit ScheduleView(const SchedulePreset& preset, QWidget* parent = nullptr);

    // Sweep i's cells (its schedule's grid, and the sequential run with them) in heatmap i,
    // retitled; every heatmap goes on the range of all the cells shown.
    void setResults(int i, const MachineInfo& machine, std::vector<CellResult> results, const QDateTime& date);

    HeatmapGrid* grid() const { return grid_; }
    QLabel* heading() const { return heading_; }
    // The heading and the heatmaps as one picture (.png, .svg or .pdf by suffix, 1920 × 1080 at
    // 144 dpi as the other exports); false and *error when it cannot be written.
    bool exportImage(const QString& path, QString* error);

private:
    void chooseExport();

    std::vector<Schedule> schedules_;
    std::vector<ResultsModel*> models_;
    QString name_;
    QString about_;                // the heading's sentence on what ran, before the machine's
    QWidget* content_ = nullptr;   // what the export draws: the heading and the grid
    QLabel* heading_ = nullptr;
    HeatmapGrid* grid_ = nullptr;
};

} // namespace chunkscope::ui

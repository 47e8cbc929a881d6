// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File ▸ Open class results: a class's machines side by side. Every student ran the same
// preset and saved a report; this shows one small heatmap per machine on one shared colour
// scale, a table of each machine's best cell, speedup and floor with its CPU, cores and
// governor, and lists the reports of another experiment with the reason (never mixed in) and
// the files that could not be read with their error.

#include "chunkscope/classresults.h"

#include <QDialog>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

class QListWidget;
class QTableWidget;

namespace chunkscope::ui {

class HeatmapChart;
class HeatmapGrid;

class ClassView : public QDialog {
    Q_OBJECT
public:
    explicit ClassView(ClassResults results, QWidget* parent = nullptr);

    // Reads paths (reports, or folders of them) and shows them in a new view (deleted on close).
    static ClassView* open(const QStringList& paths, QWidget* parent);
    // Asks for several reports (or a folder), then opens them; nothing when the teacher cancels.
    static ClassView* chooseFiles(QWidget* parent);
    static ClassView* chooseFolder(QWidget* parent);

    const ClassResults& results() const { return results_; }
    // One per machine of the class's experiment, in the order of the table.
    const std::vector<HeatmapChart*>& heatmaps() const;
    // The colour scale every heatmap shares (nothing while no cell has a time).
    std::optional<std::pair<double, double>> sharedRange() const;
    QTableWidget* machineTable() const { return table_; }
    // The reports of another experiment, then the unreadable files: "name: reason".
    QListWidget* setApartList() const { return setApart_; }

private:
    void addHeatmaps(QWidget* area);
    void fillTable();
    void fillSetApart();

    ClassResults results_;
    HeatmapGrid* grid_ = nullptr;   // one small heatmap per machine
    QTableWidget* table_ = nullptr;
    QListWidget* setApart_ = nullptr;
};

} // namespace chunkscope::ui

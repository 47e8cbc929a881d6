// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A second result set the heatmap measures this one against: the Python twin's sweep of the
// same grid, another session, another machine's. It keeps its cells (for the comparison) and a
// model of them (for a second heatmap beside the first), with a label that says where they come
// from: its strategy, its machine and when it ran.

#include "chunkscope/diff.h"
#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <vector>

namespace chunkscope::ui {

class ResultsModel;

class Reference : public QObject {
    Q_OBJECT
public:
    explicit Reference(QObject* parent = nullptr);

    // A copy of what model holds now (it may go on changing).
    void setFrom(const ResultsModel& model);
    void set(const MachineInfo& machine, std::vector<CellResult> cells, const QDateTime& date);
    // Read back from a session or the CLI's JSON; false (and error) leaves the reference alone.
    bool load(const QString& path, QString* error);
    void clear();

    bool isEmpty() const { return cells_.empty(); }
    const std::vector<CellResult>& cells() const { return cells_; }
    // The reference's cells as a model, for a heatmap of them.
    ResultsModel* model() const { return model_; }
    // "py-split, 8 × 8 cells, <machine>, <date>"; empty without a reference.
    QString label() const;
    // The same without the machine when it is seen's (a caption under the heatmap of seen).
    QString shortLabel(const MachineInfo& seen) const;
    // Where it comes from: a file's name, or empty when it was measured in this window.
    QString source() const { return source_; }

    // Whether the results of model match the reference's cells on the strategy too (see
    // diff_by_strategy: a sweep against its twin's sweep matches on the grid only).
    bool byStrategy(const ResultsModel& model) const;
    // The reference cell that cell matches, with the ratio (cell ÷ reference) and the test.
    CellDiff compare(const CellResult& cell, bool byStrategy) const;

Q_SIGNALS:
    void changed();

private:
    std::vector<CellResult> cells_;
    MachineInfo machine_;
    QDateTime date_;
    QString source_;
    ResultsModel* model_ = nullptr;
};

// What a comparison says in a tooltip: the reference's median, the ratio and whether the
// difference is significant, or that there are too few samples to say.
QString referenceToolTip(const CellDiff& diff);

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The sweep's grid as typed: the splits and chunksize lists (the heatmap's rows and columns),
// each with its parse problem under it, a button back to the tutorial's grid, and a line for
// what else stops the sweep. Which lists a strategy sweeps is the core's rule (sweep_plan).

#include "problemlabel.h"

#include "chunkscope/plan.h"

#include <QGroupBox>
#include <QLineEdit>
#include <QString>

#include <cstddef>
#include <vector>

namespace chunkscope::ui {

class SweepGridBox : public QGroupBox {
    Q_OBJECT
public:
    explicit SweepGridBox(QWidget* parent = nullptr);

    // Each sets both lists and says changed() once.
    void setLists(const std::vector<std::size_t>& splits, const std::vector<std::size_t>& chunks);
    void setTexts(const QString& splits, const QString& chunks);
    QString splitsText() const;
    QString chunksText() const;

    // Greys out the lists the strategy does not sweep.
    void useKnobs(StrategyKind strategy);
    // The sweep of base over the lists as typed, planned by the core. A list the strategy sweeps
    // that does not parse has no values: the sweep has no cells.
    SweepSpec plan(const RunConfig& base) const;
    // Explains under each list the strategy sweeps why it does not parse; true when they all do.
    bool checkLists(StrategyKind strategy);
    void clearProblems();

    QLineEdit* splitsListEdit() const { return splitsList_; }
    QLineEdit* chunksListEdit() const { return chunksList_; }
    // Where a cell with more splits than items is explained, and where any other problem is.
    ProblemLabel* splitsProblemLabel() const { return splitsProblem_; }
    ProblemLabel* problemLabel() const { return problem_; }

Q_SIGNALS:
    void changed();

private:
    // The box's children, made with it, in this order; the constructor lays them out.
    QLineEdit* splitsList_ = new QLineEdit(this);
    QLineEdit* chunksList_ = new QLineEdit(this);
    ProblemLabel* splitsProblem_ = new ProblemLabel(this);
    ProblemLabel* chunksProblem_ = new ProblemLabel(this);
    ProblemLabel* problem_ = new ProblemLabel(this);
};

} // namespace chunkscope::ui

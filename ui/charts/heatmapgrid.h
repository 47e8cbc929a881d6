// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small multiples: several heatmaps side by side, each under its title, on one colour scale (the
// range of all their cells together), so that the same colour is the same time in every one.
// The class view puts a class's machines in one; the OpenMP schedules' view its three sweeps.

#include <QSize>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QGridLayout;
class QLabel;

namespace chunkscope::ui {

class HeatmapChart;
class ResultsModel;

// Small multiples are read from the back of the room (a class, a talk): the views that show them
// set their font this much larger than the desktop's.
constexpr double kSmallMultiplesFontScale = 1.3;

class HeatmapGrid : public QWidget {
    Q_OBJECT
public:
    // columns heatmaps to a row; objectName: the views are <objectName><i>, their titles
    // <objectName>Name<i>.
    HeatmapGrid(int columns, const QString& objectName, QWidget* parent = nullptr);

    // Adds model's heatmap (the grid does not own model) under title (rich text), with caption
    // under its plot (empty: the machine and the date of its results), in the grid's font.
    HeatmapChart* addHeatmap(ResultsModel* model, const QString& title, const QString& caption,
                             const QString& toolTip);
    void setTitle(int i, const QString& title);
    QLabel* titleLabel(int i) const { return titles_.at(static_cast<std::size_t>(i)); }
    // The smallest a heatmap is shown (its labels must not be clipped).
    void setMinimumChartSize(const QSize& size) { minimum_ = size; }
    // One row, one colour bar (before adding heatmaps): no title above each plot (the grid's say
    // what each is) and the shared scale drawn once, beside the last heatmap; the columns share
    // the width so that a cell is as wide in every plot (plots of as many columns are as wide);
    // the cells' labels at the desktop's size, so that they fit.
    void setCompact(bool compact) { compact_ = compact; }

    const std::vector<HeatmapChart*>& heatmaps() const { return heatmaps_; }
    // Puts every heatmap on the range of all their cells (by median time) together.
    void shareScale();
    // The colour scale every heatmap shares (nothing while no cell has a time).
    std::optional<std::pair<double, double>> sharedRange() const { return range_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // Compact: each plot as wide as its columns ask, the last wider by its colour scale.
    void balanceColumns();

    QGridLayout* grid_;
    int columns_;
    QSize minimum_{420, 320};
    bool compact_ = false;
    std::vector<HeatmapChart*> heatmaps_;
    std::vector<QLabel*> titles_;
    std::optional<std::pair<double, double>> range_;
};

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapgrid.h"

#include "cellcoloring.h"
#include "chartview.h"
#include "heatmapchart.h"

#include <QApplication>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

HeatmapGrid::HeatmapGrid(int columns, const QString& objectName, QWidget* parent)
    : QWidget(parent), grid_(new QGridLayout(this)), columns_(std::max(1, columns))
{
    setObjectName(objectName);
}

HeatmapChart* HeatmapGrid::addHeatmap(ResultsModel* model, const QString& title, const QString& caption,
                                      const QString& toolTip)
{
    const int i = static_cast<int>(heatmaps_.size());
    auto* chart = new HeatmapChart(model);
    if (!caption.isEmpty())
        chart->setCaption(caption);
    chart->setTextFont(font());
    if (compact_) {
        chart->setTitleShown(false);
        chart->setCellFont(QApplication::font());
        for (HeatmapChart* before : heatmaps_)
            before->setScaleShown(false);
    }
    auto* cell = new QWidget(this);
    auto* cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    auto* name = new QLabel(title, cell);
    name->setObjectName(objectName() + u"Name"_s + QString::number(i));
    name->setTextFormat(Qt::RichText);
    name->setWordWrap(true);
    QChartView* view = makeChartView(chart, objectName() + QString::number(i), cell);
    view->setMinimumSize(minimum_);
    view->setToolTip(toolTip);
    view->setFocusPolicy(Qt::StrongFocus);
    cellLayout->addWidget(name);
    cellLayout->addWidget(view, 1);
    grid_->addWidget(cell, i / columns_, i % columns_);
    heatmaps_.push_back(chart);
    titles_.push_back(name);
    // Once laid out, the room around its plot is known: the columns are balanced again.
    connect(chart, &QChart::plotAreaChanged, this, [this] {
        if (compact_)
            QTimer::singleShot(0, this, &HeatmapGrid::balanceColumns);
    });
    return chart;
}

void HeatmapGrid::setTitle(int i, const QString& title) { titles_.at(static_cast<std::size_t>(i))->setText(title); }

void HeatmapGrid::shareScale()
{
    range_.reset();
    for (HeatmapChart* chart : heatmaps_) {
        const auto r = CellColoring::valueRange(*chart->model(), HeatmapChart::ColorBy::Duration, chart->shownRows());
        if (!r)
            continue;
        range_ = range_ ? std::pair{std::min(range_->first, r->first), std::max(range_->second, r->second)} : *r;
    }
    for (HeatmapChart* chart : heatmaps_)
        chart->setScaleRange(range_);
    balanceColumns();
}

void HeatmapGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    balanceColumns();
}

void HeatmapGrid::balanceColumns()
{
    const int n = static_cast<int>(heatmaps_.size());
    if (!compact_ || n < 2)
        return;
    const QMargins m = grid_->contentsMargins();
    const int width = std::max(n, this->width() - m.left() - m.right() - grid_->horizontalSpacing() * (n - 1));
    // Each plot as wide as its columns ask, so that a cell is as wide in every heatmap; a map of
    // one column (py-dask's) as wide as two cells, or as the words under it if they ask more.
    // Around each plot: its axes' labels and margins (and beside the last, the colour scale), as
    // laid out now.
    std::vector<int> around;
    int columns = 0;
    int arounds = 0;
    for (int c = 0; c < n; ++c) {
        const HeatmapChart* chart = heatmaps_[static_cast<std::size_t>(c)];
        const qreal plot = chart->plotArea().width();
        const int room = c == n - 1 ? static_cast<int>(chart->scaleRoom()) : 0;
        around.push_back(plot > 0 ? std::max(room, static_cast<int>(chart->size().width() - plot)) : room);
        arounds += around.back();
        columns += std::max(2, chart->columns());
    }
    int cell = std::max(1, (width - arounds) / std::max(1, columns));
    // The words' width, where two cells are too narrow for them, is taken before the cells share
    // the rest.
    const auto words = [](const HeatmapChart* chart) {
        return chart->columns() == 1 ? static_cast<int>(std::ceil(chart->axisTitleWidth())) + 16 : 0;
    };
    int reserved = 0;
    int shared = 0;
    for (const HeatmapChart* chart : heatmaps_) {
        if (words(chart) > 2 * cell)
            reserved += words(chart);
        else
            shared += std::max(2, chart->columns());
    }
    if (reserved > 0)
        cell = std::max(1, (width - arounds - reserved) / std::max(1, shared));
    for (int c = 0; c < n; ++c) {
        const HeatmapChart* chart = heatmaps_[static_cast<std::size_t>(c)];
        const int plot = std::max(cell * std::max(2, chart->columns()), words(chart));
        const int stretch = around[static_cast<std::size_t>(c)] + plot;
        if (std::abs(grid_->columnStretch(c) - stretch) > 2)   // a pixel's rounding relays nothing out
            grid_->setColumnStretch(c, stretch);
    }
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapchart.h"

#include "colorscaleitem.h"
#include "heatmapmarks.h"
#include "reference.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/registry.h"

#include <QCategoryAxis>
#include <QFontMetricsF>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QPen>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
// Above everything Qt Charts draws inside the plot area.
constexpr qreal kCellZ = 20;
constexpr qreal kLabelZ = 21;
constexpr qreal kMarkZ = 22;

QString axisLabel(std::size_t v)
{
    return v < 100000 ? QString::number(v) : formatCount(v);
}

} // namespace

HeatmapChart::HeatmapChart(ResultsModel* model, QGraphicsItem* parent) : QChart(parent), model_(model)
{
    legend()->hide();
    setBackgroundRoundness(0);
    setAnimationOptions(QChart::NoAnimation);
    setPlotAreaBackgroundVisible(false);
    QFont title = titleFont();
    title.setBold(true);
    setTitleFont(title);

    anchor_ = new QLineSeries(this);
    addSeries(anchor_);
    xAxis_ = new QCategoryAxis(this);
    yAxis_ = new QCategoryAxis(this);
    for (QCategoryAxis* axis : {xAxis_, yAxis_}) {
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        axis->setGridLineVisible(false);
        axis->setStartValue(0);
        axis->setRange(0, 1);
    }
    addAxis(xAxis_, Qt::AlignBottom);
    addAxis(yAxis_, Qt::AlignLeft);
    anchor_->attachAxis(xAxis_);
    anchor_->attachAxis(yAxis_);

    marks_ = std::make_unique<HeatmapMarks>(this, kMarkZ);
    scale_ = new ColorScaleItem(this);
    scale_->setFont(xAxis_->labelsFont());
    captionItem_ = new QGraphicsSimpleTextItem(this);
    captionItem_->setBrush(QColor(70, 70, 70));
    defaultsLegend_ = new QGraphicsSimpleTextItem(this);
    defaultsLegend_->setBrush(QColor(10, 10, 10));
    placeholder_ = new QGraphicsSimpleTextItem(
        tr("Press Sweep (Ctrl+Shift+R) or Run (Ctrl+R): cells appear here as they finish."), this);
    placeholder_->setBrush(QColor(90, 90, 90));
    placeholder_->setZValue(kLabelZ);

    connect(this, &QChart::plotAreaChanged, this, &HeatmapChart::layoutItems);
    connect(model_, &ResultsModel::experimentChanged, this, &HeatmapChart::rebuild);
    connect(model_, &ResultsModel::runningChanged, this, &HeatmapChart::refresh);
    connect(model_, &ResultsModel::referenceChanged, this, &HeatmapChart::refresh);
    connect(model_, &QAbstractItemModel::modelReset, this, &HeatmapChart::rebuild);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &HeatmapChart::refresh);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &HeatmapChart::refresh);
    connect(model_, &QAbstractItemModel::dataChanged, this, &HeatmapChart::refresh);
    rebuild();
}

HeatmapChart::~HeatmapChart() = default;

QString HeatmapChart::colorByName(ColorBy by)
{
    switch (by) {
    case ColorBy::Speedup: return tr("speedup");
    case ColorBy::FloorDistance: return tr("distance from the floor");
    case ColorBy::OwnFloorDistance: return tr("distance from its own floor");
    case ColorBy::DominantPhase: return tr("dominant phase");
    case ColorBy::Reference: return tr("ratio to the reference");
    case ColorBy::Duration: break;
    }
    return tr("median time");
}

void HeatmapChart::setColorBy(ColorBy by)
{
    if (by == colorBy_)
        return;
    colorBy_ = by;
    rebuild();   // the legend's width changes with the mode
    Q_EMIT colorByChanged();
}

HeatmapChart::ColorBy HeatmapChart::effectiveColorBy() const
{
    switch (colorBy_) {
    case ColorBy::Speedup: return model_->baselineSeconds() ? ColorBy::Speedup : ColorBy::Duration;
    case ColorBy::FloorDistance: return model_->speedLimits() ? ColorBy::FloorDistance : ColorBy::Duration;
    case ColorBy::OwnFloorDistance: return model_->speedLimits() ? ColorBy::OwnFloorDistance : ColorBy::Duration;
    case ColorBy::Reference: return model_->hasReference() ? ColorBy::Reference : ColorBy::Duration;
    default: return colorBy_;
    }
}

void HeatmapChart::setScaleRange(const std::optional<std::pair<double, double>>& range)
{
    if (range == scaleRange_)
        return;
    scaleRange_ = range;
    refresh();
}

std::vector<int> HeatmapChart::shownRows() const
{
    std::vector<int> rows;
    for (int r = 0; r < static_cast<int>(model_->splitsAxis().size()); ++r)
        for (int c = 0; c < static_cast<int>(model_->chunksAxis().size()); ++c)
            rows.push_back(model_->rowAt(model_->splitsAxis()[static_cast<std::size_t>(r)],
                                         model_->chunksAxis()[static_cast<std::size_t>(c)]));
    return rows;
}

void HeatmapChart::setPrediction(const std::optional<GridPoint>& point)
{
    prediction_ = point;
    refresh();
}

std::optional<std::pair<int, int>> HeatmapChart::cellAtScenePos(const QPointF& scenePos) const
{
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c)
            if (cellAt(r, c)->rect->sceneBoundingRect().contains(scenePos))
                return std::pair{r, c};
    return std::nullopt;
}

void HeatmapChart::setTextFont(const QFont& font)
{
    for (Cell& cell : cells_) {
        QFont f = cellFont_.value_or(font);
        f.setBold(highContrast_);
        cell.label->setFont(f);
    }
    scale_->setFont(font);
    captionItem_->setFont(font);
    defaultsLegend_->setFont(font);
    placeholder_->setFont(font);
    marks_->setFont(font);
    rebuild();   // the margins follow the scale's and the caption's sizes
}

void HeatmapChart::setCellFont(const QFont& font)
{
    cellFont_ = font;
    for (Cell& cell : cells_) {
        QFont f = font;
        f.setBold(highContrast_);
        cell.label->setFont(f);
    }
    layoutItems();   // which labels fit
}

void HeatmapChart::setTitleShown(bool shown)
{
    titleShown_ = shown;
    rebuild();
}

void HeatmapChart::setScaleShown(bool shown)
{
    scaleShown_ = shown;
    rebuild();
}

qreal HeatmapChart::scaleRoom() const { return scale_->width() + 12; }

qreal HeatmapChart::axisTitleWidth() const
{
    return QFontMetricsF(xAxis_->titleFont()).horizontalAdvance(xAxis_->titleText());
}

void HeatmapChart::setHighContrast(bool on)
{
    if (on == highContrast_)
        return;
    highContrast_ = on;
    for (Cell& cell : cells_) {
        cell.rect->setPen(on ? QPen(Qt::black, 2) : QPen(Qt::white, 1));
        QFont f = cell.label->font();
        f.setBold(on);
        cell.label->setFont(f);
    }
    captionItem_->setBrush(on ? QColor(Qt::black) : QColor(70, 70, 70));
    refresh();
}

void HeatmapChart::setCaption(const QString& caption)
{
    caption_ = caption;
    rebuild();
}

QString HeatmapChart::caption() const
{
    if (!caption_.isEmpty())
        return caption_;
    QString text;
    if (!model_->machine().cpu_model.empty() || model_->machine().logical_cores > 0)
        text = machineText(model_->machine());
    // The machine's state when the run started, once there are results (governor, boost, load).
    if (model_->rowCount() > 0 && !text.isEmpty())
        text += u" · "_s + qs(describe_machine_state(model_->machine()));
    if (model_->date().isValid())
        text += (text.isEmpty() ? QString() : u" · "_s) + model_->date().toString(u"yyyy-MM-dd HH:mm"_s);
    if (effectiveColorBy() == ColorBy::Reference)
        text += (text.isEmpty() ? QString() : u" · "_s) + tr("÷ reference: %1").arg(model_->reference()->shortLabel(model_->machine()));
    return text;
}

void HeatmapChart::setAxisCategories(QCategoryAxis* axis, const std::vector<std::size_t>& values)
{
    const QStringList old = axis->categoriesLabels();
    for (const QString& label : old)
        axis->remove(label);
    for (std::size_t i = 0; i < values.size(); ++i)
        axis->append(axisLabel(values[i]), static_cast<qreal>(i + 1));
    axis->setRange(0, std::max<qreal>(1, static_cast<qreal>(values.size())));
}

void HeatmapChart::rebuild()
{
    rebuilding_ = true;
    rows_ = static_cast<int>(model_->splitsAxis().size());
    columns_ = static_cast<int>(model_->chunksAxis().size());
    setAxisCategories(xAxis_, model_->chunksAxis());
    setAxisCategories(yAxis_, model_->splitsAxis());
    // A strategy without chunksize (py-dask, std-par) has one column: it says so, not "1".
    const bool chunks = !model_->hasExperiment() || strategy_info(model_->base().strategy).uses(Knob::Chunksize);
    xAxis_->setTitleText(chunks ? tr("chunksize (parts per task)") : tr("no chunksize"));
    if (!chunks && columns_ == 1)
        xAxis_->replaceLabel(xAxis_->categoriesLabels().constFirst(), u"—"_s);
    const bool items = model_->hasExperiment() && strategy_info(model_->base().strategy).parts_are_items;
    yAxis_->setTitleText(items ? tr("splits (every item is a part)") : tr("splits (parts of the vector)"));
    if (!titleShown_)
        setTitle(QString());
    else
        setTitle(model_->hasExperiment() ? experimentTitle(model_->base()) : tr("Chunkscope: splits × chunksize"));

    const std::size_t wanted = static_cast<std::size_t>(rows_ * columns_);
    while (cells_.size() > wanted) {
        delete cells_.back().label;
        delete cells_.back().rect;
        cells_.pop_back();
    }
    while (cells_.size() < wanted) {
        Cell cell;
        cell.rect = new QGraphicsRectItem(this);
        cell.rect->setZValue(kCellZ);
        cell.rect->setPen(highContrast_ ? QPen(Qt::black, 2) : QPen(Qt::white, 1));
        cell.label = new QGraphicsSimpleTextItem(cell.rect);
        cell.label->setZValue(kLabelZ);
        QFont f = cellFont_.value_or(captionItem_->font());
        f.setBold(highContrast_);
        cell.label->setFont(f);
        cells_.push_back(cell);
    }
    placeholder_->setVisible(wanted == 0);
    xAxis_->setVisible(wanted != 0);
    yAxis_->setVisible(wanted != 0);
    captionItem_->setText(caption());

    // The library's default on each row, in the grid's cells.
    defaults_.clear();
    defaultGridCells_.clear();
    if (model_->hasExperiment())
        defaults_ = libraryDefaultCells(model_->base(), model_->splitsAxis(), model_->chunksAxis());
    const auto indexOf = [](const std::vector<std::size_t>& axis, std::size_t v) {
        return static_cast<int>(std::find(axis.begin(), axis.end(), v) - axis.begin());
    };
    for (const DefaultCell& d : defaults_) {
        if (!d.marked())
            continue;
        const int row = indexOf(model_->splitsAxis(), d.splits);
        for (int c = 0; c < columns_; ++c)
            if (!d.chunksize || model_->chunksAxis()[static_cast<std::size_t>(c)] == *d.chunksize)
                defaultGridCells_.emplace_back(row, c);
    }
    defaultLegends_ = libraryDefaultLegends(model_->base(), defaults_);   // off the grid too: it says so
    defaultsLegend_->setVisible(!defaultLegends_.isEmpty());

    const QFontMetricsF fm(captionItem_->font());
    const qreal below = fm.height() * (defaultLegends_.isEmpty() ? 1 : 2) + (defaultLegends_.isEmpty() ? 10 : 14);
    setMargins(QMargins(10, 6, scaleShown_ ? static_cast<int>(scaleRoom()) + 10 : 10, static_cast<int>(below)));
    rebuilding_ = false;
    refresh();
}

void HeatmapChart::refresh()
{
    if (rebuilding_)
        return;
    std::vector<int> modelRows;
    modelRows.reserve(cells_.size());
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            cell.modelRow = model_->rowAt(model_->splitsAxis()[static_cast<std::size_t>(r)],
                                          model_->chunksAxis()[static_cast<std::size_t>(c)]);
            modelRows.push_back(cell.modelRow);
        }
    const CellColoring coloring(*model_, effectiveColorBy(), modelRows, scaleRange_);
    coloring.applyScale(*scale_);
    captionItem_->setText(caption());

    const auto running = model_->runningCell();
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            const GridPoint point{model_->splitsAxis()[static_cast<std::size_t>(r)],
                                  model_->chunksAxis()[static_cast<std::size_t>(c)]};
            const CellColoring::Look look =
                coloring.look(point, cell.modelRow, running && *running == point, prediction_ && *prediction_ == point);
            cell.rect->setBrush(look.brush);
            QString toolTip = look.toolTip;
            for (const DefaultCell& d : defaults_)
                if (d.marked() && d.splits == point.splits && (!d.chunksize || *d.chunksize == point.chunksize))
                    toolTip += u"\n◢ "_s + libraryDefaultNote(model_->base(), d);
            cell.rect->setToolTip(toolTip);
            cell.label->setText(look.text);
            cell.label->setBrush(look.textColor);
        }
    layoutItems();
}

QRectF HeatmapChart::cellRect(int row, int column)
{
    const QPointF topLeft = mapToPosition(QPointF(column, row + 1), anchor_);
    const QPointF bottomRight = mapToPosition(QPointF(column + 1, row), anchor_);
    return QRectF(topLeft, bottomRight).normalized();
}

void HeatmapChart::layoutItems()
{
    if (rebuilding_ || cells_.size() != static_cast<std::size_t>(rows_ * columns_))
        return;
    const QRectF plot = plotArea();
    const QFontMetricsF fm(captionItem_->font());
    captionItem_->setPos(margins().left(), size().height() - fm.height() - 6);
    // The longest wording of the defaults' legend that fits the chart's width, over the caption.
    const qreal room = size().width() - margins().left() - 10;
    QString legend = defaultLegends_.isEmpty() ? QString() : defaultLegends_.back();
    for (const QString& text : defaultLegends_)
        if (fm.horizontalAdvance(text) <= room) {
            legend = text;
            break;
        }
    defaultsLegend_->setText(legend);
    defaultsLegend_->setToolTip(defaultLegends_.isEmpty() ? QString() : defaultLegends_.front());
    defaultsLegend_->setPos(margins().left(), size().height() - 2 * fm.height() - 10);
    const QRectF ph = placeholder_->boundingRect();
    placeholder_->setPos(plot.center() - ph.center());
    scale_->setBarRect(QRectF(plot.right() + 14, plot.top(), 14, plot.height()));
    scale_->setVisible(scaleShown_ && plot.width() > 0);

    const auto running = model_->runningCell();
    const int best = model_->bestRow();
    std::optional<QRectF> bestRect;
    std::optional<QRectF> runningRect;
    std::optional<QRectF> predictionRect;
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            const QRectF rect = cellRect(r, c);
            cell.rect->setRect(rect);
            const QRectF text = cell.label->boundingRect();
            const bool fits = text.width() <= rect.width() - 4 && text.height() <= rect.height() - 2;
            cell.label->setVisible(!cell.label->text().isEmpty() && fits);
            cell.label->setPos(rect.center() - text.center());
            const GridPoint point{model_->splitsAxis()[static_cast<std::size_t>(r)],
                                  model_->chunksAxis()[static_cast<std::size_t>(c)]};
            if (best >= 0 && cell.modelRow == best)
                bestRect = rect;
            if (running && *running == point)
                runningRect = rect;
            if (prediction_ && *prediction_ == point)
                predictionRect = rect;
        }
    marks_->place(bestRect, runningRect, predictionRect);
    std::vector<HeatmapMarks::DefaultMark> defaults;
    for (const auto& [r, c] : defaultGridCells_) {
        const auto d = std::find_if(defaults_.begin(), defaults_.end(), [&](const DefaultCell& cell) {
            return cell.splits == model_->splitsAxis()[static_cast<std::size_t>(r)];
        });
        defaults.push_back({cellRect(r, c), d->fit == DefaultCell::Fit::Exact});
    }
    marks_->placeDefaults(defaults);
}

const HeatmapChart::Cell* HeatmapChart::cellAt(int row, int column) const
{
    if (row < 0 || row >= rows_ || column < 0 || column >= columns_)
        return nullptr;
    return &cells_[static_cast<std::size_t>(row * columns_ + column)];
}

QGraphicsRectItem* HeatmapChart::cellItem(int row, int column) const
{
    const Cell* cell = cellAt(row, column);
    return cell ? cell->rect : nullptr;
}

int HeatmapChart::modelRow(int row, int column) const
{
    const Cell* cell = cellAt(row, column);
    return cell ? cell->modelRow : -1;
}

QString HeatmapChart::cellLabel(int row, int column) const
{
    const Cell* cell = cellAt(row, column);
    return cell ? cell->label->text() : QString();
}

bool HeatmapChart::cellLabelVisible(int row, int column) const
{
    const Cell* cell = cellAt(row, column);
    return cell && cell->label->isVisible();
}

QGraphicsRectItem* HeatmapChart::bestItem() const { return marks_->best(); }

QGraphicsRectItem* HeatmapChart::runningItem() const { return marks_->running(); }

QGraphicsRectItem* HeatmapChart::predictionItem() const { return marks_->prediction(); }

std::vector<QGraphicsPolygonItem*> HeatmapChart::defaultItems() const { return marks_->defaults(); }

} // namespace chunkscope::ui

#include "heatmapchart.h"

#include "colormap.h"
#include "colorscaleitem.h"
#include "phasechart.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QBrush>
#include <QCategoryAxis>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
// Above everything Qt Charts draws inside the plot area.
constexpr qreal kCellZ = 20;
constexpr qreal kLabelZ = 21;
constexpr qreal kMarkZ = 22;
const QColor kNotRun(232, 232, 232);
const QColor kPrediction(0xd0, 0x00, 0x78);   // magenta: apart from every colour of the map
constexpr double kUnstableCv = 0.10;   // above this, a cell is marked unstable

QString axisLabel(std::size_t v)
{
    return v < 100000 ? QString::number(v) : formatCount(v);
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// A phase that takes a fifth of the time (the least a dominant one of five can) is pale, one
// that takes all of it is its full colour.
QColor phaseCellColor(const Phases& phases)
{
    const double t = std::clamp((PhaseChart::dominantShare(phases) - 0.2) / 0.8, 0.0, 1.0);
    return mix(Qt::white, PhaseChart::phaseColor(PhaseChart::dominantPhase(phases)), 0.3 + 0.7 * t);
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
    xAxis_->setTitleText(tr("chunksize (parts per task)"));
    addAxis(xAxis_, Qt::AlignBottom);
    addAxis(yAxis_, Qt::AlignLeft);
    anchor_->attachAxis(xAxis_);
    anchor_->attachAxis(yAxis_);

    best_ = new QGraphicsRectItem(this);
    best_->setPen(QPen(QColor(10, 10, 10), 3));
    bestInner_ = new QGraphicsRectItem(this);
    bestInner_->setPen(QPen(Qt::white, 1.5));
    running_ = new QGraphicsRectItem(this);
    running_->setPen(QPen(QColor(10, 10, 10), 2.5, Qt::DashLine));
    running_->setBrush(QColor(255, 255, 255, 70));
    predictionMark_ = new QGraphicsRectItem(this);
    predictionMark_->setPen(QPen(kPrediction, 3, Qt::DashDotLine));
    predictionTag_ = new QGraphicsRectItem(this);
    predictionTag_->setPen(QPen(kPrediction, 1));
    predictionTag_->setBrush(Qt::white);
    predictionText_ = new QGraphicsSimpleTextItem(tr("guess"), predictionTag_);
    predictionText_->setBrush(kPrediction);
    for (QGraphicsRectItem* mark : {best_, bestInner_, running_, predictionMark_, predictionTag_}) {
        mark->setZValue(kMarkZ);
        mark->setVisible(false);
    }
    scale_ = new ColorScaleItem(this);
    scale_->setFont(xAxis_->labelsFont());
    captionItem_ = new QGraphicsSimpleTextItem(this);
    captionItem_->setBrush(QColor(70, 70, 70));
    placeholder_ = new QGraphicsSimpleTextItem(
        tr("Press Sweep (Ctrl+Shift+R) or Run (Ctrl+R): cells appear here as they finish."), this);
    placeholder_->setBrush(QColor(90, 90, 90));
    placeholder_->setZValue(kLabelZ);

    connect(this, &QChart::plotAreaChanged, this, &HeatmapChart::layoutItems);
    connect(model_, &ResultsModel::experimentChanged, this, &HeatmapChart::rebuild);
    connect(model_, &ResultsModel::runningChanged, this, &HeatmapChart::refresh);
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
    case ColorBy::DominantPhase: return tr("dominant phase");
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
}

HeatmapChart::ColorBy HeatmapChart::effectiveColorBy() const
{
    switch (colorBy_) {
    case ColorBy::Speedup: return model_->baselineSeconds() ? ColorBy::Speedup : ColorBy::Duration;
    case ColorBy::FloorDistance: return model_->speedLimits() ? ColorBy::FloorDistance : ColorBy::Duration;
    default: return colorBy_;
    }
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
        QFont f = font;
        f.setBold(highContrast_);
        cell.label->setFont(f);
    }
    scale_->setFont(font);
    captionItem_->setFont(font);
    placeholder_->setFont(font);
    predictionText_->setFont(font);
    rebuild();   // the margins follow the scale's and the caption's sizes
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
    if (model_->date().isValid())
        text += (text.isEmpty() ? QString() : u" · "_s) + model_->date().toString(u"yyyy-MM-dd HH:mm"_s);
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
    const bool items = model_->hasExperiment() && model_->base().strategy == StrategyKind::ForkItems;
    yAxis_->setTitleText(items ? tr("splits (every item is a part)") : tr("splits (parts of the vector)"));
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
        QFont f = captionItem_->font();
        f.setBold(highContrast_);
        cell.label->setFont(f);
        cells_.push_back(cell);
    }
    placeholder_->setVisible(wanted == 0);
    xAxis_->setVisible(wanted != 0);
    yAxis_->setVisible(wanted != 0);
    captionItem_->setText(caption());

    const QFontMetricsF fm(captionItem_->font());
    setMargins(QMargins(10, 6, static_cast<int>(scale_->width()) + 22, static_cast<int>(fm.height()) + 10));
    rebuilding_ = false;
    refresh();
}

void HeatmapChart::refresh()
{
    if (rebuilding_)
        return;
    const ColorBy by = effectiveColorBy();
    const auto baseline = model_->baselineSeconds();
    const auto valueOf = [&](int row) {
        switch (by) {
        case ColorBy::Speedup: return model_->speedup(row).value_or(0.0);
        case ColorBy::FloorDistance: return model_->floorRatio(row).value_or(0.0);
        default: return model_->result(row).median_s;
        }
    };
    double lo = 0;
    double hi = 0;
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            cell.modelRow = model_->rowAt(model_->splitsAxis()[static_cast<std::size_t>(r)],
                                          model_->chunksAxis()[static_cast<std::size_t>(c)]);
            if (cell.modelRow < 0 || model_->result(cell.modelRow).status != Status::Ok)
                continue;
            const double v = valueOf(cell.modelRow);
            if (v <= 0)
                continue;
            lo = lo == 0 ? v : std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (lo > 0 && hi <= lo) {
        lo /= 1.25;
        hi *= 1.25;
    }
    // Durations: fast is bright; speedups: high is bright; times the floor: near 1× is bright.
    const bool highIsBright = by == ColorBy::Speedup;
    const auto format = by == ColorBy::Duration ? &formatSeconds : &formatSpeedup;
    if (by == ColorBy::DominantPhase) {
        std::vector<std::pair<QColor, QString>> phases;
        for (int i = 0; i < PhaseChart::PhaseCount; ++i)
            phases.emplace_back(PhaseChart::phaseColor(i), PhaseChart::phaseName(i));
        scale_->setCategories(std::move(phases), tr("phase with most time (paler: a smaller share)"));
    } else if (lo > 0) {
        const QString title = by == ColorBy::Speedup         ? tr("speedup over sequential (log scale)")
                              : by == ColorBy::FloorDistance ? tr("times the floor the machine allows (log scale)")
                                                             : tr("median time (log scale)");
        scale_->setScale(lo, hi, highIsBright, title, by == ColorBy::Duration ? &formatSecondsCompact : &formatSpeedup);
    } else {
        scale_->clearScale();
    }

    const auto running = model_->runningCell();
    const int best = model_->bestRow();
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            const std::size_t splits = model_->splitsAxis()[static_cast<std::size_t>(r)];
            const std::size_t chunks = model_->chunksAxis()[static_cast<std::size_t>(c)];
            const bool isRunning = running && *running == GridPoint{splits, chunks};
            QString text;
            QBrush brush(kNotRun);
            QColor textColor(60, 60, 60);
            QString tip;
            if (cell.modelRow < 0) {
                text = isRunning ? tr("running…") : QString();
                tip = tr("splits %1 × chunksize %2: not run yet").arg(formatCount(splits), formatCount(chunks));
            } else {
                const CellResult& result = model_->result(cell.modelRow);
                tip = cellToolTip(result, baseline);
                if (result.status == Status::Ok) {
                    QColor color;
                    const int phase = PhaseChart::dominantPhase(result.phases);
                    if (by == ColorBy::DominantPhase && phase >= 0) {
                        color = phaseCellColor(result.phases);
                        text = PhaseChart::phaseName(phase) + u"\n"_s +
                               QString::number(std::lround(PhaseChart::dominantShare(result.phases) * 100)) + u" %"_s;
                    } else {
                        const double v = valueOf(cell.modelRow);
                        const double t = ColorScaleItem::logPosition(v, lo, hi);
                        color = ColorMap::at(highIsBright ? t : 1.0 - t);
                        text = by == ColorBy::DominantPhase ? QString() : format(v);
                    }
                    brush = QBrush(color);
                    textColor = ColorMap::textColorOn(color);
                    if (phase >= 0)
                        tip += u"<br>"_s + tr("most of its time: <b>%1</b> (%2 %)")
                                               .arg(PhaseChart::phaseName(phase))
                                               .arg(std::lround(PhaseChart::dominantShare(result.phases) * 100));
                    if (const auto floor = model_->floorSeconds(cell.modelRow))
                        tip += u"<br>"_s + tr("floor (what the machine allows): %1, this cell is %2 of it")
                                               .arg(formatSeconds(*floor), formatSpeedup(result.median_s / *floor));
                    // Unstable: the repetitions spread by more than 10 %.
                    if (result.cv > kUnstableCv) {
                        text = u"~"_s + text;
                        tip += u"<br><b>"_s + tr("unstable") + u"</b>: "_s +
                               tr("the repetitions vary by %1 % (CV); run more repetitions or quiet the machine")
                                   .arg(result.cv * 100.0, 0, 'f', 0);
                    }
                    if (cell.modelRow == best)
                        tip += u"<br><b>"_s + tr("fastest cell") + u"</b>"_s;
                } else if (result.status == Status::Failed) {
                    brush = QBrush(QColor(150, 150, 150), Qt::BDiagPattern);
                    textColor = QColor(150, 20, 20);
                    text = tr("failed");
                } else {
                    text = tr("cancelled");
                }
            }
            if (prediction_ && *prediction_ == GridPoint{splits, chunks})
                tip += u"<br><b>"_s + tr("the class's guess for the fastest cell") + u"</b>"_s;
            cell.rect->setBrush(brush);
            cell.rect->setToolTip(tip);
            cell.label->setText(text);
            cell.label->setBrush(textColor);
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
    const QRectF ph = placeholder_->boundingRect();
    placeholder_->setPos(plot.center() - ph.center());
    scale_->setBarRect(QRectF(plot.right() + 14, plot.top(), 14, plot.height()));
    scale_->setVisible(plot.width() > 0);

    const auto running = model_->runningCell();
    const int best = model_->bestRow();
    bool bestShown = false;
    bool runningShown = false;
    bool predictionShown = false;
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            Cell& cell = cells_[static_cast<std::size_t>(r * columns_ + c)];
            const QRectF rect = cellRect(r, c);
            cell.rect->setRect(rect);
            const QRectF text = cell.label->boundingRect();
            const bool fits = text.width() <= rect.width() - 4 && text.height() <= rect.height() - 2;
            cell.label->setVisible(!cell.label->text().isEmpty() && fits);
            cell.label->setPos(rect.center() - text.center());
            if (best >= 0 && cell.modelRow == best) {
                best_->setRect(rect.adjusted(1.5, 1.5, -1.5, -1.5));
                bestInner_->setRect(rect.adjusted(3.75, 3.75, -3.75, -3.75));
                bestShown = true;
            }
            if (running && *running == GridPoint{model_->splitsAxis()[static_cast<std::size_t>(r)],
                                                 model_->chunksAxis()[static_cast<std::size_t>(c)]}) {
                running_->setRect(rect.adjusted(1.25, 1.25, -1.25, -1.25));
                runningShown = true;
            }
            if (prediction_ && *prediction_ == GridPoint{model_->splitsAxis()[static_cast<std::size_t>(r)],
                                                         model_->chunksAxis()[static_cast<std::size_t>(c)]}) {
                predictionMark_->setRect(rect.adjusted(6, 6, -6, -6));
                const QRectF tag = predictionText_->boundingRect().adjusted(-3, -1, 3, 1);
                predictionTag_->setRect(QRectF(QPointF(0, 0), tag.size()));
                predictionTag_->setPos(rect.left() + 2, rect.top() + 2);
                predictionText_->setPos(3, 1);
                predictionShown = true;
            }
        }
    best_->setVisible(bestShown);
    bestInner_->setVisible(bestShown);
    running_->setVisible(runningShown);
    predictionMark_->setVisible(predictionShown);
    predictionTag_->setVisible(predictionShown);
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

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparechart.h"

#include "strategynotes.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBrush>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
constexpr double kBarWidth = 0.9;     // of a row; the two bars of a pair share it
constexpr double kLabelGap = 6;       // pixels between a bar's end and its label
} // namespace

CompareChart::CompareChart(QGraphicsItem* parent) : QChart(parent)
{
    series_ = new QHorizontalBarSeries(this);
    series_->setBarWidth(kBarWidth);
    bars_ = new QBarSet(tr("median"), series_);
    bars_->setColor(strategyBarColor());
    series_->append(bars_);
    twinBars_ = new QBarSet(tr("the tutorial's Python (its twin)"), this);
    twinBars_->setColor(QColor(0xe0, 0x8a, 0x2c));
    series_->setLabelsVisible(false);   // ours: time and ratio, never clipped (placeLabels)
    addSeries(series_);
    floor_ = new QLineSeries(this);
    floor_->setName(tr("floor: what the machine allows"));
    floor_->setPen(QPen(QColor(0xc0, 0x30, 0x30), 2, Qt::DashLine));
    floor_->setPointsVisible(true);
    addSeries(floor_);
    categories_ = new QBarCategoryAxis(this);
    categories_->setGridLineVisible(false);
    addAxis(categories_, Qt::AlignLeft);
    // Log scale: the strategies differ by orders of magnitude, and the floor lies far below.
    axis_ = new QLogValueAxis(this);
    axis_->setBase(10);
    axis_->setMinorTickCount(-1);
    axis_->setTitleText(tr("median time, ms (log scale)"));
    axis_->setLabelFormat(u"%g"_s);
    addAxis(axis_, Qt::AlignBottom);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(series_), static_cast<QAbstractSeries*>(floor_)}) {
        s->attachAxis(axis_);
        s->attachAxis(categories_);
    }
    legend()->setAlignment(Qt::AlignBottom);
    namesWanted_ = categories_->labelsFont();
    connect(categories_, &QAbstractAxis::labelsFontChanged, this, [this](const QFont& font) {
        if (!fittingNames_)
            namesWanted_ = font;
    });
    connect(this, &QChart::plotAreaChanged, this, &CompareChart::placeLabels);
    connect(series_, &QHorizontalBarSeries::hovered, this, &CompareChart::showTip);
    refresh();
}

void CompareChart::setResults(std::vector<CellResult> results)
{
    results_ = std::move(results);
    refresh();
}

void CompareChart::setSpeedLimits(const std::optional<SpeedLimits>& limits, int logicalCores)
{
    limits_ = limits;
    cores_ = std::max(1, logicalCores);
    refresh();
}

void CompareChart::setHeading(const QString& heading)
{
    heading_ = heading;
    refresh();
}

int CompareChart::barCount() const { return static_cast<int>(bars_->count()); }

QStringList CompareChart::categories() const
{
    // The axis counts from the bottom: the first row, sequential, is its last category.
    QStringList names = categories_->categories();
    std::reverse(names.begin(), names.end());
    return names;
}

double CompareChart::barValue(int row) const { return bars_->at(barCount() - 1 - row); }

double CompareChart::twinValue(int row) const { return paired_ ? twinBars_->at(barCount() - 1 - row) : 0.0; }

double CompareChart::rowPosition(std::size_t row, bool twin) const
{
    // Bottom up on the axis; in a pair, Python's is the lower bar (the first set), ours above it.
    const double y = static_cast<double>(rows_.size() - 1 - row);
    return paired_ ? y + (twin ? -1 : 1) * kBarWidth / 4 : y;
}

const CellResult* CompareChart::sequential() const
{
    const auto seq = std::find_if(results_.begin(), results_.end(), [](const CellResult& r) {
        return !needs_baseline(r.config) && r.status == Status::Ok && r.median_s > 0;   // the baseline itself
    });
    return seq == results_.end() ? nullptr : &*seq;
}

double CompareChart::speedup(int i) const
{
    const CellResult* seq = sequential();
    const CellResult& r = results_.at(static_cast<std::size_t>(i));
    if (!seq || r.status != Status::Ok || r.median_s <= 0)
        return 0;
    return seq->median_s / r.median_s;
}

QString CompareChart::valueText(const CellResult& r) const
{
    if (r.status != Status::Ok)
        return r.status == Status::Cancelled ? tr("cancelled") : tr("failed");
    QString text = formatSeconds(r.median_s);
    const CellResult* seq = sequential();
    if (seq && !needs_baseline(r.config) && !strategy_info(r.config.strategy).tutorial_python)
        text += u" · "_s + tr("the baseline");
    else if (seq)
        text += u" · "_s + tr("%1 sequential").arg(formatSpeedup(r.median_s / seq->median_s));
    if (r.budget_cut)
        text += u" · "_s + budgetText(r);
    return text;
}

QString CompareChart::barToolTip(const CellResult& r) const
{
    const CellResult* seq = sequential();
    return cellToolTip(r, seq ? std::optional<double>(seq->median_s) : std::nullopt);
}

std::vector<CompareChart::Pair> CompareChart::pairs() const
{
    const auto find = [this](std::optional<StrategyKind> kind) -> const CellResult* {
        if (!kind)
            return nullptr;
        const auto it = std::find_if(results_.begin(), results_.end(),
                                     [&](const CellResult& r) { return r.config.strategy == *kind; });
        return it == results_.end() ? nullptr : &*it;
    };
    std::vector<Pair> out;
    for (const CellResult& r : results_)
        if (!strategy_info(r.config.strategy).tutorial_python)
            out.push_back({&r, find(twin_of(r.config.strategy))});
    for (const CellResult& r : results_)
        if (strategy_info(r.config.strategy).tutorial_python &&
            std::none_of(out.begin(), out.end(), [&](const Pair& p) { return p.twin == &r; }))
            out.push_back({nullptr, &r});   // its twin of ours has a row already: it stands alone
    return out;
}

void CompareChart::setPaired(bool paired)
{
    if (paired == paired_)
        return;
    paired_ = paired;
    if (paired) {
        bars_->setLabel(tr("Chunkscope (C++)"));
        series_->insert(0, twinBars_);   // the lower bar of each pair
    } else {
        bars_->setLabel(tr("median"));
        series_->take(twinBars_);
        twinBars_->setParent(this);
    }
}

void CompareChart::refresh()
{
    setPaired(std::any_of(results_.begin(), results_.end(),
                          [](const CellResult& r) { return strategy_info(r.config.strategy).tutorial_python; }));
    if (paired_) {
        rows_ = pairs();
    } else {
        rows_.clear();
        for (const CellResult& r : results_)
            rows_.push_back({&r, nullptr});
    }
    QStringList names;
    QList<qreal> ours;
    QList<qreal> twins;
    QList<QPointF> floorPoints;
    top_ = 0;
    double bottom = 0;
    const auto ms = [&](const CellResult* r) {
        const double v = r && r->status == Status::Ok ? r->median_s * 1000.0 : 0.0;
        top_ = std::max(top_, v);
        if (v > 0)
            bottom = bottom > 0 ? std::min(bottom, v) : v;
        return v;
    };
    for (const Pair& p : rows_) {
        const double a = ms(p.ours);
        const double b = ms(p.twin);
        // One line: a row is one bar high or two, too low for two lines of a projector's font.
        QString name = p.ours ? qs(to_string(p.ours->config.strategy)) : qs(to_string(p.twin->config.strategy));
        if (paired_ && p.ours && p.twin)
            name += u" · "_s + qs(to_string(p.twin->config.strategy));
        if (limits_ && p.ours) {
            const double floor = floor_seconds(p.ours->config, *limits_, cores_) * 1000.0;
            if (floor > 0) {
                floorPoints.append(QPointF(floor, rowPosition(static_cast<std::size_t>(names.size()), false)));
                top_ = std::max(top_, floor);
                bottom = bottom > 0 ? std::min(bottom, floor) : floor;
            }
        }
        names.append(name);
        ours.append(a);
        twins.append(b);
    }
    // A whole decade below the shortest bar; the right end follows the labels (placeLabels).
    bottom_ = bottom > 0 ? std::pow(10.0, std::floor(std::log10(bottom / 1.5))) : 0.1;
    // No result (failed, or no twin): a bar of no length, at the axis' left end (a log axis has no 0).
    for (QList<qreal>* values : {&ours, &twins})
        for (qreal& v : *values)
            v = v > 0 ? v : bottom_;
    // The axis counts from the bottom: rows go to it last first.
    std::reverse(names.begin(), names.end());
    std::reverse(ours.begin(), ours.end());
    std::reverse(twins.begin(), twins.end());
    bars_->remove(0, bars_->count());
    bars_->append(ours);
    twinBars_->remove(0, twinBars_->count());
    if (paired_)
        twinBars_->append(twins);
    categories_->clear();
    if (!names.isEmpty())
        categories_->append(names);
    floor_->replace(floorPoints);
    floor_->setVisible(!floorPoints.isEmpty());
    axis_->setRange(bottom_, axisTop(plotArea().width()));
    // Whole milliseconds print whole ("1000000", not "1e+06"); below one, as they come ("0.1").
    axis_->setLabelFormat(bottom_ < 1 ? u"%g"_s : u"%.0f"_s);
    const CellResult* first = results_.empty() ? nullptr : &results_.front();
    if (!heading_.isEmpty())
        setTitle(heading_);
    else if (!first)
        setTitle(tr("Compare strategies: Run ▸ Compare strategies runs each on the current workload"));
    else {
        // The workers of the parallel ones (sequential has one).
        const auto parallel = std::find_if(results_.begin(), results_.end(),
                                           [](const CellResult& r) { return needs_baseline(r.config); });
        const int workers = parallel == results_.end() ? 1 : parallel->config.workers;
        setTitle(tr("Every strategy: %1 · N = %2 · %3")
                     .arg(functionText(first->config), formatCount(first->config.workload.size),
                          workersText(workers)));
    }
    placeLabels();
}

std::vector<std::pair<const CellResult*, double>> CompareChart::labelled() const
{
    // One label per bar that has a result: ours (row by row), then the twins'; y in category units.
    std::vector<std::pair<const CellResult*, double>> out;
    for (int set = 0; set < (paired_ ? 2 : 1); ++set)
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            const CellResult* r = set == 0 ? rows_[i].ours : rows_[i].twin;
            if (r)
                out.emplace_back(r, rowPosition(i, set == 1));
        }
    return out;
}

bool CompareChart::fitsInside(double ms, double labelWidth, double plotWidth, double top) const
{
    // A bar long enough holds its label at its right end (in white): W·(log v − log lo)/(log hi − log lo).
    if (ms <= bottom_ || top <= bottom_)
        return false;
    const double length = plotWidth * std::log10(ms / bottom_) / std::log10(top / bottom_);
    return length >= labelWidth + 3 * kLabelGap;
}

double CompareChart::axisTop(double plotWidth) const
{
    // Far enough right that every label that does not fit inside its bar fits after it. On a log
    // axis a bar of v ends at W·(log v − log lo)/(log hi − log lo); it and its label fit when that
    // plus the label is at most W. A longer axis shortens the bars, so which labels fit inside is
    // settled in a few rounds. Before the first layout (no width yet): the decade above the
    // longest bar.
    if (plotWidth < 50)
        return top_ > 0 ? std::pow(10.0, std::ceil(std::log10(top_ * 1.5))) : 10.0;
    const QFontMetricsF metrics(valueFont());
    const double logLo = std::log10(bottom_);
    const double least = std::log10(std::max(top_ * 1.05, bottom_ * 10));
    double logHi = least;
    for (int round = 0; round < 4; ++round) {
        double next = least;
        for (const auto& [r, y] : labelled()) {
            if (r->status != Status::Ok || r->median_s <= 0)
                continue;
            const double ms = r->median_s * 1000.0;
            const double width = metrics.horizontalAdvance(valueText(*r));
            if (fitsInside(ms, width, plotWidth, std::pow(10.0, logHi)))
                continue;
            const double room = std::max(0.25, (plotWidth - kLabelGap - width - 8) / plotWidth);
            next = std::max(next, logLo + (std::log10(ms) - logLo) / room);
        }
        logHi = next;
    }
    return std::pow(10.0, logHi);
}

QFont CompareChart::namesFont() const
{
    QFont font = namesWanted_;
    const QRectF plot = plotArea();
    if (rows_.empty() || plot.height() <= 0)
        return font;
    // Qt Charts gives each name its row less twice its label padding (4 px), and elides a name
    // whose line is taller than that.
    const double room = plot.height() / static_cast<double>(rows_.size()) - 2 * 4.0 - 1;
    const double height = QFontMetricsF(font).height();
    if (height > room && room > 0) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(std::max(6.0, font.pointSizeF() * room / height));
        else
            font.setPixelSize(std::max(8, static_cast<int>(font.pixelSize() * room / height)));
    }
    return font;
}

QFont CompareChart::valueFont() const
{
    // The axis' font, smaller only where a label would overlap the next bar's.
    QFont font = categories_->labelsFont();
    const QRectF plot = plotArea();
    if (rows_.empty() || plot.height() <= 0)
        return font;
    const double row = plot.height() / static_cast<double>(rows_.size());
    const double slot = (paired_ ? row * kBarWidth / 2 : row) * 0.9;   // a little air between labels
    const double height = QFontMetricsF(font).height() + 2;
    if (height > slot) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(std::max(7.0, font.pointSizeF() * slot / height));
        else
            font.setPixelSize(std::max(9, static_cast<int>(font.pixelSize() * slot / height)));
    }
    return font;
}

void CompareChart::placeLabels()
{
    const std::vector<std::pair<const CellResult*, double>> wanted = labelled();
    while (labels_.size() > static_cast<qsizetype>(wanted.size()))
        delete labels_.takeLast();
    while (labels_.size() < static_cast<qsizetype>(wanted.size())) {
        auto* label = new QGraphicsSimpleTextItem(this);
        label->setZValue(10);
        labels_.append(label);
    }
    const QRectF plot = plotArea();
    const QFont font = valueFont();
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const CellResult& r = *wanted[i].first;
        QGraphicsSimpleTextItem* label = labels_[static_cast<qsizetype>(i)];
        label->setText(valueText(r));
        label->setToolTip(barToolTip(r));
        label->setFont(font);
        const double value = r.status == Status::Ok && r.median_s > 0 ? r.median_s * 1000.0 : bottom_;
        const QPointF end = mapToPosition(QPointF(value, wanted[i].second), series_);
        const double width = label->boundingRect().width();
        const bool inside = fitsInside(value, width, plot.width(), axis_->max());
        label->setBrush(inside ? QBrush(Qt::white) : categories_->labelsBrush());
        const double x = inside ? end.x() - kLabelGap - width : std::max(plot.left(), end.x()) + kLabelGap;
        label->setPos(x, end.y() - label->boundingRect().height() / 2);
        label->setVisible(plot.width() > 0);
    }
    // The names' font is fitted after the layout too (a new font lays the chart out again).
    if (const QFont names = namesFont(); names != categories_->labelsFont())
        QTimer::singleShot(0, this, [this] {
            const QFont fitted = namesFont();
            if (fitted == categories_->labelsFont())
                return;
            fittingNames_ = true;
            categories_->setLabelsFont(fitted);
            fittingNames_ = false;
        });
    // The axis is stretched after the layout, never within it (Qt Charts puts it back then).
    const double top = axisTop(plot.width());
    if (!stretching_ && std::abs(std::log10(top) - std::log10(axis_->max())) > 0.01) {
        stretching_ = true;
        QTimer::singleShot(0, this, [this] {
            stretching_ = false;
            axis_->setRange(bottom_, axisTop(plotArea().width()));
            placeLabels();
        });
    }
}

void CompareChart::showTip(bool hovering, int index, QBarSet* set)
{
    if (!hovering || index < 0 || index >= static_cast<int>(rows_.size())) {
        QToolTip::hideText();
        return;
    }
    const std::size_t row = rows_.size() - 1 - static_cast<std::size_t>(index);
    const CellResult* r = set == twinBars_ ? rows_[row].twin : rows_[row].ours;
    if (r)
        QToolTip::showText(QCursor::pos(), barToolTip(*r));
}

} // namespace chunkscope::ui

#include "comparechart.h"

#include "strategynotes.h"
#include "uiformat.h"

#include "chunkscope/plan.h"
#include "chunkscope/registry.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QLineSeries>
#include <QPen>
#include <QLogValueAxis>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

CompareChart::CompareChart(QGraphicsItem* parent) : QChart(parent)
{
    series_ = new QBarSeries(this);
    bars_ = new QBarSet(tr("median"), series_);
    bars_->setColor(strategyBarColor());
    series_->append(bars_);
    twinBars_ = new QBarSet(tr("the tutorial's Python (its twin)"), this);
    twinBars_->setColor(QColor(0xe0, 0x8a, 0x2c));
    series_->setLabelsVisible(true);
    series_->setLabelsFormat(u"@value ms"_s);
    series_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series_->setLabelsPrecision(3);
    addSeries(series_);
    floor_ = new QLineSeries(this);
    floor_->setName(tr("floor: what the machine allows"));
    floor_->setPen(QPen(QColor(0xc0, 0x30, 0x30), 2, Qt::DashLine));
    floor_->setPointsVisible(true);
    addSeries(floor_);
    categories_ = new QBarCategoryAxis(this);
    addAxis(categories_, Qt::AlignBottom);
    // Log scale: the strategies differ by orders of magnitude, and the floor lies far below.
    axis_ = new QLogValueAxis(this);
    axis_->setBase(10);
    axis_->setMinorTickCount(-1);
    axis_->setTitleText(tr("median, milliseconds (log scale)"));
    axis_->setLabelFormat(u"%g"_s);
    addAxis(axis_, Qt::AlignLeft);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(series_), static_cast<QAbstractSeries*>(floor_)}) {
        s->attachAxis(categories_);
        s->attachAxis(axis_);
    }
    legend()->setAlignment(Qt::AlignBottom);
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

int CompareChart::barCount() const { return static_cast<int>(bars_->count()); }

QStringList CompareChart::categories() const { return categories_->categories(); }

double CompareChart::speedup(int i) const
{
    const auto seq = std::find_if(results_.begin(), results_.end(), [](const CellResult& r) {
        return !needs_baseline(r.config) && r.status == Status::Ok;   // the baseline itself
    });
    const CellResult& r = results_.at(static_cast<std::size_t>(i));
    if (seq == results_.end() || r.status != Status::Ok || r.median_s <= 0)
        return 0;
    return seq->median_s / r.median_s;
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
            out.push_back({find(twin_of(r.config.strategy)), &r});
    return out;
}

void CompareChart::setPaired(bool paired)
{
    if (paired == paired_)
        return;
    paired_ = paired;
    if (paired) {
        bars_->setLabel(tr("Chunkscope (C++)"));
        series_->append(twinBars_);
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
        refreshPaired();
        return;
    }
    QStringList names;
    QList<qreal> values;
    QList<QPointF> floorPoints;
    double top = 0;
    double bottom = 0;
    const auto lower = [&bottom](double v) {
        if (v > 0)
            bottom = bottom > 0 ? std::min(bottom, v) : v;
    };
    for (int i = 0; i < static_cast<int>(results_.size()); ++i) {
        const CellResult& r = results_[static_cast<std::size_t>(i)];
        const double ms = r.status == Status::Ok ? r.median_s * 1000.0 : 0.0;
        const double s = speedup(i);
        QString name = qs(to_string(r.config.strategy));
        if (r.status != Status::Ok)
            name += tr(" (failed)");
        else if (needs_baseline(r.config) && s > 0)
            name += u"<br>"_s + formatSpeedup(s);
        names.append(name);
        values.append(ms);
        top = std::max(top, ms);
        lower(ms);
        if (limits_) {
            const double floor = floor_seconds(r.config, *limits_, cores_) * 1000.0;
            if (floor > 0) {
                floorPoints.append(QPointF(i, floor));
                top = std::max(top, floor);
                lower(floor);
            }
        }
    }
    bars_->remove(0, bars_->count());
    bars_->append(values);
    showCategories(names, floorPoints, bottom, top);
}

void CompareChart::refreshPaired()
{
    QStringList names;
    QList<qreal> ours;
    QList<qreal> twins;
    QList<QPointF> floorPoints;
    double top = 0;
    double bottom = 0;
    const auto ms = [&](const CellResult* r) {
        const double v = r && r->status == Status::Ok ? r->median_s * 1000.0 : 0.0;
        top = std::max(top, v);
        if (v > 0)
            bottom = bottom > 0 ? std::min(bottom, v) : v;
        return v;
    };
    for (const Pair& p : pairs()) {
        const double a = ms(p.ours);
        const double b = ms(p.twin);
        QString name = (p.ours ? qs(to_string(p.ours->config.strategy)) : u"–"_s) + u" | "_s +
                       (p.twin ? qs(to_string(p.twin->config.strategy)) : tr("no twin"));
        if (a > 0 && b > 0)
            name += u"<br>"_s + tr("ours: %1 of Python's time").arg(formatSpeedup(a / b));
        else if ((p.ours && p.ours->status != Status::Ok) || (p.twin && p.twin->status != Status::Ok))
            name += u"<br>"_s + tr("(failed)");
        if (limits_ && p.ours) {
            const double floor = floor_seconds(p.ours->config, *limits_, cores_) * 1000.0;
            if (floor > 0) {
                floorPoints.append(QPointF(names.size(), floor));
                top = std::max(top, floor);
                bottom = bottom > 0 ? std::min(bottom, floor) : floor;
            }
        }
        names.append(name);
        ours.append(a);
        twins.append(b);
    }
    bars_->remove(0, bars_->count());
    bars_->append(ours);
    twinBars_->remove(0, twinBars_->count());
    twinBars_->append(twins);
    showCategories(names, floorPoints, bottom, top);
}

void CompareChart::showCategories(const QStringList& names, const QList<QPointF>& floorPoints, double bottom, double top)
{
    categories_->clear();
    if (!names.isEmpty())
        categories_->append(names);
    floor_->replace(floorPoints);
    floor_->setVisible(!floorPoints.isEmpty());
    // Whole decades, with room above the tallest bar for its label.
    const double lo = bottom > 0 ? std::pow(10.0, std::floor(std::log10(bottom / 1.5))) : 0.1;
    const double hi = top > 0 ? std::pow(10.0, std::ceil(std::log10(top * 1.5))) : 10.0;
    axis_->setRange(lo, hi);
    setTitle(results_.empty() ? tr("Compare strategies: Run ▸ Compare strategies runs each on the current workload")
                              : tr("Every strategy: %1 · N = %2 · %3 workers")
                                    .arg(functionText(results_.back().config), formatCount(results_.back().config.workload.size))
                                    .arg(results_.back().config.workers));
}

} // namespace chunkscope::ui

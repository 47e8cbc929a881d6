// SPDX-License-Identifier: GPL-3.0-or-later
#include "cellcoloring.h"

#include "colormap.h"
#include "colorscaleitem.h"
#include "phasechart.h"
#include "reference.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/phases.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

const QColor kNotRun(232, 232, 232);

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// A phase that takes a fifth of the time (the least a dominant one of five can) is pale, one
// that takes all of it is its full colour.
QColor phaseCellColor(Phase phase, double share)
{
    const double t = std::clamp((share - 0.2) / 0.8, 0.0, 1.0);
    return mix(Qt::white, PhaseChart::phaseColor(phase), 0.3 + 0.7 * t);
}

QString percent(double share) { return QString::number(std::lround(share * 100)); }

} // namespace

CellColoring::CellColoring(const ResultsModel& model, ColorBy by, const std::vector<int>& modelRows)
    : CellColoring(model, by, modelRows, std::nullopt)
{
}

CellColoring::CellColoring(const ResultsModel& model, ColorBy by, const std::vector<int>& modelRows,
                           std::optional<std::pair<double, double>> range)
    : model_(model), by_(by), best_(model.bestRow()), baseline_(model.baselineSeconds())
{
    if (by_ == ColorBy::Reference && model_.hasReference())
        byStrategy_ = model_.reference()->byStrategy(model_);
    if (!range)
        range = valueRange(model, by, modelRows);
    if (range)
        std::tie(lo_, hi_) = *range;
}

std::optional<std::pair<double, double>> CellColoring::valueRange(const ResultsModel& model, ColorBy by,
                                                                  const std::vector<int>& modelRows)
{
    const CellColoring values(model, by, {}, std::pair{0.0, 0.0});
    double lo = 0;
    double hi = 0;
    for (int row : modelRows) {
        if (row < 0 || model.result(row).status != Status::Ok)
            continue;
        const double v = values.valueOf(row);
        if (!(v > 0) || !std::isfinite(v))
            continue;
        lo = lo == 0 ? v : std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo <= 0)
        return std::nullopt;
    if (by == ColorBy::Reference) {
        // Symmetric about 1× on the log scale, so that neutral sits in the middle.
        const double m = std::max({std::abs(std::log(lo)), std::abs(std::log(hi)), std::log(1.25)});
        return std::pair{std::exp(-m), std::exp(m)};
    }
    if (hi <= lo)
        return std::pair{lo / 1.25, hi * 1.25};
    return std::pair{lo, hi};
}

double CellColoring::valueOf(int row) const
{
    switch (by_) {
    case ColorBy::Speedup: return model_.speedup(row).value_or(0.0);
    case ColorBy::FloorDistance: return model_.floorRatio(row).value_or(0.0);
    case ColorBy::OwnFloorDistance: return model_.ownFloorRatio(row).value_or(0.0);
    case ColorBy::Reference:
        return model_.hasReference() ? model_.reference()->compare(model_.result(row), byStrategy_).ratio : 0.0;
    default: return model_.result(row).median_s;
    }
}

void CellColoring::applyScale(ColorScaleItem& scale) const
{
    if (by_ == ColorBy::DominantPhase) {
        std::vector<std::pair<QColor, QString>> phases;
        for (Phase p : kAllPhases)
            phases.emplace_back(PhaseChart::phaseColor(p), PhaseChart::phaseName(p));
        scale.setCategories(std::move(phases), tr("phase with most time (paler: a smaller share)"));
    } else if (lo_ > 0) {
        const QString title = by_ == ColorBy::Speedup         ? tr("speedup over sequential (log scale)")
                              : by_ == ColorBy::FloorDistance ? tr("times the floor the machine allows (log scale)")
                              : by_ == ColorBy::OwnFloorDistance ? tr("times the strategy's own floor (log scale)")
                              : by_ == ColorBy::Reference     ? tr("this ÷ the reference (log scale; * p < 0.05)")
                                                              : tr("median time (log scale)");
        // Durations: fast is bright; speedups: high is bright; times the floor: near 1× is bright;
        // ratios: blue faster than the reference, red slower.
        scale.setScale(lo_, hi_, by_ == ColorBy::Speedup || by_ == ColorBy::Reference, title,
                       by_ == ColorBy::Duration ? &formatSecondsCompact : &formatSpeedup, by_ == ColorBy::Reference);
    } else {
        scale.clearScale();
    }
}

CellColoring::Look CellColoring::look(GridPoint point, int modelRow, bool running, bool predicted) const
{
    Look look;
    if (modelRow < 0) {
        look.brush = QBrush(kNotRun);
        look.textColor = QColor(60, 60, 60);
        look.text = running ? tr("running…") : QString();
        look.toolTip = tr("splits %1 × chunksize %2: not run yet")
                           .arg(formatCount(point.splits), formatCount(point.chunksize));
    } else {
        look = ranLook(modelRow);
    }
    if (predicted)
        look.toolTip += u"<br><b>"_s + tr("the class's guess for the fastest cell") + u"</b>"_s;
    return look;
}

CellColoring::Look CellColoring::ranLook(int modelRow) const
{
    const CellResult& result = model_.result(modelRow);
    Look look{QBrush(kNotRun), QColor(60, 60, 60), QString(), cellToolTip(result, baseline_)};
    if (result.status == Status::Failed) {
        look.brush = QBrush(QColor(150, 150, 150), Qt::BDiagPattern);
        look.textColor = QColor(150, 20, 20);
        look.text = tr("failed");
        return look;
    }
    if (result.status != Status::Ok) {
        look.text = tr("cancelled");
        return look;
    }
    QColor color;
    const auto phase = dominant_phase(result.phases);
    const double share = dominant_share(result.phases);
    if (by_ == ColorBy::DominantPhase && phase) {
        color = phaseCellColor(*phase, share);
        look.text = PhaseChart::phaseName(*phase) + u"\n"_s + percent(share) + u" %"_s;
    } else if (by_ == ColorBy::Reference) {
        referenceLook(modelRow, look);
        color = look.brush.color();
    } else {
        const double v = valueOf(modelRow);
        const double t = ColorScaleItem::logPosition(v, lo_, hi_);
        const bool highIsBright = by_ == ColorBy::Speedup;
        color = ColorMap::at(highIsBright ? t : 1.0 - t);
        look.text = by_ == ColorBy::DominantPhase ? QString()
                    : by_ == ColorBy::Duration    ? formatSeconds(v)
                                                  : formatSpeedup(v);
    }
    if (by_ != ColorBy::Reference || look.brush.style() == Qt::SolidPattern)
        look.brush = QBrush(color);
    look.textColor = ColorMap::textColorOn(color);
    if (phase)
        look.toolTip += u"<br>"_s + tr("most of its time: <b>%1</b> (%2 %)").arg(PhaseChart::phaseName(*phase), percent(share));
    if (const auto floor = model_.floorSeconds(modelRow))
        look.toolTip += u"<br>"_s + tr("floor (what the machine allows): %1, this cell is %2 of it")
                                        .arg(formatSeconds(*floor), formatSpeedup(result.median_s / *floor));
    // Unstable: the repetitions spread by more than 10 % (one repetition has no spread).
    if (has_spread(result) && result.cv > kUnstableCv) {
        look.text = u"~"_s + look.text;
        look.toolTip += u"<br><b>"_s + tr("unstable") + u"</b>: "_s +
                        tr("the repetitions vary by %1 % (CV); run more repetitions or quiet the machine")
                            .arg(result.cv * 100.0, 0, 'f', 0);
    }
    if (modelRow == best_)
        look.toolTip += u"<br><b>"_s + tr("fastest cell") + u"</b>"_s;
    return look;
}

void CellColoring::referenceLook(int modelRow, Look& look) const
{
    if (!model_.hasReference())
        return;
    const CellDiff diff = model_.reference()->compare(model_.result(modelRow), byStrategy_);
    look.toolTip += u"<br>"_s + referenceToolTip(diff);
    if (!diff.b || diff.ratio <= 0) {
        // Nothing to compare with: grey, hatched, and says so.
        look.brush = QBrush(kNotRun, Qt::Dense6Pattern);
        look.text = diff.b ? tr("no ratio") : tr("not in\nreference");
        return;
    }
    look.brush = QBrush(ColorMap::diverging(ColorScaleItem::logPosition(diff.ratio, lo_, hi_)));
    look.text = formatSpeedup(diff.ratio) + (diff.significant() ? u" *"_s : QString());
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmappage.h"

#include "chartview.h"
#include "comparechart.h"
#include "heatmapchart.h"
#include "phasechart.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QChartView>
#include <QLabel>
#include <QMouseEvent>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

HeatmapPage::HeatmapPage(ResultsModel* model, QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    banner_ = makeLine(u"problemBanner"_s, u"QLabel { background: #fde7e9; color: #6b0010; border-bottom: 1px solid "
                                          "#e0a0a8; padding: 6px 10px; }"_s);
    banner_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(banner_, &QLabel::linkActivated, banner_, &QLabel::hide);
    presetLabel_ = makeLine(u"presetFigures"_s,
                            u"QLabel { background: #eef3fb; border-bottom: 1px solid #c8d4e8; padding: 5px 10px; }"_s);
    presetLabel_->setToolTip(tr("The tutorial's published figure, the same Python code on this project's machines, "
                                "and what Chunkscope measured here"));
    predictionLabel_ = makeLine(u"prediction"_s, u"QLabel { background: #fbeef6; color: #3a0024; border-bottom: 1px "
                                                 "solid #d0a0c0; padding: 6px 10px; }"_s);
    strategyNote_ = makeLine(u"strategyNote"_s,
                             u"QLabel { background: #f4f4f4; border-bottom: 1px solid #c0c0c0; padding: 6px 10px; }"_s);
    for (QLabel* line : {banner_, presetLabel_, predictionLabel_, strategyNote_})
        layout->addWidget(line);

    chart_ = new HeatmapChart(model);
    view_ = makeChartView(chart_, u"heatmapView"_s, this);
    view_->setMinimumSize(420, 320);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);
    view_->viewport()->installEventFilter(this);
    charts_ = new QHBoxLayout;
    charts_->setSpacing(0);
    charts_->addWidget(view_, 1);

    single_ = new QWidget(this);
    single_->setObjectName(u"singleRunView"_s);
    auto* singleLayout = new QVBoxLayout(single_);
    singleLayout->setContentsMargins(0, 0, 0, 0);
    singleChart_ = new CompareChart;
    singleLayout->addWidget(makeChartView(singleChart_, u"singleRunBars"_s, single_), 1);
    singlePhases_ = new PhaseChart;
    singleLayout->addWidget(makeChartView(singlePhases_, u"singleRunPhases"_s, single_), 1);
    single_->hide();
    charts_->addWidget(single_, 1);
    layout->addLayout(charts_, 1);
    connect(model, &QAbstractItemModel::modelReset, this, &HeatmapPage::syncSingleRun);
    connect(model, &QAbstractItemModel::rowsInserted, this, &HeatmapPage::syncSingleRun);
    connect(model, &QAbstractItemModel::dataChanged, this, &HeatmapPage::syncSingleRun);
    connect(model, &ResultsModel::experimentChanged, this, &HeatmapPage::syncSingleRun);
}

bool HeatmapPage::showsSingleRun() const { return !single_->isHidden(); }

void HeatmapPage::syncSingleRun()
{
    const ResultsModel* m = chart_->model();
    const bool one = m->hasExperiment() && m->splitsAxis().size() == 1 && m->chunksAxis().size() == 1 && !sideBySide_;
    view_->setVisible(!one);
    single_->setVisible(one);
    if (!one)
        return;
    // The run's bar beside its baseline's (the bar chart puts sequential first), and its phases.
    std::vector<CellResult> bars;
    int runRow = -1;
    for (int row = 0; row < m->rowCount(); ++row)
        if (m->isBaseline(row))
            bars.insert(bars.begin(), m->result(row));
    runRow = m->rowAt(m->splitsAxis().front(), m->chunksAxis().front());
    if (runRow >= 0)
        bars.push_back(m->result(runRow));
    singleChart_->setHeading(experimentTitle(m->base()) + u" — "_s +
                             (runRow >= 0 ? tr("one run beside sequential") : tr("running…")));
    singleChart_->setResults(std::move(bars));
    const CellResult* cell = runRow >= 0 ? &m->result(runRow) : nullptr;
    singlePhases_->setCell(cell, cell ? m->ownFloorOf(*cell) : std::nullopt);
}

void HeatmapPage::addLine(QWidget* line) { static_cast<QVBoxLayout*>(layout())->insertWidget(0, line); }

void HeatmapPage::setReferenceModel(ResultsModel* reference)
{
    if (referenceChart_)
        return;
    referenceChart_ = new HeatmapChart(reference);
    referenceView_ = makeChartView(referenceChart_, u"referenceHeatmapView"_s, this);
    referenceView_->setMinimumSize(320, 320);
    referenceView_->setToolTip(tr("The reference: the results the left heatmap is measured against"));
    referenceView_->hide();
    charts_->addWidget(referenceView_, 1);
    for (ResultsModel* m : {chart_->model(), reference}) {
        connect(m, &QAbstractItemModel::modelReset, this, &HeatmapPage::syncScales);
        connect(m, &QAbstractItemModel::rowsInserted, this, &HeatmapPage::syncScales);
        connect(m, &QAbstractItemModel::dataChanged, this, &HeatmapPage::syncScales);
        connect(m, &ResultsModel::referenceChanged, this, &HeatmapPage::syncScales);
    }
    connect(chart_, &HeatmapChart::colorByChanged, this, &HeatmapPage::syncScales);
}

void HeatmapPage::setSideBySide(bool on)
{
    if (!referenceView_)
        return;
    sideBySide_ = on;
    referenceView_->setVisible(on);
    syncScales();
    syncSingleRun();
}

void HeatmapPage::syncScales()
{
    if (!sideBySide()) {
        chart_->setScaleRange(std::nullopt);
        return;
    }
    // The reference cannot be coloured by its ratio to itself: it shows its times then.
    const auto by = chart_->effectiveColorBy();
    referenceChart_->setColorBy(by == HeatmapChart::ColorBy::Reference ? HeatmapChart::ColorBy::Duration : by);
    referenceChart_->setHighContrast(chart_->highContrast());
    if (referenceChart_->effectiveColorBy() != by || by == HeatmapChart::ColorBy::DominantPhase) {
        chart_->setScaleRange(std::nullopt);
        referenceChart_->setScaleRange(std::nullopt);
        return;
    }
    const auto ours = CellColoring::valueRange(*chart_->model(), by, chart_->shownRows());
    const auto theirs = CellColoring::valueRange(*referenceChart_->model(), by, referenceChart_->shownRows());
    std::optional<std::pair<double, double>> range = ours ? ours : theirs;
    if (ours && theirs)
        range = std::pair{std::min(ours->first, theirs->first), std::max(ours->second, theirs->second)};
    chart_->setScaleRange(range);
    referenceChart_->setScaleRange(range);
}

QLabel* HeatmapPage::makeLine(const QString& objectName, const QString& style)
{
    auto* line = new QLabel(this);
    line->setObjectName(objectName);
    line->setWordWrap(true);
    line->setTextFormat(Qt::RichText);
    line->setStyleSheet(style);
    line->hide();
    return line;
}

void HeatmapPage::showProblem(const QString& message)
{
    banner_->setText(message.toHtmlEscaped() + u" &nbsp; <a href=\"#\">"_s + tr("Dismiss") + u"</a>"_s);
    banner_->setVisible(!message.isEmpty());
}

void HeatmapPage::hideProblem() { banner_->hide(); }

QString HeatmapPage::problem() const { return banner_->isVisible() ? banner_->text() : QString(); }

void HeatmapPage::showPresetFigures(const QString& html)
{
    presetLabel_->setText(html);
    presetLabel_->setVisible(!html.isEmpty());
}

void HeatmapPage::showPrediction(const QString& html)
{
    predictionLabel_->setText(html);
    predictionLabel_->setVisible(!html.isEmpty());
}

void HeatmapPage::showStrategyNote(const QString& html)
{
    strategyNote_->setText(html);
    strategyNote_->setVisible(!html.isEmpty());
}

bool HeatmapPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == view_->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton)
            if (const auto cell = chart_->cellAtScenePos(view_->mapToScene(mouse->position().toPoint())))
                Q_EMIT cellClicked(cell->first, cell->second);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace chunkscope::ui

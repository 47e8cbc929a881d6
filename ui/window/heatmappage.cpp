#include "heatmappage.h"

#include "chartview.h"
#include "heatmapchart.h"

#include <QChartView>
#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

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
    layout->addWidget(view_, 1);
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

#include "scalingpage.h"

#include "chartview.h"
#include "scalingchart.h"

#include <QChartView>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ScalingPage::ScalingPage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    chart_ = new ScalingChart;
    view_ = makeChartView(chart_, u"scalingView"_s, this);
    layout->addWidget(view_);
}

void ScalingPage::setResults(const std::vector<CellResult>& results, int cores)
{
    if (results.empty())
        return;
    const double baseline = results.front().status == Status::Ok ? results.front().median_s : 0.0;
    chart_->setFitLimit(std::max(1, cores));
    chart_->setResults(baseline, std::vector<CellResult>(results.begin() + 1, results.end()));
}

} // namespace chunkscope::ui

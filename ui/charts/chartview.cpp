// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartview.h"

#include <QChart>
#include <QChartView>

namespace chunkscope::ui {

QChartView* makeChartView(QChart* chart, const QString& objectName, QWidget* parent)
{
    chart->setDropShadowEnabled(false);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    return view;
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one way the window shows a chart: antialiased, frameless, without the drop shadow.

#include <QString>

class QChart;
class QChartView;
class QWidget;

namespace chunkscope::ui {

// A view of chart (which it takes), named objectName for tests and settings.
QChartView* makeChartView(QChart* chart, const QString& objectName, QWidget* parent);

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "Compare" tab: every strategy's bar with its speedup and the floor, a short note beside
// the chart on what each strategy does and why it wins or loses, and the machine's speed limits.

#include <QWidget>

class QChartView;
class QLabel;

namespace chunkscope::ui {

class CompareChart;
class SpeedLimitPanel;

class ComparePage : public QWidget {
    Q_OBJECT
public:
    explicit ComparePage(QWidget* parent = nullptr);

    CompareChart* compareChart() const { return chart_; }
    QChartView* compareView() const { return view_; }
    SpeedLimitPanel* speedLimitPanel() const { return speedPanel_; }
    QLabel* strategyNotes() const { return notes_; }

private:
    CompareChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QLabel* notes_ = nullptr;
    SpeedLimitPanel* speedPanel_ = nullptr;
};

} // namespace chunkscope::ui

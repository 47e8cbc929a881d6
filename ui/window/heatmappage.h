// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The "Heatmap" tab: the chart of splits × chunksize, with the lines that can sit above it: a
// problem (a failed run), the preset's published figures, the prediction's prompt or verdict,
// and, in presentation mode, what the strategy on screen does and why it wins or loses.
// An experiment of one cell (a single Run) is no map: it shows as its bar beside the sequential
// baseline's (a CompareChart) over the cell's phases (a PhaseChart) instead.

#include <QWidget>

class QChartView;
class QHBoxLayout;
class QLabel;

namespace chunkscope::ui {

class CompareChart;
class HeatmapChart;
class PhaseChart;
class ResultsModel;

class HeatmapPage : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapPage(ResultsModel* model, QWidget* parent = nullptr);

    HeatmapChart* chart() const { return chart_; }
    QChartView* view() const { return view_; }

    // The reference's heatmap, beside this one when shown side by side; both then share one
    // colour scale whenever they colour by the same measure.
    void setReferenceModel(ResultsModel* reference);
    void setSideBySide(bool on);
    bool sideBySide() const { return sideBySide_; }
    HeatmapChart* referenceChart() const { return referenceChart_; }
    QChartView* referenceView() const { return referenceView_; }

    // A line of its own above the others (the offer to restore an unfinished sweep).
    void addLine(QWidget* line);
    // A problem over the heatmap, dismissable; empty hides it.
    void showProblem(const QString& message);
    void hideProblem();
    QString problem() const;
    // Rich text; empty hides it.
    void showPresetFigures(const QString& html);
    void showPrediction(const QString& html);
    void showStrategyNote(const QString& html);
    QLabel* presetLabel() const { return presetLabel_; }
    QLabel* predictionLabel() const { return predictionLabel_; }
    QLabel* strategyNote() const { return strategyNote_; }
    // The one-cell view: shown instead of the heatmap while the experiment has one cell.
    bool showsSingleRun() const;
    CompareChart* singleRunChart() const { return singleChart_; }
    PhaseChart* singleRunPhases() const { return singlePhases_; }
    QWidget* singleRunView() const { return single_; }

Q_SIGNALS:
    // A click (mouse release) on grid cell (row, column) of the chart.
    void cellClicked(int row, int column);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLabel* makeLine(const QString& objectName, const QString& style);
    // The two charts' colouring and shared range, after either changed.
    void syncScales();
    // The heatmap, or the one-cell view, as the model now holds.
    void syncSingleRun();

    HeatmapChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QHBoxLayout* charts_ = nullptr;
    HeatmapChart* referenceChart_ = nullptr;
    bool sideBySide_ = false;
    QChartView* referenceView_ = nullptr;
    QLabel* banner_ = nullptr;
    QLabel* presetLabel_ = nullptr;
    QLabel* predictionLabel_ = nullptr;
    QLabel* strategyNote_ = nullptr;
    QWidget* single_ = nullptr;
    CompareChart* singleChart_ = nullptr;
    PhaseChart* singlePhases_ = nullptr;
};

} // namespace chunkscope::ui

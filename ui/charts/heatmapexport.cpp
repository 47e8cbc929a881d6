// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapexport.h"

#include "heatmapchart.h"
#include "reference.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFontMetricsF>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>

#include <memory>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::HeatmapExport", text); }

// The cells of the model, for the footer's note on their spread.
std::vector<CellResult> cellsOf(const ResultsModel& model)
{
    std::vector<CellResult> cells;
    for (int row = 0; row < model.rowCount(); ++row)
        cells.push_back(model.result(row));
    return cells;
}

// A chart of its own for the export, laid out at the logical size the resolution implies
// (size at 192 dpi is laid out at half the pixels and drawn twice as large), above the footer.
class OffscreenChart {
public:
    OffscreenChart(ResultsModel& model, const ExportOptions& options)
        : chart_(new HeatmapChart(&model)), size_{options.size, options.dpi}
    {
        scene_.addItem(chart_);   // the scene owns the chart
        chart_->setColorBy(options.colorBy);
        // The line under the plot: the machine and its state, the date (and the reference); the
        // machine goes to the footer when the line would not fit. Under it, whether it was noisy.
        const QSizeF logical = size_.logical();
        QString dated = model.date().isValid() ? model.date().toString(u"yyyy-MM-dd HH:mm"_s) : QString();
        if (chart_->effectiveColorBy() == HeatmapChart::ColorBy::Reference)
            dated += (dated.isEmpty() ? QString() : u" · "_s) +
                     tr("÷ reference: %1").arg(model.reference()->shortLabel(model.machine()));
        const QString state = machineState(model.machine());
        const QString noise = noiseNote(options.warnings, cellsOf(model));
        const QString line = dated.isEmpty() ? state : state + u" · "_s + dated;
        const bool fits = QFontMetricsF(footerFont()).horizontalAdvance(line) < logical.width() - 40;
        if (options.caption.isEmpty() && (fits || dated.isEmpty())) {
            chart_->setCaption(line);
            footer_ = noise;
        } else {
            chart_->setCaption(options.caption.isEmpty() ? dated : options.caption);
            footer_ = noise.isEmpty() ? state : state + u"\n"_s + noise;
        }
        chart_->setBackgroundBrush(Qt::white);
        chart_->setDropShadowEnabled(false);
        chart_->resize(logical.width(), logical.height() - footerHeight(footer_, logical.width()));
        chart_->layout()->activate();
        scene_.setSceneRect(QRectF(QPointF(0, 0), chart_->size()));
    }
    void paint(QPainter& painter)
    {
        const QRectF area(QPointF(0, 0), chart_->size());
        scene_.render(&painter, area, area, Qt::IgnoreAspectRatio);
        paintFooter(painter, size_.logical(), footer_);
    }
    const ImageSize& size() const { return size_; }
    QString title() const { return chart_->title(); }
    QString caption() const { return chart_->caption(); }
    QString footer() const { return footer_; }

private:
    QGraphicsScene scene_;
    HeatmapChart* chart_;
    ImageSize size_;
    QString footer_;
};

} // namespace

QImage heatmapImage(ResultsModel& model, const ExportOptions& options)
{
    OffscreenChart chart(model, options);
    return paintImage(chart.size(), [&](QPainter& painter) { chart.paint(painter); });
}

bool exportHeatmap(ResultsModel& model, const QString& path, const ExportOptions& options, QString* error)
{
    const auto format = imageFormatOf(path);
    if (!format) {
        setError(error, tr("Unknown image format “%1”: use .png, .svg or .pdf.").arg(QFileInfo(path).suffix()));
        return false;
    }
    return exportHeatmap(model, path, *format, options, error);
}

bool exportHeatmap(ResultsModel& model, const QString& path, ImageFormat format, const ExportOptions& options,
                   QString* error)
{
    if (const QString problem = checkImageSize({options.size, options.dpi}); !problem.isEmpty()) {
        setError(error, problem);
        return false;
    }
    OffscreenChart chart(model, options);
    return writeImage(path, format, chart.size(), chart.title(), chart.footer().isEmpty() ? chart.caption() : chart.caption() + u"\n"_s + chart.footer(),
                      [&](QPainter& painter) { chart.paint(painter); }, error);
}

bool renderHeatmap(const std::vector<chunkscope::CellResult>& cells, const chunkscope::MachineInfo& m,
                   const QString& path, QSize size, QString* error, HeatmapChart::ColorBy colorBy,
                   const std::optional<chunkscope::SpeedLimits>& limits, Reference* reference)
{
    return renderHeatmap(cells, m, path, std::nullopt, size, {}, error, colorBy, limits, reference);
}

bool renderHeatmap(const std::vector<chunkscope::CellResult>& cells, const chunkscope::MachineInfo& m,
                   const QString& path, std::optional<ImageFormat> format, QSize size,
                   const std::vector<std::string>& warnings, QString* error, HeatmapChart::ColorBy colorBy,
                   const std::optional<chunkscope::SpeedLimits>& limits, Reference* reference)
{
    ResultsModel model;
    model.setResults(m, cells, QDateTime::currentDateTime());
    model.setSpeedLimits(limits);
    model.setReference(reference);
    ExportOptions options;
    options.size = size;
    options.colorBy = colorBy;
    options.warnings = warnings;
    return format ? exportHeatmap(model, path, *format, options, error) : exportHeatmap(model, path, options, error);
}

} // namespace chunkscope::ui

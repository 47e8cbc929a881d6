#include "heatmapexport.h"

#include "heatmapchart.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QBuffer>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <memory>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::HeatmapExport", text); }


// A chart of its own for the export, laid out at the logical size the resolution implies:
// size at 192 dpi is laid out at half the pixels and drawn twice as large.
class OffscreenChart {
public:
    OffscreenChart(ResultsModel& model, const ExportOptions& options) : chart_(new HeatmapChart(&model))
    {
        scene_.addItem(chart_);   // the scene owns the chart
        chart_->setColorBy(options.colorBy);
        if (!options.caption.isEmpty())
            chart_->setCaption(options.caption);
        chart_->setBackgroundBrush(Qt::white);
        chart_->setDropShadowEnabled(false);
        const qreal scale = std::max(1, options.dpi) / 96.0;
        logical_ = QSizeF(options.size.width() / scale, options.size.height() / scale);
        chart_->resize(logical_);
        chart_->layout()->activate();
        scene_.setSceneRect(QRectF(QPointF(0, 0), logical_));
    }
    void render(QPainter* painter, const QRectF& target)
    {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::TextAntialiasing);
        scene_.render(painter, target, QRectF(QPointF(0, 0), logical_), Qt::IgnoreAspectRatio);
    }
    QSizeF logicalSize() const { return logical_; }
    QString title() const { return chart_->title(); }
    QString caption() const { return chart_->caption(); }

private:
    QGraphicsScene scene_;
    HeatmapChart* chart_;
    QSizeF logical_;
};

} // namespace

QImage heatmapImage(ResultsModel& model, const ExportOptions& options)
{
    OffscreenChart chart(model, options);
    QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        // Painted at the screen's 96 dpi, scaled up; the resolution is recorded afterwards
        // (point-size fonts would otherwise grow with it a second time).
        QPainter painter(&image);
        chart.render(&painter, QRectF(QPointF(0, 0), QSizeF(options.size)));
    }
    const int dotsPerMeter = static_cast<int>(options.dpi / 0.0254 + 0.5);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    return image;
}

bool exportHeatmap(ResultsModel& model, const QString& path, const ExportOptions& options, QString* error)
{
    if (options.size.width() < 64 || options.size.height() < 64 || options.size.width() > 20000 ||
        options.size.height() > 20000) {
        setError(error, tr("The image size must be from 64 to 20000 pixels each way."));
        return false;
    }
    if (options.dpi < 24 || options.dpi > 2400) {
        setError(error, tr("The resolution must be from 24 to 2400 dpi."));
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"png"_s && suffix != u"svg"_s && suffix != u"pdf"_s) {
        setError(error, tr("Unknown image format “%1”: use .png, .svg or .pdf.").arg(suffix));
        return false;
    }
    // Written whole or not at all: a temporary file beside path, renamed over it at the end.
    QSaveFile file(path);
    const auto failed = [&] {
        setError(error, tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    };
    // Drawn into memory first: the PNG, SVG and PDF writers ignore a short write (a full disk),
    // so the bytes go to the file in one write whose count is checked.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failed();
    QBuffer bytes;
    bytes.open(QIODevice::WriteOnly);
    if (suffix == u"png"_s) {
        const QImage image = heatmapImage(model, options);
        if (!image.save(&bytes, "PNG"))
            return failed();
    } else if (suffix == u"svg"_s) {
        OffscreenChart chart(model, options);
        // Vector formats are drawn in the chart's own (96 dpi) units; the document measures
        // size / dpi inches, so it rasterises to size pixels at dpi.
        const QSizeF logical = chart.logicalSize();
        QSvgGenerator svg;
        svg.setOutputDevice(&bytes);
        svg.setSize(logical.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), logical));
        svg.setResolution(96);
        svg.setTitle(chart.title());
        svg.setDescription(chart.caption());
        QPainter painter;
        if (!painter.begin(&svg))
            return failed();
        painter.fillRect(QRectF(QPointF(0, 0), logical), Qt::white);
        chart.render(&painter, QRectF(QPointF(0, 0), logical));
        if (!painter.end())
            return failed();
    } else {
        OffscreenChart chart(model, options);
        QPdfWriter pdf(&bytes);
        pdf.setResolution(96);
        pdf.setTitle(chart.title());
        pdf.setCreator(u"Chunkscope"_s);
        const QSizeF points(options.size.width() * 72.0 / options.dpi, options.size.height() * 72.0 / options.dpi);
        pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf))
            return failed();
        chart.render(&painter, QRectF(0, 0, pdf.width(), pdf.height()));
        if (!painter.end())
            return failed();
    }
    if (file.write(bytes.data()) != bytes.size() || !file.commit())
        return failed();
    return true;
}

bool renderHeatmap(const std::vector<chunkscope::CellResult>& cells, const chunkscope::MachineInfo& m,
                   const QString& path, QSize size, QString* error, HeatmapChart::ColorBy colorBy,
                   const std::optional<chunkscope::SpeedLimits>& limits, Reference* reference)
{
    ResultsModel model;
    model.setResults(m, cells, QDateTime::currentDateTime());
    model.setSpeedLimits(limits);
    model.setReference(reference);
    ExportOptions options;
    options.size = size;
    options.colorBy = colorBy;
    return exportHeatmap(model, path, options, error);
}

} // namespace chunkscope::ui

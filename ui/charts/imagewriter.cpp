// SPDX-License-Identifier: GPL-3.0-or-later
#include "imagewriter.h"

#include "cellcoloring.h"
#include "uiformat.h"

#include "chunkscope/machine.h"

#include <QApplication>
#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::ImageWriter", text); }

constexpr qreal kFooterMargin = 6;   // around the footer's text, logical pixels
const QColor kFooterColour(70, 70, 70);   // the heatmap caption's grey

constexpr int kFooterFlags = Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop;

} // namespace

std::optional<ImageFormat> imageFormatOf(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png"_s)
        return ImageFormat::Png;
    if (suffix == u"svg"_s)
        return ImageFormat::Svg;
    if (suffix == u"pdf"_s)
        return ImageFormat::Pdf;
    return std::nullopt;
}

QSizeF ImageSize::logical() const
{
    const qreal scale = std::max(1, dpi) / 96.0;
    return {pixels.width() / scale, pixels.height() / scale};
}

QString checkImageSize(const ImageSize& size)
{
    if (size.pixels.width() < 64 || size.pixels.height() < 64 || size.pixels.width() > 20000 ||
        size.pixels.height() > 20000)
        return tr("The image size must be from 64 to 20000 pixels each way.");
    if (size.dpi < 24 || size.dpi > 2400)
        return tr("The resolution must be from 24 to 2400 dpi.");
    return {};
}

QImage paintImage(const ImageSize& size, const Painting& paint)
{
    QImage image(size.pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        // Painted at the screen's 96 dpi, scaled up; the resolution is recorded afterwards
        // (point-size fonts would otherwise grow with it a second time).
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        const QSizeF logical = size.logical();
        painter.scale(size.pixels.width() / logical.width(), size.pixels.height() / logical.height());
        paint(painter);
    }
    const int dotsPerMeter = static_cast<int>(size.dpi / 0.0254 + 0.5);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    return image;
}

bool writeImage(const QString& path, ImageFormat format, const ImageSize& size, const QString& title,
                const QString& description, const Painting& paint, QString* error)
{
    if (const QString problem = checkImageSize(size); !problem.isEmpty()) {
        setError(error, problem);
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
    const QSizeF logical = size.logical();
    const auto draw = [&](QPaintDevice& device, const QSizeF& target) {
        QPainter painter;
        if (!painter.begin(&device))
            return false;
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.fillRect(QRectF(QPointF(0, 0), target), Qt::white);
        painter.scale(target.width() / logical.width(), target.height() / logical.height());
        paint(painter);
        return painter.end();
    };
    if (format == ImageFormat::Png) {
        if (!paintImage(size, paint).save(&bytes, "PNG"))
            return failed();
    } else if (format == ImageFormat::Svg) {
        // Drawn in the picture's own (96 dpi) units; the document measures pixels / dpi inches,
        // so it rasterises to size.pixels at size.dpi.
        QSvgGenerator svg;
        svg.setOutputDevice(&bytes);
        svg.setSize(logical.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), logical));
        svg.setResolution(96);
        svg.setTitle(title);
        svg.setDescription(description);
        if (!draw(svg, logical))
            return failed();
    } else {
        QPdfWriter pdf(&bytes);
        pdf.setResolution(96);
        pdf.setTitle(title);
        pdf.setCreator(u"Chunkscope"_s);
        const QSizeF points(size.pixels.width() * 72.0 / size.dpi, size.pixels.height() * 72.0 / size.dpi);
        pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        if (!draw(pdf, QSizeF(pdf.width(), pdf.height())))
            return failed();
    }
    if (file.write(bytes.data()) != bytes.size() || !file.commit())
        return failed();
    return true;
}

QString machineState(const MachineInfo& machine)
{
    QStringList parts;
    parts << (machine.cpu_model.empty() ? tr("unknown CPU") : qs(machine.cpu_model).simplified());
    if (machine.logical_cores > 0)
        parts << tr("%1 logical cores").arg(machine.logical_cores);
    parts << qs(describe_machine_state(machine));
    return parts.join(u" · "_s);
}

QString noiseNote(const std::vector<std::string>& warnings, const std::vector<CellResult>& cells)
{
    QStringList noise;
    for (const std::string& warning : warnings)
        noise << qs(warning);
    // One repetition has no spread to speak of.
    const auto unstable = std::count_if(cells.begin(), cells.end(), [](const CellResult& r) {
        return r.status == Status::Ok && has_spread(r) && r.cv > CellColoring::kUnstableCv;
    });
    if (unstable > 0 && cells.size() == 1)
        noise << tr("its repetitions vary by %1 % (CV)").arg(cells.front().cv * 100, 0, 'f', 0);
    else if (unstable > 0)
        noise << tr("%1 of %2 cells vary by more than %3 % between repetitions (CV)")
                     .arg(unstable)
                     .arg(cells.size())
                     .arg(CellColoring::kUnstableCv * 100, 0, 'f', 0);
    return noise.isEmpty() ? QString() : tr("Noisy: %1.").arg(noise.join(u"; "_s));
}

QString footerText(const FooterFacts& facts, const std::vector<CellResult>& cells)
{
    QString text = machineState(facts.machine);
    if (facts.date.isValid())
        text += u" · "_s + facts.date.toString(u"yyyy-MM-dd HH:mm"_s);
    if (const QString noise = noiseNote(facts.warnings, cells); !noise.isEmpty())
        text += u"\n"_s + noise;
    return text;
}

QFont footerFont() { return QApplication::font(); }

qreal footerHeight(const QString& text, qreal width)
{
    if (text.isEmpty())
        return 0;
    const QFontMetricsF fm(footerFont());
    const QRectF box = fm.boundingRect(QRectF(0, 0, width - 2 * kFooterMargin, 1e6), kFooterFlags, text);
    return box.height() + 2 * kFooterMargin;
}

void paintFooter(QPainter& painter, const QSizeF& logical, const QString& text)
{
    if (text.isEmpty())
        return;
    const qreal height = footerHeight(text, logical.width());
    painter.save();
    painter.setFont(footerFont());
    painter.setPen(kFooterColour);
    painter.drawText(QRectF(kFooterMargin, logical.height() - height + kFooterMargin,
                            logical.width() - 2 * kFooterMargin, height - 2 * kFooterMargin),
                     kFooterFlags, text);
    painter.restore();
}

} // namespace chunkscope::ui

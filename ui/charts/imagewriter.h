// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One way to write a picture to PNG, SVG or PDF, for every chart the program exports (the
// heatmap, the run's phases and timeline, compare's bars, scale's curve), and the footer every
// exported image carries: the machine and its state when the runs started, and a note when the
// runs were noisy.
//
// A picture is drawn in logical units, pixels at 96 dpi: the default image, 1920 x 1080 pixels
// at 144 dpi, is laid out as the window's charts are at 1280 x 720 (where nothing is elided) and
// drawn 1.5 times as large, sharp on a full-HD slide and in print. SVG and PDF measure
// pixels / dpi inches.
// Needs a QApplication (see heatmapexport.h).

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QDateTime>
#include <QFont>
#include <QImage>
#include <QSize>
#include <QSizeF>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QPainter;
class QRectF;

namespace chunkscope::ui {

enum class ImageFormat { Png, Svg, Pdf };

// The format path's suffix names (.png, .svg, .pdf; any case), or nothing.
std::optional<ImageFormat> imageFormatOf(const QString& path);

struct ImageSize {
    QSize pixels{1920, 1080};   // of the PNG; SVG and PDF measure pixels / dpi inches
    int dpi = 144;             // 96: text at screen size; 192: twice as large in the same pixels
    // The size the picture is laid out at (96-dpi units).
    QSizeF logical() const;
};

// What is wrong with size (an empty string: nothing).
QString checkImageSize(const ImageSize& size);

// Draws the picture with painter's coordinates in logical units, from (0, 0) to size.logical().
using Painting = std::function<void(QPainter& painter)>;

// The picture as an image of size.pixels, its resolution recorded as size.dpi.
QImage paintImage(const ImageSize& size, const Painting& paint);

// Writes the picture to path as format, whole or not at all (a temporary file renamed over
// path). title and description go into the SVG's and the PDF's metadata. Returns false and
// sets *error (when given) if the size is out of range or the file cannot be written.
bool writeImage(const QString& path, ImageFormat format, const ImageSize& size, const QString& title,
                const QString& description, const Painting& paint, QString* error);

// The machine and its state, from its fields, showing only what is known: "CPU · 8 logical
// cores · governor powersave · boost on · load 0.42".
QString machineState(const MachineInfo& machine);

// What a footer says about a run: the machine when it started, the date, and whether it was
// noisy (measurement_warnings() at the start, or cells whose repetitions spread too much).
struct FooterFacts {
    MachineInfo machine;                 // read when the runs started
    QDateTime date;                      // invalid: not shown
    std::vector<std::string> warnings;   // measurement_warnings() at the start
};

// "Noisy: ..." when warnings (measurement_warnings() at the start) or cells (repetitions that
// spread more than the heatmap's unstable mark allows) say the runs were noisy; else empty.
QString noiseNote(const std::vector<std::string>& warnings, const std::vector<CellResult>& cells);
// The footer's text: machineState and the date (when valid), then the noiseNote's line.
QString footerText(const FooterFacts& facts, const std::vector<CellResult>& cells);

// The footer's font (the application's, in the caption's grey when painted).
QFont footerFont();
// How tall text is when wrapped to width in the footer's font, with its margins (0: no text).
qreal footerHeight(const QString& text, qreal width);
// Paints text wrapped at the bottom of a picture of logical size.
void paintFooter(QPainter& painter, const QSizeF& logical, const QString& text);

} // namespace chunkscope::ui

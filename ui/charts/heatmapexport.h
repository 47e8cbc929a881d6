// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Rendering the heatmap to files and images, with or without a window.
//
// The chart is a QGraphicsWidget (Qt Charts), so the caller must have created a QApplication
// (a QGuiApplication or QCoreApplication is not enough) before calling any of these. Without a
// display, run with the environment variable QT_QPA_PLATFORM=offscreen (or create the
// application with the arguments "-platform offscreen"), e.g. in a command-line tool:
//
//     qputenv("QT_QPA_PLATFORM", "offscreen");   // before the QApplication exists
//     QApplication app(argc, argv);
//     QString error;
//     if (!chunkscope::ui::renderHeatmap(cells, machine, "sweep.svg", {1600, 1000}, &error)) ...
//
// No event loop needs to run. Call from the thread that created the QApplication.

#include "heatmapchart.h"
#include "imagewriter.h"

#include "chunkscope/machine.h"
#include "chunkscope/results.h"
#include "chunkscope/speedlimit.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace chunkscope::ui {

class Reference;
class ResultsModel;

struct ExportOptions {
    QSize size{1600, 1000};   // pixels of the PNG; SVG and PDF measure size / dpi inches
    int dpi = 144;            // 96: text at screen size; 192: twice as large in the same pixels
    HeatmapChart::ColorBy colorBy = HeatmapChart::ColorBy::Duration;
    // The line under the plot; empty: the machine and its state (imagewriter.h), the date of
    // the results and the reference's label (the machine goes under it when the line is too long).
    QString caption;
    // When the runs started: what measurement_warnings() said, for the footer's noise note.
    std::vector<std::string> warnings;
};

// Every exported heatmap says under its plot which machine it ran on and in what state, and under
// that when the runs were noisy (options.warnings, or cells whose repetitions spread).
// Writes the heatmap of every cell of model to path: .png, .svg or .pdf by suffix.
bool exportHeatmap(ResultsModel& model, const QString& path, const ExportOptions& options, QString* error);
// The heatmap as an image (for the clipboard).
QImage heatmapImage(ResultsModel& model, const ExportOptions& options);

// The same as format, whatever path's suffix.
bool exportHeatmap(ResultsModel& model, const QString& path, ImageFormat format, const ExportOptions& options,
                   QString* error);

// For the command-line tool: the heatmap of cells (as Runner::sweep returned them, or as
// read_json read them) measured on machine m, at size pixels, dated now, coloured by colorBy
// (FloorDistance needs limits, Reference a reference). .png, .svg or .pdf by suffix. Returns false and sets *error
// (when given) if the file cannot be written or the suffix is unknown.
bool renderHeatmap(const std::vector<chunkscope::CellResult>& cells, const chunkscope::MachineInfo& m,
                   const QString& path, QSize size, QString* error,
                   HeatmapChart::ColorBy colorBy = HeatmapChart::ColorBy::Duration,
                   const std::optional<chunkscope::SpeedLimits>& limits = std::nullopt,
                   Reference* reference = nullptr);
// The same as format (nothing: by path's suffix), with the warnings measurement_warnings() gave
// when the runs started (the footer says the runs were noisy).
bool renderHeatmap(const std::vector<chunkscope::CellResult>& cells, const chunkscope::MachineInfo& m,
                   const QString& path, std::optional<ImageFormat> format, QSize size,
                   const std::vector<std::string>& warnings, QString* error, HeatmapChart::ColorBy colorBy,
                   const std::optional<chunkscope::SpeedLimits>& limits, Reference* reference);

} // namespace chunkscope::ui

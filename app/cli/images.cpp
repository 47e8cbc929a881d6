// SPDX-License-Identifier: GPL-3.0-or-later
#include "images.h"

#include "chunkscope/atomicfile.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/runner.h"

#ifdef CHUNKSCOPE_WITH_UI
#include "chartexport.h"
#include "heatmapexport.h"
#include "reference.h"

#include <QApplication>
#include <QDateTime>
#include <QString>
#endif

#include <filesystem>
#include <iostream>
#include <string_view>
#include <system_error>

namespace chunkscope::cli {

namespace {

// One image asked for: the option (--png, --svg, --pdf) and its file.
struct ImageRequest {
    std::string_view option;
    const std::string* path;
};

std::vector<ImageRequest> image_requests(const CommandLine& cl)
{
    std::vector<ImageRequest> asked;
    for (const ImageRequest& r : {ImageRequest{"--png", &cl.png_path}, ImageRequest{"--svg", &cl.svg_path},
                                  ImageRequest{"--pdf", &cl.pdf_path}})
        if (!r.path->empty())
            asked.push_back(r);
    return asked;
}

#ifdef CHUNKSCOPE_WITH_UI

// The format is the option's, whatever the file's suffix.
ui::ImageFormat format_of(const ImageRequest& r)
{
    return r.option == "--png" ? ui::ImageFormat::Png : r.option == "--svg" ? ui::ImageFormat::Svg : ui::ImageFormat::Pdf;
}

bool said(const ImageRequest& r, const QString& error)
{
    std::cerr << "chunkscope-cli: error: " << r.option << ": cannot render the chart to \"" << *r.path
              << "\": " << error.toStdString() << '\n';
    return false;
}

// run, compare, scale: the window's chart of the command.
bool write_charts(const CommandLine& cl, const std::vector<CellResult>& cells, const ChartInputs& in,
                  const std::vector<ImageRequest>& images)
{
    bool ok = true;
    ui::ChartImage image;
    image.facts = {in.machine, QDateTime::fromSecsSinceEpoch(in.started), in.warnings};
    for (const ImageRequest& r : images) {
        image.path = QString::fromStdString(*r.path);
        image.format = format_of(r);
        QString error;
        bool written = false;
        if (cl.command == Command::Run) {
            const CellResult& cell = cells.front();
            std::optional<OwnFloor> floor;   // measured with --floors
            if (cell.floors.own_s > 0)
                floor = OwnFloor{cell.floors.own_phases, cell.floors.own_s};
            written = ui::renderRun(cell, floor, image, &error);
        } else if (cl.command == Command::Compare) {
            written = ui::renderCompare(cells, in.limits, logical_cores(), image, &error);
        } else {
            const double seq_s = in.sequential && in.sequential->status == Status::Ok ? in.sequential->median_s : 0.0;
            std::optional<ScaleModel> model;
            if (in.model && in.model->error.empty())
                model = in.model;
            std::optional<DaskScaleModel> dask;
            if (in.dask && in.dask->error.empty())
                dask = in.dask;
            std::optional<TwinProjection> twin;
            if (dask && in.twin && in.twin->error.empty())
                twin = in.twin;
            written = ui::renderScaling(seq_s, cells, logical_cores(), model, image, &error, dask, twin);
        }
        if (!written)
            ok = said(r, error);
    }
    return ok;
}

// sweep: the heatmap, coloured as --color-by and --reference asked.
bool write_heatmaps(const CommandLine& cl, std::vector<CellResult> cells, const ChartInputs& in,
                    const std::vector<ImageRequest>& images, const CancelToken* cancel)
{
    auto colour = ui::HeatmapChart::ColorBy::Duration;
    std::optional<SpeedLimits> limits;
    const bool cancelled = cancel && cancel->cancelled();
    if (cl.colour_by == HeatmapColour::Speedup && !cancelled) {
        // The baseline the speedups are taken against, measured the same way.
        Runner runner;
        cells.push_back(runner.run(baseline_of(cl.base), nullptr, cancel));
        colour = ui::HeatmapChart::ColorBy::Speedup;
    } else if ((cl.colour_by == HeatmapColour::Floor || cl.colour_by == HeatmapColour::OwnFloor) && !cancelled) {
        limits = in.limits;
        colour = cl.colour_by == HeatmapColour::Floor ? ui::HeatmapChart::ColorBy::FloorDistance
                                                      : ui::HeatmapChart::ColorBy::OwnFloorDistance;
    } else if (cl.colour_by == HeatmapColour::Phase) {
        colour = ui::HeatmapChart::ColorBy::DominantPhase;
    }
    ui::Reference reference;
    if (cl.reference) {
        reference.set(cl.reference->machine, cl.reference->results, QDateTime());
        colour = ui::HeatmapChart::ColorBy::Reference;
    }
    bool ok = true;
    for (const ImageRequest& r : images) {
        QString error;
        if (!ui::renderHeatmap(cells, in.machine, QString::fromStdString(*r.path), format_of(r), {1600, 1000},
                               in.warnings, &error, colour, limits, cl.reference ? &reference : nullptr))
            ok = said(r, error);
    }
    return ok;
}

#endif

} // namespace

bool wants_images(const CommandLine& cl) { return !image_requests(cl).empty(); }

bool write_images(const CommandLine& cl, std::span<const CellResult> finished, const ChartInputs& in,
                  const CancelToken* cancel, int argc, char** argv)
{
#ifdef CHUNKSCOPE_WITH_UI
    const std::vector<ImageRequest> images = image_requests(cl);
    if (images.empty() || finished.empty())
        return true;
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::vector<CellResult> cells(finished.begin(), finished.end());
    return cl.command == Command::Sweep ? write_heatmaps(cl, std::move(cells), in, images, cancel)
                                        : write_charts(cl, cells, in, images);
#else
    (void)cl;
    (void)finished;
    (void)in;
    (void)cancel;
    (void)argc;
    (void)argv;
    return true;
#endif
}

} // namespace chunkscope::cli

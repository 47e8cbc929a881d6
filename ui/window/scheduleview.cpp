// SPDX-License-Identifier: GPL-3.0-or-later
#include "scheduleview.h"

#include "heatmapchart.h"
#include "heatmapgrid.h"
#include "imagewriter.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// The schedule, and its best and worst cell under it, a line each (every title is as tall).
QString title(Schedule schedule, const ResultsModel& model)
{
    return u"<b>%1</b><br>%2"_s.arg(qs(to_string(schedule)),
                                    extremesText(model, u"\n"_s).toHtmlEscaped().replace(u'\n', u"<br>"_s));
}

} // namespace

ScheduleView::ScheduleView(const SchedulePreset& preset, QWidget* parent)
    : QDialog(parent), schedules_(preset.schedules), name_(preset.name)
{
    setObjectName(u"scheduleView"_s);
    setWindowTitle(tr("%1 — Chunkscope").arg(name_));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * kSmallMultiplesFontScale);
    setFont(big);
    auto* layout = new QVBoxLayout(this);
    content_ = new QWidget(this);
    content_->setAutoFillBackground(true);
    auto* contentLayout = new QVBoxLayout(content_);
    heading_ = new QLabel(content_);
    heading_->setObjectName(u"scheduleHeading"_s);
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    const RunConfig& c = preset.base;
    about_ = (tr("<b>%1</b>: omp, %2 of %3 on %4 workers, the same %5 × %6 grid for each schedule (splits × "
                         "chunksize). One colour scale for the three heatmaps; the outlined cell is each one's "
                         "fastest.")
                          .arg(name_.toHtmlEscaped(), qs(to_string(c.workload.function)), formatCount(c.workload.size))
                          .arg(c.workers)
                          .arg(preset.splits.size())
                          .arg(preset.chunks.size()));
    heading_->setText(about_);
    contentLayout->addWidget(heading_);
    grid_ = new HeatmapGrid(static_cast<int>(schedules_.size()), u"scheduleHeatmap"_s, content_);
    grid_->setCompact(true);
    grid_->setMinimumChartSize({300, 340});
    for (Schedule k : schedules_) {
        auto* model = new ResultsModel(this);
        models_.push_back(model);
        const QString pragma = u"schedule(%1, chunksize)"_s.arg(qs(to_string(k)));
        grid_->addHeatmap(model, title(k, *model), pragma,
                          tr("%1: the median time of each cell, on the scale the three share").arg(pragma));
    }
    contentLayout->addWidget(grid_, 1);
    layout->addWidget(content_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close this view (Esc); the results stay in the "
                                                            "Results table"));
    QPushButton* exportButton = buttons->addButton(tr("&Export image…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(u"exportSchedulesButton"_s);
    exportButton->setToolTip(tr("Save the three heatmaps as one picture (PNG, SVG or PDF)"));
    connect(exportButton, &QPushButton::clicked, this, &ScheduleView::chooseExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1280, 720);   // a projector's
}

void ScheduleView::setResults(int i, const MachineInfo& machine, std::vector<CellResult> results,
                              const QDateTime& date)
{
    if (i < 0 || i >= static_cast<int>(models_.size()))
        return;
    ResultsModel* model = models_[static_cast<std::size_t>(i)];
    model->setResults(machine, std::move(results), date);
    heading_->setText(about_ + u" "_s +
                      tr("Measured on %1, %2.").arg(machineText(machine), QLocale().toString(date, QLocale::ShortFormat)));
    grid_->setTitle(i, title(schedules_[static_cast<std::size_t>(i)], *model));
    grid_->shareScale();
}

bool ScheduleView::exportImage(const QString& path, QString* error)
{
    const auto format = imageFormatOf(path);
    if (!format) {
        if (error)
            *error = tr("%1: the name must end in .png, .svg or .pdf").arg(path);
        return false;
    }
    const ImageSize size;
    return writeImage(path, *format, size, name_, heading_->text(),
                      [this, &size](QPainter& painter) {
                          // The view as it is laid out on screen, as large as the picture allows.
                          const QSizeF logical = size.logical();
                          const qreal scale = std::min(logical.width() / std::max(1, content_->width()),
                                                       logical.height() / std::max(1, content_->height()));
                          painter.translate((logical.width() - scale * content_->width()) / 2,
                                            (logical.height() - scale * content_->height()) / 2);
                          painter.scale(scale, scale);
                          content_->render(&painter);
                      },
                      error);
}

void ScheduleView::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the three heatmaps"), u"omp-schedules.png"_s,
                                                      tr("Images (*.png *.svg *.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, &error))
        QMessageBox::warning(this, tr("Not exported"), error);
}

} // namespace chunkscope::ui

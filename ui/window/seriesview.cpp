// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriesview.h"

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

SeriesView::SeriesView(const SweepSeries& series, const SeriesPlan& plan, QWidget* parent)
    : QDialog(parent), name_(series.name), exportName_(series.exportName), defaultsInTitles_(series.defaultsInTitles)
{
    setObjectName(u"seriesView"_s);
    setWindowTitle(tr("%1 — Chunkscope").arg(name_));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * kSmallMultiplesFontScale);
    setFont(big);
    auto* layout = new QVBoxLayout(this);
    content_ = new QWidget(this);
    content_->setAutoFillBackground(true);
    auto* contentLayout = new QVBoxLayout(content_);
    heading_ = new QLabel(content_);
    heading_->setObjectName(u"seriesHeading"_s);
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    about_ = seriesAbout(series, plan.sweeps.size());
    heading_->setText(about_);
    contentLayout->addWidget(heading_);
    leftOut_ = new QLabel(plan.leftOut.join(u"\n"_s), content_);
    leftOut_->setObjectName(u"seriesLeftOut"_s);
    leftOut_->setWordWrap(true);
    leftOut_->setVisible(!plan.leftOut.isEmpty());
    contentLayout->addWidget(leftOut_);
    grid_ = new HeatmapGrid(static_cast<int>(plan.sweeps.size()), u"seriesHeatmap"_s, content_);
    grid_->setCompact(true);
    grid_->setMinimumChartSize({300, 340});
    for (std::size_t m : plan.members) {
        const SweepSeries::Member& member = series.members[m];
        auto* model = new ResultsModel(this);
        models_.push_back(model);
        labels_.push_back(member.label);
        grid_->addHeatmap(model, seriesTitle(member.label, *model, defaultsInTitles_), member.caption,
                          tr("%1: the median time of each cell, on the scale the %2 share")
                              .arg(member.caption)
                              .arg(plan.sweeps.size()));
    }
    contentLayout->addWidget(grid_, 1);
    layout->addWidget(content_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close this view (Esc); the results stay in the "
                                                            "Results table"));
    QPushButton* exportButton = buttons->addButton(tr("&Export image…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(u"exportSeriesButton"_s);
    exportButton->setToolTip(tr("Save the %1 heatmaps as one picture (PNG, SVG or PDF)").arg(plan.sweeps.size()));
    connect(exportButton, &QPushButton::clicked, this, &SeriesView::chooseExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1280, 720);   // a projector's
}

void SeriesView::setResults(int i, const MachineInfo& machine, std::vector<CellResult> results,
                            const QDateTime& date)
{
    if (i < 0 || i >= static_cast<int>(models_.size()))
        return;
    ResultsModel* model = models_[static_cast<std::size_t>(i)];
    model->setResults(machine, std::move(results), date);
    heading_->setText(about_ + u" "_s +
                      tr("Measured on %1, %2.").arg(machineText(machine), QLocale().toString(date, QLocale::ShortFormat)));
    grid_->setTitle(i, seriesTitle(labels_[static_cast<std::size_t>(i)], *model, defaultsInTitles_));
    grid_->shareScale();
}

bool SeriesView::exportImage(const QString& path, QString* error)
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

void SeriesView::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the %1 heatmaps").arg(models_.size()), exportName_,
                                                      tr("Images (*.png *.svg *.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, &error))
        QMessageBox::warning(this, tr("Not exported"), error);
}

} // namespace chunkscope::ui

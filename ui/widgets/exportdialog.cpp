// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(const QString& path, const ExportOptions& options, QWidget* parent)
    : QDialog(parent), path_(new QLineEdit(path, this)), format_(new QComboBox(this)), width_(new QSpinBox(this)),
      height_(new QSpinBox(this)), dpi_(new QSpinBox(this)), colorBy_(new QComboBox(this)),
      caption_(new QLineEdit(options.caption, this))
{
    setWindowTitle(tr("Export chart"));
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    path_->setMinimumWidth(fontMetrics().horizontalAdvance(u'x') * 48);

    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose where the image goes"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(path_, 1);
    fileRow->addWidget(browse);
    path_->setToolTip(tr("The file to write; its suffix follows the format"));
    form->addRow(tr("File"), fileRow);

    format_->addItem(tr("PNG image"), u"png"_s);
    format_->addItem(tr("SVG drawing (scalable)"), u"svg"_s);
    format_->addItem(tr("PDF document"), u"pdf"_s);
    format_->setToolTip(tr("PNG for slides and the web, SVG and PDF to print or edit at any size"));
    const int current = format_->findData(QFileInfo(path).suffix().toLower());
    format_->setCurrentIndex(current >= 0 ? current : 0);
    form->addRow(tr("Format"), format_);

    for (QSpinBox* box : {width_, height_}) {
        box->setRange(64, 20000);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(options.size.width());
    height_->setValue(options.size.height());
    width_->setToolTip(tr("Width of the image in pixels"));
    height_->setToolTip(tr("Height of the image in pixels"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(height_);
    form->addRow(tr("Size"), sizeRow);

    dpi_->setRange(24, 2400);
    dpi_->setValue(options.dpi);
    dpi_->setSuffix(tr(" dpi"));
    dpi_->setToolTip(tr("Resolution: at 192 dpi text and lines are twice as large in the same pixels; SVG and PDF "
                        "pages measure size / resolution inches"));
    form->addRow(tr("Resolution"), dpi_);

    for (auto by : {HeatmapChart::ColorBy::Duration, HeatmapChart::ColorBy::Speedup,
                    HeatmapChart::ColorBy::FloorDistance, HeatmapChart::ColorBy::OwnFloorDistance,
                    HeatmapChart::ColorBy::DominantPhase})
        colorBy_->addItem(HeatmapChart::colorByName(by), static_cast<int>(by));
    colorBy_->setCurrentIndex(colorBy_->findData(static_cast<int>(options.colorBy)));
    colorBy_->setToolTip(tr("What the cells' colour shows; speedup needs the sequential run and the distance from "
                            "the floor a measured machine (Run ▸ Measure machine), or the cells show median time"));
    form->addRow(tr("Colour by"), colorBy_);

    caption_->setToolTip(tr("The line under the chart; the title above it states strategy, function, N and "
                            "workers"));
    form->addRow(tr("Caption"), caption_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    formatChanged();
}

void ExportDialog::formatChanged()
{
    const QString suffix = format_->currentData().toString();
    QFileInfo info(path_->text());
    if (info.suffix().toLower() != suffix)
        path_->setText(info.path() + u'/' + info.completeBaseName() + u'.' + suffix);
}

void ExportDialog::browse()
{
    const QString suffix = format_->currentData().toString();
    const QString file = QFileDialog::getSaveFileName(this, tr("Export chart"), path_->text(),
                                                      format_->currentText() + u" (*."_s + suffix + u')');
    if (!file.isEmpty())
        path_->setText(file);
    formatChanged();
}

QString ExportDialog::path() const { return path_->text(); }

ExportOptions ExportDialog::options() const
{
    ExportOptions o;
    o.size = QSize(width_->value(), height_->value());
    o.dpi = dpi_->value();
    o.colorBy = static_cast<HeatmapChart::ColorBy>(colorBy_->currentData().toInt());
    o.caption = caption_->text();
    return o;
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File ▸ Export chart: the file, its size in pixels, its resolution, and the caption.

#include "heatmapexport.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace chunkscope::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& path, const ExportOptions& options, QWidget* parent = nullptr);

    QString path() const;
    ExportOptions options() const;

private:
    void browse();
    void formatChanged();

    QLineEdit* path_;
    QComboBox* format_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
    QComboBox* colorBy_;
    QLineEdit* caption_;
};

} // namespace chunkscope::ui

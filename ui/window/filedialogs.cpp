// SPDX-License-Identifier: GPL-3.0-or-later
#include "filedialogs.h"

#include "experimentpanel.h"
#include "exportdialog.h"
#include "heatmapchart.h"
#include "mainwindow.h"
#include "uiformat.h"

#include "chunkscope/machine.h"
#include "chunkscope/python.h"

#include <QApplication>
#include <QChartView>
#include <QClipboard>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include <cmath>
#include <functional>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

FileDialogs::FileDialogs(MainWindow* window) : QObject(window), window_(window)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    lastDirectory_ = QDir(documents).exists() ? documents : QDir::homePath();
}

void FileDialogs::readSettings(const QSettings& settings)
{
    exportOptions_.size = settings.value(u"export/size"_s, exportOptions_.size).toSize();
    exportOptions_.dpi = settings.value(u"export/dpi"_s, exportOptions_.dpi).toInt();
    lastDirectory_ = settings.value(u"files/lastDirectory"_s, lastDirectory_).toString();
}

void FileDialogs::writeSettings(QSettings& settings) const
{
    settings.setValue(u"export/size"_s, exportOptions_.size);
    settings.setValue(u"export/dpi"_s, exportOptions_.dpi);
    settings.setValue(u"files/lastDirectory"_s, lastDirectory_);
}

void FileDialogs::report(bool ok, const QString& title, const QString& error, const QString& success)
{
    if (!ok)
        QMessageBox::warning(window_, title, error);
    else
        window_->statusBar()->showMessage(success, 5000);
}

void FileDialogs::openSession()
{
    const QString path = QFileDialog::getOpenFileName(window_, tr("Open session"), lastDirectory_,
                                                      tr("Chunkscope sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    const bool ok = window_->openSession(path, &error);
    report(ok, tr("Not a session"), error, tr("Opened %1.").arg(QDir::toNativeSeparators(path)));
}

void FileDialogs::writeFile(const QString& title, const QString& name, const QString& filter, const QString& done,
                            const std::function<bool(const QString&, QString*)>& write)
{
    const QString path = QFileDialog::getSaveFileName(window_, title, lastDirectory_ + u'/' + name, filter);
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    const bool ok = write(path, &error);
    report(ok, title, error, done.arg(QDir::toNativeSeparators(path)));
}

void FileDialogs::saveSession()
{
    writeFile(tr("Save session"), u"chunkscope-session.json"_s, tr("Chunkscope sessions (*.json)"), tr("Saved %1."),
              [this](const QString& path, QString* error) { return window_->saveSession(path, error); });
}

void FileDialogs::exportChart()
{
    HeatmapChart* chart = window_->heatmap();
    ExportOptions options = exportOptions_;
    options.colorBy = chart->colorBy();
    options.caption = chart->caption();
    ExportDialog dialog(lastDirectory_ + u"/chunkscope-heatmap.png"_s, options, window_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    options = dialog.options();
    exportOptions_.size = options.size;
    exportOptions_.dpi = options.dpi;
    lastDirectory_ = QFileInfo(dialog.path()).absolutePath();
    if (options.caption == chart->caption())
        options.caption.clear();   // the default caption follows the results
    QString error;
    const bool ok = window_->exportChart(dialog.path(), options, &error);
    report(ok, tr("Export chart"), error, tr("Exported %1.").arg(QDir::toNativeSeparators(dialog.path())));
}

void FileDialogs::exportData()
{
    writeFile(tr("Export data"), u"chunkscope.csv"_s, tr("CSV (*.csv);;JSON, as the CLI writes it (*.json)"),
              tr("Exported %1."), [this](const QString& path, QString* error) { return window_->exportData(path, error); });
}

void FileDialogs::exportTrace()
{
    writeFile(tr("Export trace"), u"chunkscope-trace.json"_s, tr("Chrome trace JSON (*.json)"),
              tr("Exported %1: open it in ui.perfetto.dev."),
              [this](const QString& path, QString* error) { return window_->exportTrace(path, error); });
}

void FileDialogs::copyChart()
{
    ExportOptions options = exportOptions_;
    QChartView* view = window_->heatmapView();
    options.size = view->size() * view->devicePixelRatioF();
    options.dpi = static_cast<int>(std::lround(96 * view->devicePixelRatioF()));
    options.colorBy = window_->heatmap()->colorBy();
    QApplication::clipboard()->setImage(heatmapImage(*window_->model(), options));
    window_->statusBar()->showMessage(tr("Chart copied to the clipboard."), 3000);
}

void FileDialogs::about()
{
    const MachineInfo machine = machine_info();
    QMessageBox::about(window_, tr("About Chunkscope"),
                       tr("<b>Chunkscope %1</b><p>How to apply a math function to a huge vector with every core, "
                          "measured: the tutorial's experiments, their fixes, and a heatmap of splits × "
                          "chunksize.</p><p>%2</p>")
                           .arg(qs(machine.chunkscope_version), machineText(machine).toHtmlEscaped()));
}

void FileDialogs::choosePython()
{
    const QString current = qs(python_interpreter());
    const QString path = QFileDialog::getOpenFileName(window_, tr("Python interpreter"), current);
    if (path.isEmpty())
        return;
    set_python_interpreter(path.toStdString());
    QSettings().setValue(u"python/interpreter"_s, path);
    const PythonProbe& probe = python_probe();
    window_->panel()->refreshAvailability();
    if (probe.ok)
        window_->statusBar()->showMessage(
            tr("The py-* strategies run with %1 (Python %2, numpy %3).").arg(path, qs(probe.python), qs(probe.numpy)),
            8000);
    else
        QMessageBox::warning(window_, tr("Python interpreter"),
                             tr("%1 cannot run the tutorial's code: %2").arg(path, qs(probe.error)));
}

} // namespace chunkscope::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's file dialogs: open and save a session, export the chart, the data and the
// trace. Each asks for a path, calls the window's dialog-free function (MainWindow::openSession
// and the others, which tests drive directly) and says how it went. Remembers the last folder
// and the export size and resolution across runs.

#include "heatmapexport.h"

#include <QObject>
#include <QString>

#include <functional>

class QSettings;

namespace chunkscope::ui {

class MainWindow;

class FileDialogs : public QObject {
    Q_OBJECT
public:
    explicit FileDialogs(MainWindow* window);

    void readSettings(const QSettings& settings);
    void writeSettings(QSettings& settings) const;
    // Size and resolution last chosen for an export.
    const ExportOptions& exportOptions() const { return exportOptions_; }

public Q_SLOTS:
    void openSession();
    void saveSession();
    void exportChart();
    void exportData();
    void exportTrace();
    // The heatmap as shown, to the clipboard.
    void copyChart();
    // Run ▸ Python interpreter: the py-* strategies' interpreter, remembered across runs.
    void choosePython();
    // Help ▸ About: what Chunkscope is and the machine it runs on.
    void about();

private:
    // Asks where to write (name in the last folder, filter), then write(path, &error); says how it
    // went, done taking the path as %1.
    void writeFile(const QString& title, const QString& name, const QString& filter, const QString& done,
                   const std::function<bool(const QString&, QString*)>& write);
    // Shows error in a message box titled title, or success in the status bar.
    void report(bool ok, const QString& title, const QString& error, const QString& success);

    MainWindow* window_;
    QString lastDirectory_;
    ExportOptions exportOptions_;
};

} // namespace chunkscope::ui

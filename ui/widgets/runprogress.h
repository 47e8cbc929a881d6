// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The status bar's progress: "12/65 cells · ETA 40 s – 1 min 10 s" and a bar that moves within
// a cell too.

#include <QWidget>

class QLabel;
class QProgressBar;

namespace chunkscope::ui {

class RunProgress : public QWidget {
    Q_OBJECT
public:
    explicit RunProgress(QWidget* parent = nullptr);

    void start(int cells);
    // done: cells finished, fractional while one runs; eta in seconds, negative when unknown.
    void setProgress(double done, int total, double etaSeconds);
    // The same with the time left as a range (RunController::etaRange): "ETA 40 s – 2 min" while
    // the ends differ by more than a fifth, one figure once they agree; negative: unknown.
    void setProgressRange(double done, int total, double etaLow, double etaHigh);
    void finish();
    // Stopped before the end: the count where it stopped, and why ("cancelled", "failed").
    void stop(const QString& why);
    // Not a run: "64 cells loaded".
    void showLoaded(int cells);

    QProgressBar* bar() const { return bar_; }
    QString text() const;

private:
    QLabel* text_;
    QProgressBar* bar_;
    int total_ = 0;
};

} // namespace chunkscope::ui

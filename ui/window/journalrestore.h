// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The offer, when the window starts, to restore a sweep that a crash, a kill or a power cut
// interrupted: a line above the heatmap (never a modal dialog) that says what its journal holds,
// with Restore (its cells on the heatmap, only the missing cells run) and Discard.

#include <QObject>
#include <QString>

class QFrame;
class QLabel;
class QPushButton;

namespace chunkscope::ui {

class HeatmapPage;
class RunCoordinator;

class JournalRestore : public QObject {
    Q_OBJECT
public:
    JournalRestore(RunCoordinator* runs, HeatmapPage* page, QObject* parent);

    // The journal offered now (empty when none).
    const QString& offered() const { return offered_; }
    QFrame* bar() const { return bar_; }
    void restore();
    void discard();

Q_SIGNALS:
    void message(const QString& text, int timeout);

private:
    // Offers the newest journal left, other than the running sweep's; hides the bar when none.
    void offerNext();

    RunCoordinator* runs_;
    QFrame* bar_ = nullptr;
    QLabel* text_ = nullptr;
    QPushButton* restore_ = nullptr;
    QString offered_;
};

} // namespace chunkscope::ui

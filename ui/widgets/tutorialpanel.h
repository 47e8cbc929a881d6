// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tutorial's experiments side by side: its published figure (4 cores, Python), the same
// Python code here as the tutorial timed it (one cold run) and as the lab times it (a warmed
// median), what Chunkscope's C++ measured here, and why the two Python figures differ. Replay
// the tutorial (TutorialReplay) shows its controls and its sentence for each step here.

#include "presets.h"

#include <QMap>
#include <QWidget>

#include <vector>

class QAction;
class QLabel;
class QTableWidget;

namespace chunkscope::ui {

class TutorialPanel : public QWidget {
    Q_OBJECT
public:
    explicit TutorialPanel(const std::vector<Preset>& presets, QWidget* parent = nullptr);

    // What Chunkscope's C++ measured here (a warmed median).
    void setMeasured(int preset, const QString& figure);
    QString measured(int preset) const;
    // The tutorial's own Python code, measured here (the preset's Python twin), a warmed median.
    void setPythonMeasured(int preset, const QString& figure);
    QString pythonMeasured(int preset) const;
    // The same Python code timed as the tutorial timed it: one cold run, a fresh interpreter and
    // pool, numpy.random.rand inside the clock.
    void setTutorialTimed(int preset, const QString& figure);
    QString tutorialTimed(int preset) const;
    // Why the row's figures are not at the tutorial's size (their tooltip); empty: they are.
    void setFigureNote(int preset, const QString& note);
    // Why the two Python figures of the row differ (updated with each figure).
    QString lesson(int preset) const;
    QTableWidget* table() const { return table_; }

    // Replay's controls, as buttons above the table (the actions keep their shortcuts).
    void addReplayActions(const QList<QAction*>& actions);
    // The sentence of the replay's step: what to look at (empty hides it).
    void setReplayText(const QString& text);
    QString replayText() const;
    // The row the replay runs now, or -1.
    void setReplayRow(int preset);

Q_SIGNALS:
    void presetRequested(int preset);
    void pythonTwinRequested(int preset);
    // "Time it as the tutorial did": the row's Python twin, one cold run.
    void tutorialTimingRequested(int preset);

protected:
    void changeEvent(QEvent* event) override;

private:
    void sizeFigureColumns();
    void showLesson(int preset);
    void updateLesson(int preset);
    QString text(int preset, int column) const;

    std::vector<Preset> presets_;
    QTableWidget* table_;
    QLabel* replayText_;
    QWidget* replayBar_;
    QLabel* lessonText_;
    std::vector<QString> lessons_;
    QMap<int, QString> notes_;   // why a row's figures are not at the tutorial's size
};

} // namespace chunkscope::ui

#pragma once
// The tutorial's experiments side by side: its published figure (4 cores, Python), the same
// Python code on this project's machines, and what Chunkscope measured here.

#include "presets.h"

#include <QWidget>

#include <vector>

class QTableWidget;

namespace chunkscope::ui {

class TutorialPanel : public QWidget {
    Q_OBJECT
public:
    explicit TutorialPanel(const std::vector<Preset>& presets, QWidget* parent = nullptr);

    void setMeasured(int preset, const QString& figure);
    QString measured(int preset) const;
    // The tutorial's own Python code, measured here (the preset's Python twin).
    void setPythonMeasured(int preset, const QString& figure);
    QString pythonMeasured(int preset) const;
    QTableWidget* table() const { return table_; }

Q_SIGNALS:
    void presetRequested(int preset);
    void pythonTwinRequested(int preset);

private:
    QTableWidget* table_;
};

} // namespace chunkscope::ui

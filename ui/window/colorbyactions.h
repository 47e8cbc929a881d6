// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// View ▸ Colour cells by: one checkable action per way of colouring the heatmap (Ctrl+1 to
// Ctrl+5; Ctrl+T is speedup too) and the toolbar's box showing the same choice.

#include "heatmapchart.h"

#include <QList>
#include <QObject>

class QAction;
class QActionGroup;
class QComboBox;
class QWidget;

namespace chunkscope::ui {

class ColorByActions : public QObject {
    Q_OBJECT
public:
    // The box is created as a child of boxParent (the toolbar takes it).
    ColorByActions(QWidget* boxParent, QObject* parent);

    QList<QAction*> actions() const;
    QAction* action(HeatmapChart::ColorBy by) const;
    QComboBox* comboBox() const { return box_; }
    // Checks the action and selects the box's entry, without emitting requested.
    void setCurrent(HeatmapChart::ColorBy by);

Q_SIGNALS:
    // A person chose a colouring (an action, a shortcut or the box).
    void requested(chunkscope::ui::HeatmapChart::ColorBy by);

private:
    QActionGroup* group_ = nullptr;
    QComboBox* box_ = nullptr;
};

} // namespace chunkscope::ui

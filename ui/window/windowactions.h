// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window's commands: every action with its icon, shortcut and tooltip (which the menus show
// in the status bar), and the menus and the tool bar that offer them. The window connects the
// actions and enables them; this only makes them and puts them in place.

#include <QKeySequence>
#include <QObject>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace chunkscope::ui {

class ColorByActions;
struct Preset;

class WindowActions : public QObject {
    Q_OBJECT
public:
    // Present is checkable, and a window action too, so F11 works wherever the focus is.
    enum class Command {
        Run, Sweep, Predict, Cancel, Compare, Scale, Measure,
        Open, Save, ExportChart, ExportData, ExportTrace, CopyChart, Quit,
        Present, About, ChoosePython,
        KeepReference, LoadReference, TwinReference, ClearReference, SideBySide, SweepBesideTwin,
    };
    static constexpr std::size_t kCommandCount = 23;

    explicit WindowActions(QMainWindow* window);

    // File, Run, Presets (one entry per preset, and the sweep beside its twin), Reference, View
    // (colourings, the controls' dock, presentation mode) and Help, and the main tool bar.
    void createMenus(const std::vector<Preset>& presets, ColorByActions* colorBy, QAction* dockToggle);

    QAction* action(Command c) const { return actions_[static_cast<std::size_t>(c)]; }
    // File ▸ Open class results (several reports, or a folder of them): the class view.
    QAction* openClassAction() const { return openClass_; }
    QAction* openClassFolderAction() const { return openClassFolder_; }
    // After createMenus: the Presets menu and the main tool bar (for actions made elsewhere).
    QMenu* presetsMenu() const { return presetsMenu_; }
    QToolBar* toolBar() const { return toolBar_; }

Q_SIGNALS:
    // An entry of the Presets menu (an index into the presets given to createMenus).
    void presetRequested(int preset);

private:
    QList<QAction*> list(std::initializer_list<Command> commands) const;

    QMainWindow* window_;
    std::array<QAction*, kCommandCount> actions_{};
    QAction* openClass_ = nullptr;
    QAction* openClassFolder_ = nullptr;
    QMenu* presetsMenu_ = nullptr;
    QToolBar* toolBar_ = nullptr;
};

} // namespace chunkscope::ui

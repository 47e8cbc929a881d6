#pragma once
// The window's commands: every action with its icon, shortcut and tooltip (which the menus show
// in the status bar), and the menus and the tool bar that offer them. The window connects the
// actions and enables them; this only makes them and puts them in place.

#include <QKeySequence>
#include <QObject>

#include <vector>

class QAction;
class QMainWindow;

namespace chunkscope::ui {

class ColorByActions;
struct Preset;

class WindowActions : public QObject {
    Q_OBJECT
public:
    explicit WindowActions(QMainWindow* window);

    // File, Run, Presets (one entry per preset), View (colourings, the controls' dock, presentation
    // mode) and Help, and the main tool bar.
    void createMenus(const std::vector<Preset>& presets, ColorByActions* colorBy, QAction* dockToggle);

    QAction* runAction() const { return run_; }
    QAction* sweepAction() const { return sweep_; }
    QAction* predictAction() const { return predict_; }
    QAction* cancelAction() const { return cancel_; }
    QAction* compareAction() const { return compare_; }
    QAction* scaleAction() const { return scale_; }
    QAction* measureAction() const { return measure_; }
    QAction* openAction() const { return open_; }
    QAction* saveAction() const { return save_; }
    QAction* exportChartAction() const { return exportChart_; }
    QAction* exportDataAction() const { return exportData_; }
    QAction* exportTraceAction() const { return exportTrace_; }
    QAction* copyChartAction() const { return copyChart_; }
    QAction* quitAction() const { return quit_; }
    // Checkable; a window action too, so F11 works wherever the focus is.
    QAction* presentAction() const { return present_; }
    QAction* aboutAction() const { return about_; }

Q_SIGNALS:
    // An entry of the Presets menu (an index into the presets given to createMenus).
    void presetRequested(int preset);

private:
    QAction* make(const QString& text, const QString& toolTip, const QKeySequence& shortcut = {});

    QMainWindow* window_;
    QAction* run_ = nullptr;
    QAction* sweep_ = nullptr;
    QAction* predict_ = nullptr;
    QAction* cancel_ = nullptr;
    QAction* compare_ = nullptr;
    QAction* scale_ = nullptr;
    QAction* measure_ = nullptr;
    QAction* open_ = nullptr;
    QAction* save_ = nullptr;
    QAction* exportChart_ = nullptr;
    QAction* exportData_ = nullptr;
    QAction* exportTrace_ = nullptr;
    QAction* copyChart_ = nullptr;
    QAction* quit_ = nullptr;
    QAction* present_ = nullptr;
    QAction* about_ = nullptr;
};

} // namespace chunkscope::ui

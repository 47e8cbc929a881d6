#include "windowactions.h"

#include "colorbyactions.h"
#include "presets.h"

#include <QAction>
#include <QComboBox>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

WindowActions::WindowActions(QMainWindow* window) : QObject(window), window_(window)
{
    QStyle* s = window->style();
    run_ = make(tr("&Run"), tr("Run the current point (Ctrl+R)"), QKeySequence(Qt::CTRL | Qt::Key_R));
    run_->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
    sweep_ = make(tr("&Sweep"), tr("Run every cell of the sweep grid (Ctrl+Shift+R)"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    sweep_->setIcon(s->standardIcon(QStyle::SP_BrowserReload));
    predict_ = make(tr("&Predict, then sweep"),
                    tr("Show the empty grid; the class clicks the cell it thinks will be fastest, then the sweep "
                       "runs and says how good the guess was (Ctrl+G)"),
                    QKeySequence(Qt::CTRL | Qt::Key_G));
    predict_->setIcon(s->standardIcon(QStyle::SP_MessageBoxQuestion));
    cancel_ = make(tr("&Cancel"), tr("Stop the run now (Esc)"), QKeySequence(Qt::Key_Escape));
    cancel_->setIcon(s->standardIcon(QStyle::SP_MediaStop));
    compare_ = make(tr("C&ompare strategies"),
                    tr("Run every strategy on the current workload, sequential first (Ctrl+K)"),
                    QKeySequence(Qt::CTRL | Qt::Key_K));
    scale_ = make(tr("Scale over &workers"), tr("Run the current strategy with 1 to twice the cores' workers (Ctrl+L)"),
                  QKeySequence(Qt::CTRL | Qt::Key_L));
    measure_ = make(tr("&Measure machine"),
                    tr("Measure the memory bandwidth and each function's throughput (about a second)"));

    open_ = make(tr("&Open session…"), tr("Show a saved session (or the CLI's JSON) again, without running it"),
                 QKeySequence::Open);
    open_->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    save_ = make(tr("&Save session…"), tr("Save every result of the experiment as the CLI's JSON"),
                 QKeySequence::Save);
    save_->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    exportChart_ = make(tr("&Export chart…"),
                        tr("Save the heatmap as PNG, SVG or PDF at a chosen size and resolution (Ctrl+E)"),
                        QKeySequence(Qt::CTRL | Qt::Key_E));
    exportData_ = make(tr("Export &data…"), tr("Save the results as CSV or JSON, as the CLI writes them"));
    exportTrace_ = make(tr("Export &trace…"), tr("Save the selected cell's tasks as Chrome trace JSON "
                                                 "(ui.perfetto.dev, chrome://tracing)"));
    copyChart_ = make(tr("Co&py chart"), tr("Copy the heatmap to the clipboard as an image (Ctrl+Shift+C)"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    quit_ = make(tr("&Quit"), tr("Close the window; a run in progress is cancelled (Ctrl+Q)"),
                 QKeySequence(Qt::CTRL | Qt::Key_Q));

    present_ = make(tr("&Presentation mode"), tr("Full screen, large fonts, controls hidden (F11)"),
                    QKeySequence(Qt::Key_F11));
    present_->setCheckable(true);
    window->addAction(present_);
    about_ = new QAction(tr("&About Chunkscope"), this);
}

QAction* WindowActions::make(const QString& text, const QString& toolTip, const QKeySequence& shortcut)
{
    auto* action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setToolTip(toolTip);
    // Menus show the tooltip in the status bar.
    action->setStatusTip(toolTip);
    return action;
}

void WindowActions::createMenus(const std::vector<Preset>& presets, ColorByActions* colorBy, QAction* dockToggle)
{
    QMenuBar* bar = window_->menuBar();
    QMenu* file = bar->addMenu(tr("&File"));
    file->addActions({open_, save_});
    file->addSeparator();
    file->addActions({exportChart_, exportData_, copyChart_, exportTrace_});
    file->addSeparator();
    file->addAction(quit_);

    QMenu* run = bar->addMenu(tr("&Run"));
    run->addActions({run_, sweep_, predict_, cancel_});
    run->addSeparator();
    run->addActions({compare_, scale_, measure_});

    QMenu* menu = bar->addMenu(tr("&Presets"));
    menu->setToolTipsVisible(true);
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
        const Preset& p = presets[static_cast<std::size_t>(i)];
        QAction* action = menu->addAction(tr("%1 — tutorial: %2").arg(p.name, p.tutorialFigure));
        action->setToolTip(p.description + u"\n"_s + tr("Python here: %1").arg(p.pythonHereFigure));
        connect(action, &QAction::triggered, this, [this, i] { Q_EMIT presetRequested(i); });
        // The tutorial's five experiments, then the two fixes it points to.
        if (i == 4)
            menu->addSeparator();
    }

    QMenu* view = bar->addMenu(tr("&View"));
    view->addMenu(tr("&Colour cells by"))->addActions(colorBy->actions());
    view->addSeparator();
    dockToggle->setToolTip(tr("Show or hide the experiment's controls"));
    view->addActions({dockToggle, present_});

    QToolBar* tools = window_->addToolBar(tr("Main"));
    tools->setObjectName(u"mainToolBar"_s);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({run_, sweep_, predict_, cancel_});
    tools->addSeparator();
    tools->addWidget(colorBy->comboBox());
    tools->addActions({exportChart_, copyChart_});

    bar->addMenu(tr("&Help"))->addAction(about_);
}

} // namespace chunkscope::ui

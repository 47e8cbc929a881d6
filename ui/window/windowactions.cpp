// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowactions.h"

#include "colorbyactions.h"
#include "presets.h"

#include <QAction>
#include <QList>
#include <QComboBox>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

#include <iterator>
#include <optional>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

WindowActions::WindowActions(QMainWindow* window) : QObject(window), window_(window)
{
    struct Spec {
        Command command;
        QString text;
        QString toolTip;
        QKeySequence shortcut;
        std::optional<QStyle::StandardPixmap> icon;
    };
    using K = QKeySequence;
    const Spec specs[] = {
        {Command::Run, tr("&Run"), tr("Run the current point (Ctrl+R)"), K(Qt::CTRL | Qt::Key_R), QStyle::SP_MediaPlay},
        {Command::Sweep, tr("&Sweep"), tr("Run every cell of the sweep grid (Ctrl+Shift+R)"),
         K(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStyle::SP_BrowserReload},
        {Command::Predict, tr("&Predict, then sweep"),
         tr("Show the empty grid; the class clicks the cell it thinks will be fastest, then the sweep runs and says "
            "how good the guess was (Ctrl+G)"),
         K(Qt::CTRL | Qt::Key_G), QStyle::SP_MessageBoxQuestion},
        {Command::Cancel, tr("&Cancel"), tr("Stop the run now (Esc)"), K(Qt::Key_Escape), QStyle::SP_MediaStop},
        {Command::Compare, tr("C&ompare strategies"),
         tr("Run every strategy on the current workload, sequential first (Ctrl+K)"), K(Qt::CTRL | Qt::Key_K), {}},
        {Command::Scale, tr("Scale over &workers"), tr("Run the current strategy with 1 to twice the cores' workers (Ctrl+L)"),
         K(Qt::CTRL | Qt::Key_L), {}},
        {Command::Measure, tr("&Measure machine"),
         tr("Measure the memory bandwidth and each function's throughput (a few seconds)"), {}, {}},
        {Command::Open, tr("&Open session…"), tr("Show a saved session (or the CLI's JSON) again, without running it"),
         K::Open, QStyle::SP_DialogOpenButton},
        {Command::Save, tr("&Save session…"), tr("Save every result of the experiment as the CLI's JSON"), K::Save,
         QStyle::SP_DialogSaveButton},
        {Command::ExportChart, tr("&Export chart…"),
         tr("Save the heatmap as PNG, SVG or PDF at a chosen size and resolution (Ctrl+E)"), K(Qt::CTRL | Qt::Key_E), {}},
        {Command::ExportData, tr("Export &data…"), tr("Save the results as CSV or JSON, as the CLI writes them"), {}, {}},
        {Command::ExportTrace, tr("Export &trace…"),
         tr("Save the selected cell's tasks as Chrome trace JSON (ui.perfetto.dev, chrome://tracing)"), {}, {}},
        {Command::CopyChart, tr("Co&py chart"), tr("Copy the heatmap to the clipboard as an image (Ctrl+Shift+C)"),
         K(Qt::CTRL | Qt::SHIFT | Qt::Key_C), {}},
        {Command::Quit, tr("&Quit"), tr("Close the window; a run in progress is cancelled (Ctrl+Q)"),
         K(Qt::CTRL | Qt::Key_Q), {}},
        {Command::Present, tr("&Presentation mode"), tr("Full screen, large fonts, controls hidden (F11)"),
         K(Qt::Key_F11), {}},
        {Command::About, tr("&About Chunkscope"), QString(), {}, {}},
        {Command::ChoosePython, tr("P&ython interpreter…"),
         tr("Choose the Python interpreter that runs the py-* strategies, the tutorial's own code (it must have numpy)"),
         {}, {}},
        {Command::KeepReference, tr("&Keep these results as the reference"),
         tr("Copy the results on screen as the reference, to measure the next run of the same grid against them "
            "(Ctrl+Shift+K)"),
         K(Qt::CTRL | Qt::SHIFT | Qt::Key_K), {}},
        {Command::LoadReference, tr("&Load reference…"),
         tr("Measure the results on screen against a saved session or the CLI's JSON: another run, another machine"),
         {}, QStyle::SP_DirOpenIcon},
        {Command::TwinReference, tr("Sweep its &twin as the reference"),
         tr("Sweep the same grid with the strategy's twin in the other language (fork-split's is the tutorial's "
            "py-split) and colour each cell by this ÷ the twin (Ctrl+Shift+T)"),
         K(Qt::CTRL | Qt::SHIFT | Qt::Key_T), {}},
        {Command::ClearReference, tr("&Clear the reference"), tr("Forget the reference"), {}, {}},
        {Command::SideBySide, tr("&Side by side"),
         tr("Show the reference's heatmap beside this one, on one colour scale (Ctrl+Shift+B)"),
         K(Qt::CTRL | Qt::SHIFT | Qt::Key_B), {}},
        {Command::SweepBesideTwin, tr("8 × 8 sweep beside its &Python twin"),
         tr("Sweep the tutorial's 8 × 8 grid with fork-split, then with the tutorial's own Python (py-split), and "
            "show the two side by side on one colour scale"),
         {}, {}},
    };
    static_assert(std::size(specs) == kCommandCount);
    for (const Spec& spec : specs) {
        auto* action = new QAction(spec.text, this);
        action->setShortcut(spec.shortcut);
        if (!spec.toolTip.isEmpty()) {
            action->setToolTip(spec.toolTip);
            // Menus show the tooltip in the status bar.
            action->setStatusTip(spec.toolTip);
        }
        if (spec.icon)
            action->setIcon(window->style()->standardIcon(*spec.icon));
        actions_[static_cast<std::size_t>(spec.command)] = action;
    }
    action(Command::Present)->setCheckable(true);
    action(Command::SideBySide)->setCheckable(true);
    window->addAction(action(Command::Present));
    openClass_ = new QAction(tr("Open &class results…"), this);
    openClass_->setShortcut(K(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openClass_->setToolTip(tr("Put a class's machines side by side: every student's saved report of the same "
                              "preset, one heatmap each on one colour scale (Ctrl+Shift+O)"));
    openClass_->setStatusTip(openClass_->toolTip());
    openClassFolder_ = new QAction(tr("Open class results &folder…"), this);
    openClassFolder_->setToolTip(tr("The same for every report (.json) in a folder"));
    openClassFolder_->setStatusTip(openClassFolder_->toolTip());
}

QList<QAction*> WindowActions::list(std::initializer_list<Command> commands) const
{
    QList<QAction*> out;
    for (Command c : commands)
        out.append(action(c));
    return out;
}

void WindowActions::createMenus(const std::vector<Preset>& presets, ColorByActions* colorBy, QAction* dockToggle)
{
    QMenuBar* bar = window_->menuBar();
    QMenu* file = bar->addMenu(tr("&File"));
    file->addActions(list({Command::Open, Command::Save}));
    file->addActions({openClass_, openClassFolder_});
    file->addSeparator();
    file->addActions(list({Command::ExportChart, Command::ExportData, Command::CopyChart, Command::ExportTrace}));
    file->addSeparator();
    file->addAction(action(Command::Quit));

    QMenu* run = bar->addMenu(tr("&Run"));
    run->addActions(list({Command::Run, Command::Sweep, Command::Predict, Command::Cancel}));
    run->addSeparator();
    run->addActions(list({Command::Compare, Command::Scale, Command::Measure}));
    run->addSeparator();
    run->addAction(action(Command::ChoosePython));

    QMenu* menu = bar->addMenu(tr("&Presets"));
    presetsMenu_ = menu;
    menu->setToolTipsVisible(true);
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
        const Preset& p = presets[static_cast<std::size_t>(i)];
        QAction* action = menu->addAction(tr("%1 — tutorial: %2").arg(p.name, p.tutorialFigure));
        // What the Python twin measured here is on the Tutorial tab, which follows every run.
        action->setToolTip(p.description + u"\n"_s + tr("The Tutorial tab has its Python twin's time on this machine"));
        connect(action, &QAction::triggered, this, [this, i] { Q_EMIT presetRequested(i); });
        // The tutorial's five experiments, then the two fixes it points to.
        if (i == 4)
            menu->addSeparator();
    }
    menu->addSeparator();
    menu->addAction(action(Command::SweepBesideTwin));

    QMenu* reference = bar->addMenu(tr("Re&ference"));
    reference->addActions(list({Command::TwinReference, Command::KeepReference, Command::LoadReference}));
    reference->addSeparator();
    reference->addActions(list({Command::SideBySide, Command::ClearReference}));

    QMenu* view = bar->addMenu(tr("&View"));
    view->addMenu(tr("&Colour cells by"))->addActions(colorBy->actions());
    view->addSeparator();
    dockToggle->setToolTip(tr("Show or hide the experiment's controls"));
    view->addActions({dockToggle, action(Command::Present)});

    QToolBar* tools = window_->addToolBar(tr("Main"));
    tools->setObjectName(u"mainToolBar"_s);
    toolBar_ = tools;
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions(list({Command::Run, Command::Sweep, Command::Predict, Command::Cancel}));
    tools->addSeparator();
    tools->addWidget(colorBy->comboBox());
    tools->addActions(list({Command::ExportChart, Command::CopyChart}));

    bar->addMenu(tr("&Help"))->addAction(action(Command::About));
}

} // namespace chunkscope::ui

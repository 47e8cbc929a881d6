// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "cellselection.h"
#include "classview.h"
#include "colorbyactions.h"
#include "comparechart.h"
#include "comparepage.h"
#include "experimentpanel.h"
#include "filedialogs.h"
#include "heatmapchart.h"
#include "heatmappage.h"
#include "journalrestore.h"
#include "phasechart.h"
#include "phasespage.h"
#include "predictiongame.h"
#include "presentationstyle.h"
#include "presets.h"
#include "presettracker.h"
#include "referencecontroller.h"
#include "resultsmodel.h"
#include "resultstable.h"
#include "runcontroller.h"
#include "runcoordinator.h"
#include "runprogress.h"
#include "scalingchart.h"
#include "scalingpage.h"
#include "seriessweeps.h"
#include "session.h"
#include "speedlimitpanel.h"
#include "strategynotes.h"
#include "tutorialpanel.h"
#include "tutorialreplay.h"
#include "uiformat.h"
#include "windowactions.h"

#include "chunkscope/python.h"
#include "chunkscope/registry.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QToolBar>
#include <QTabWidget>

#include <algorithm>

// The icon lives in the static library: its resources must be pulled in by name.
static void initResources() { Q_INIT_RESOURCE(chunkscope); }

namespace chunkscope::ui {

using namespace Qt::StringLiterals;
using Command = WindowActions::Command;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), machine_(machine_info())
{
    initResources();
    setWindowTitle(tr("Chunkscope"));
    setWindowIcon(QIcon(u":/chunkscope/icons/chunkscope.svg"_s));
    model_ = new ResultsModel(this);
    model_->setMachine(machine_);
    // Before the panel asks which strategies can run here.
    set_python_interpreter(QSettings().value(u"python/interpreter"_s).toString().toStdString());
    controller_ = new RunController(this);
    selection_ = new CellSelection(model_, this);

    createDock();
    createTabs();
    files_ = new FileDialogs(this);
    createActions();
    createStatusBar();
    runs_ = new RunCoordinator({model_, controller_, selection_, panel_, heatmapPage_, comparePage_, scalingPage_, tabs_,
                                progress_, presetTracker_, game_},
                               machine_, this);

    connect(panel_, &ExperimentPanel::runRequested, this, &MainWindow::startRun);
    connect(panel_, &ExperimentPanel::sweepRequested, this, &MainWindow::startSweep);
    connect(panel_, &ExperimentPanel::cancelRequested, this, &MainWindow::cancelRun);
    connect(panel_, &ExperimentPanel::configChanged, this, &MainWindow::updateActions);
    connect(tutorial_, &TutorialPanel::presetRequested, this, &MainWindow::runPreset);
    connect(tutorial_, &TutorialPanel::pythonTwinRequested, runs_, [this](int row) { runs_->runPreset(row, true); });
    connect(runs_, &RunCoordinator::stateChanged, this, &MainWindow::updateActions);
    createReplay();
    const SeriesSweeps::Parts seriesParts{this, runs_, controller_, panel_, model_, heatmapPage_};
    schedules_ = new SeriesSweeps(seriesParts, schedulePreset(std::max(1, logical_cores())), u"ompSchedulesPreset"_s,
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this);
    pythonPools_ = new SeriesSweeps(seriesParts, pythonPoolsPreset(std::max(1, logical_cores())),
                                    u"pythonPoolsPreset"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this);
    for (SeriesSweeps* series : {schedules_, pythonPools_}) {
        addAction(series->action());
        actions_->presetsMenu()->addAction(series->action());
        connect(series, &SeriesSweeps::message, statusBar(), &QStatusBar::showMessage);
        connect(series, &SeriesSweeps::stateChanged, this, &MainWindow::updateActions);
    }
    connect(runs_, &RunCoordinator::message, statusBar(), &QStatusBar::showMessage);
    references_ = new ReferenceController(
        {this, model_, controller_, runs_, panel_, heatmapPage_, colorBy_, actions_, &presetTracker_->presets()}, this);
    connect(references_, &ReferenceController::message, statusBar(), &QStatusBar::showMessage);
    auto* journals = new JournalRestore(runs_, heatmapPage_, this);
    connect(journals, &JournalRestore::message, statusBar(), &QStatusBar::showMessage);
    connect(selection_, &CellSelection::changed, this, [this] {
        showSelectedPhases();
        updateActions();
    });
    connect(speedLimitPanel(), &SpeedLimitPanel::measured, this, [this](const SpeedLimits& limits) {
        runs_->setSpeedLimits(limits);
        showSelectedPhases();   // the phase bar gains each phase's own floor
        actions_->action(Command::Measure)->setEnabled(true);
        statusBar()->showMessage(tr("Machine measured: the comparison and the heatmap show each run's floor."), 5000);
    });
    connect(heatmapPage_, &HeatmapPage::cellClicked, runs_, &RunCoordinator::cellClicked);
    connect(game_, &PredictionGame::message, statusBar(), &QStatusBar::showMessage);
    connect(model_, &ResultsModel::experimentChanged, this, &MainWindow::showStrategyNote);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    selectRow(table_->proxy()->mapToSource(current).row());
            });
    normalFont_ = font();

    readSettings();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The engine stops (and reaps its children) before the model it reports to goes away.
    controller_->shutdown();
}

void MainWindow::createDock()
{
    panel_ = new ExperimentPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel_->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName(u"experimentDock"_s);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

void MainWindow::createTabs()
{
    tabs_ = new QTabWidget(this);
    const auto add = [this](QWidget* page, const QString& title, const QString& toolTip) {
        tabs_->setTabToolTip(tabs_->addTab(page, title), toolTip);
    };
    heatmapPage_ = new HeatmapPage(model_, this);
    chart_ = heatmapPage_->chart();
    game_ = new PredictionGame(model_, heatmapPage_, this);
    add(heatmapPage_, tr("&Heatmap"), tr("Median time (or speedup) of every splits × chunksize cell"));
    table_ = new ResultsTable(model_, tabs_);
    add(table_, tr("Re&sults"), tr("Every run with all its statistics and phases, sortable"));
    std::vector<Preset> presets = tutorialPresets(std::max(1, logical_cores()));
    tutorial_ = new TutorialPanel(presets, tabs_);
    presetTracker_ = new PresetTracker(std::move(presets), panel_, tutorial_, heatmapPage_, machine_, this);
    add(tutorial_, tr("&Tutorial"), tr("The tutorial's figures next to this machine's"));
    phasesPage_ = new PhasesPage(this);
    add(phasesPage_, tr("&Phases && timeline"),
        tr("Where the selected cell's time goes, and every task on every worker"));
    comparePage_ = new ComparePage(this);
    add(comparePage_, tr("C&ompare"), tr("Every strategy on the current workload, against what the machine allows"));
    scalingPage_ = new ScalingPage(this);
    add(scalingPage_, tr("Sc&aling"), tr("Speedup versus workers for the current strategy, with Amdahl's law"));
    setCentralWidget(tabs_);
}

HeatmapChart* MainWindow::heatmap() const { return chart_; }
QChartView* MainWindow::heatmapView() const { return heatmapPage_->view(); }
PhaseChart* MainWindow::phaseChart() const { return phasesPage_->phaseChart(); }
TimelineView* MainWindow::timeline() const { return phasesPage_->timeline(); }
CompareChart* MainWindow::compareChart() const { return comparePage_->compareChart(); }
ScalingChart* MainWindow::scalingChart() const { return scalingPage_->scalingChart(); }
SpeedLimitPanel* MainWindow::speedLimitPanel() const { return comparePage_->speedLimitPanel(); }
bool MainWindow::isPredicting() const { return game_->isWaiting(); }
const std::optional<GridPoint>& MainWindow::prediction() const { return game_->guess(); }

void MainWindow::createActions()
{
    actions_ = new WindowActions(this);
    const WindowActions* a = actions_;
    connect(a->action(Command::Run), &QAction::triggered, this, &MainWindow::startRun);
    connect(a->action(Command::Sweep), &QAction::triggered, this, &MainWindow::startSweep);
    connect(a->action(Command::Predict), &QAction::triggered, this, &MainWindow::predictThenSweep);
    connect(a->action(Command::Cancel), &QAction::triggered, this, &MainWindow::cancelRun);
    connect(a->action(Command::Compare), &QAction::triggered, this, &MainWindow::compareStrategies);
    connect(a->action(Command::Scale), &QAction::triggered, this, &MainWindow::scaleWorkers);
    connect(a->action(Command::Measure), &QAction::triggered, this, &MainWindow::measureMachine);
    connect(a->action(Command::Open), &QAction::triggered, files_, &FileDialogs::openSession);
    connect(a->action(Command::Save), &QAction::triggered, files_, &FileDialogs::saveSession);
    connect(a->openClassAction(), &QAction::triggered, this, [this] { ClassView::chooseFiles(this); });
    connect(a->openClassFolderAction(), &QAction::triggered, this, [this] { ClassView::chooseFolder(this); });
    connect(a->action(Command::ExportChart), &QAction::triggered, files_, &FileDialogs::exportChart);
    connect(a->action(Command::ExportData), &QAction::triggered, files_, &FileDialogs::exportData);
    connect(a->action(Command::ExportTrace), &QAction::triggered, files_, &FileDialogs::exportTrace);
    connect(a->action(Command::CopyChart), &QAction::triggered, this, &MainWindow::copyChart);
    connect(a->action(Command::Quit), &QAction::triggered, this, &QWidget::close);
    connect(a->action(Command::Present), &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(a->action(Command::About), &QAction::triggered, files_, &FileDialogs::about);
    connect(a->action(Command::ChoosePython), &QAction::triggered, files_, &FileDialogs::choosePython);
    connect(a, &WindowActions::presetRequested, this, &MainWindow::runPreset);
    heatmapView()->addActions({a->action(Command::CopyChart), a->action(Command::ExportChart)});

    colorBy_ = new ColorByActions(this, this);
    for (QAction* action : colorBy_->actions()) {
        addAction(action);
        heatmapView()->addAction(action);
    }
    connect(colorBy_, &ColorByActions::requested, this, &MainWindow::setColorBy);
    QAction* dockToggle = findChild<QDockWidget*>(u"experimentDock"_s)->toggleViewAction();
    actions_->createMenus(presetTracker_->presets(), colorBy_, dockToggle);
}

void MainWindow::createReplay()
{
    replay_ = new TutorialReplay(
        {runs_, controller_, presetTracker_, panel_, model_, tutorial_, heatmapPage_, tabs_}, this);
    const QList<QAction*> actions = replay_->actions();
    addActions(actions);   // their shortcuts work wherever the focus is
    tutorial_->addReplayActions(actions);
    actions_->presetsMenu()->insertActions(actions_->presetsMenu()->actions().value(0), actions);
    actions_->presetsMenu()->insertSeparator(actions_->presetsMenu()->actions().value(actions.size()));
    actions_->toolBar()->addSeparator();
    actions_->toolBar()->addAction(replay_->replayAction());
    actions_->toolBar()->addAction(replay_->nextAction());
    connect(replay_, &TutorialReplay::message, statusBar(), &QStatusBar::showMessage);
    connect(tutorial_, &TutorialPanel::tutorialTimingRequested, replay_,
            [this](int row) { replay_->runStep(row, TutorialReplay::Timing::AsTutorial); });
    connect(replay_, &TutorialReplay::stateChanged, this, &MainWindow::updateActions);
}

void MainWindow::createStatusBar()
{
    progress_ = new RunProgress(this);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->showMessage(tr("Ready: set up the experiment on the left, then Sweep or Run."));
}

QString MainWindow::problem() const { return heatmapPage_->problem(); }

bool MainWindow::isRunning() const { return controller_->isRunning(); }

void MainWindow::updateActions()
{
    const bool running = controller_->isRunning();
    panel_->setRunning(running);
    actions_->action(Command::Run)->setEnabled(!running && panel_->canRun());
    actions_->action(Command::Sweep)->setEnabled(!running && panel_->canSweep());
    actions_->action(Command::Predict)->setEnabled(!running && panel_->canSweep());
    actions_->action(Command::Cancel)->setEnabled(running || game_->isWaiting() || (replay_ && replay_->isActive()) ||
                                                  (schedules_ && schedules_->isActive()) ||
                                                  (pythonPools_ && pythonPools_->isActive()));
    actions_->action(Command::Compare)->setEnabled(!running && panel_->canRun());
    actions_->action(Command::Scale)->setEnabled(!running && panel_->canRun() &&
                                        strategy_info(panel_->config().strategy).uses(Knob::Workers));
    const CellPtr& selected = selection_->current();
    actions_->action(Command::ExportTrace)->setEnabled(selected && selected->status == Status::Ok);
    const bool hasResults = model_->rowCount() > 0;
    actions_->action(Command::Save)->setEnabled(hasResults);
    actions_->action(Command::ExportData)->setEnabled(hasResults);
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    if (!settings.contains(u"window/geometry"_s))
        resize(1400, 880);
    panel_->restoreSettings(settings);
    // Before "view/colorBy" there was only the speedup toggle.
    const int colour = settings.value(u"view/colorBy"_s, settings.value(u"view/colorBySpeedup"_s, false).toBool() ? 1 : 0)
                           .toInt();
    if (colour >= 0 && colour < colorBy_->actions().size())
        setColorBy(static_cast<HeatmapChart::ColorBy>(colour));
    files_->readSettings(settings);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    panel_->saveSettings(settings);
    settings.setValue(u"view/colorBy"_s, static_cast<int>(chart_->colorBy()));
    settings.remove(u"view/colorBySpeedup"_s);
    files_->writeSettings(settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    // Closing during a run cancels it: the engine stops its workers and reaps them.
    controller_->shutdown();
    event->accept();
}

// ---- Running: the coordinator's ------------------------------------------------------------

void MainWindow::startRun() { runs_->startRun(); }
void MainWindow::startSweep() { runs_->startSweep(); }
void MainWindow::cancelRun()
{
    if (replay_->isActive())
        replay_->cancel();   // its run and the replay
    else if (schedules_->isActive())
        schedules_->cancel();   // its sweep and the ones to come
    else if (pythonPools_->isActive())
        pythonPools_->cancel();
    else
        runs_->cancelRun();
}
void MainWindow::runPreset(int preset) { runs_->runPreset(preset); }
void MainWindow::compareStrategies() { runs_->compareStrategies(); }
void MainWindow::scaleWorkers() { runs_->scaleWorkers(); }
void MainWindow::predictThenSweep() { runs_->predictThenSweep(); }

// ---- Files --------------------------------------------------------------------------------

bool MainWindow::openSession(const QString& path, QString* error)
{
    if (controller_->isRunning())
        controller_->cancel();
    AnalysisCells analyses;
    if (!loadSession(path, *model_, error, &analyses))
        return false;
    runs_->applySpeedLimits();
    runs_->showAnalyses(std::move(analyses));
    presetTracker_->forget();
    heatmapPage_->hideProblem();
    setWindowTitle(tr("Chunkscope — %1").arg(QFileInfo(path).fileName()));
    tabs_->setCurrentIndex(0);
    progress_->showLoaded(model_->gridCellsDone());
    updateActions();
    return true;
}

bool MainWindow::saveSession(const QString& path, QString* error)
{
    if (!chunkscope::ui::saveSession(path, *model_, error, runs_->analyses()))
        return false;
    setWindowTitle(tr("Chunkscope — %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::exportChart(const QString& path, const ExportOptions& options, QString* error)
{
    return exportHeatmap(*model_, path, options, error);
}

bool MainWindow::exportData(const QString& path, QString* error) { return saveData(path, *model_, error); }

void MainWindow::copyChart() { files_->copyChart(); }

// ---- Seeing why: phases, timeline, comparison, scaling --------------------------------------

void MainWindow::selectRow(int modelRow) { selection_->selectRow(modelRow); }

void MainWindow::showSelectedPhases()
{
    const CellPtr& cell = selection_->current();
    phasesPage_->setCell(cell.get(), cell ? model_->ownFloorOf(*cell) : std::nullopt);
}

const CellResult* MainWindow::selectedCell() const { return selection_->current().get(); }

bool MainWindow::exportTrace(const QString& path, QString* error)
{
    const CellPtr& selected = selection_->current();
    if (!selected || selected->status != Status::Ok) {
        if (error)
            *error = tr("No cell that has run is selected.");
        return false;
    }
    return saveTrace(path, *selected, model_->machine().cpu_model.empty() ? machine_ : model_->machine(), error);
}

void MainWindow::measureMachine()
{
    actions_->action(Command::Measure)->setEnabled(false);
    tabs_->setCurrentWidget(comparePage_);
    measureSpeedLimits();
}

void MainWindow::measureSpeedLimits()
{
    // An experiment on a Dask cluster: that cluster's costs too (its own floors), with its workers and scheduler.
    const RunConfig c = panel_->config();
    const bool dask = strategy_info(c.strategy).uses(Knob::DaskScheduler);
    speedLimitPanel()->setDaskCluster(dask ? c.workers : 0, c.dask_scheduler);
    speedLimitPanel()->measure();
}

void MainWindow::setPresentationMode(bool on)
{
    if (presenting_ == on)
        return;
    presenting_ = on;
    if (actions_->action(Command::Present)->isChecked() != on)
        actions_->action(Command::Present)->setChecked(on);
    findChild<QDockWidget*>(u"experimentDock"_s)->setVisible(!on);
    QFont f = normalFont_;
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.6);
    setFont(f);
    setPalette(on ? highContrastPalette() : QApplication::palette());
    for (QChart* chart : {static_cast<QChart*>(chart_), static_cast<QChart*>(phaseChart()),
                          static_cast<QChart*>(compareChart()), static_cast<QChart*>(scalingChart()),
                          static_cast<QChart*>(heatmapPage_->singleRunChart()),
                          static_cast<QChart*>(heatmapPage_->singleRunPhases())})
        stylePresentationChart(chart, f, on);
    chart_->setHighContrast(on);
    chart_->setTextFont(f);
    // Labels with a style sheet of their own do not take the window's font.
    for (QLabel* label : findChildren<QLabel*>())
        if (!label->styleSheet().isEmpty())
            label->setFont(f);
    showStrategyNote();
    if (on)
        showFullScreen();
    else
        showNormal();
}

void MainWindow::showStrategyNote()
{
    // The controls are hidden while presenting: say what is on screen and why it wins or loses.
    const bool show = presenting_ && model_->hasExperiment();
    heatmapPage_->showStrategyNote(show ? strategyNoteHtml(model_->base().strategy) : QString());
}

// ---- Colouring and "predict, then run" ------------------------------------------------------

QAction* MainWindow::colorByAction(HeatmapChart::ColorBy by) const { return colorBy_->action(by); }
QAction* MainWindow::predictAction() const { return actions_->action(Command::Predict); }

void MainWindow::setColorBy(HeatmapChart::ColorBy by)
{
    chart_->setColorBy(by);
    colorBy_->setCurrent(by);
    if ((by == HeatmapChart::ColorBy::FloorDistance || by == HeatmapChart::ColorBy::OwnFloorDistance) &&
        !runs_->speedLimits()) {
        // The floor needs the machine's bandwidth and throughput: a few seconds to measure.
        if (actions_->action(Command::Measure)->isEnabled()) {
            actions_->action(Command::Measure)->setEnabled(false);
            measureSpeedLimits();
        }
        statusBar()->showMessage(tr("Measuring the machine for the floor; the cells show median time until then."),
                                 5000);
    } else if (by == HeatmapChart::ColorBy::Speedup && !model_->baselineSeconds() && model_->rowCount() > 0) {
        statusBar()->showMessage(tr("No sequential run of this workload yet: the cells show median time."), 5000);
    }
}

} // namespace chunkscope::ui

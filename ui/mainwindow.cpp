#include "mainwindow.h"

#include "colorbyactions.h"
#include "comparechart.h"
#include "comparepage.h"
#include "experimentpanel.h"
#include "filedialogs.h"
#include "heatmappage.h"
#include "phasechart.h"
#include "phasespage.h"
#include "predictiongame.h"
#include "presentationstyle.h"
#include "scalingchart.h"
#include "speedlimitpanel.h"
#include "strategynotes.h"
#include "heatmapchart.h"
#include "resultsmodel.h"
#include "resultstable.h"
#include "runcontroller.h"
#include "runprogress.h"
#include "session.h"
#include "tutorialpanel.h"
#include "uiformat.h"

#include "chunkscope/trace.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <fstream>

// The icon lives in the static library: its resources must be pulled in by name.
static void initResources() { Q_INIT_RESOURCE(chunkscope); }

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), machine_(machine_info()), presets_(tutorialPresets(std::max(1, logical_cores())))
{
    initResources();
    setWindowTitle(tr("Chunkscope"));
    setWindowIcon(QIcon(u":/chunkscope/icons/chunkscope.svg"_s));
    model_ = new ResultsModel(this);
    model_->setMachine(machine_);
    controller_ = new RunController(this);

    panel_ = new ExperimentPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(panel_->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName(u"experimentDock"_s);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    tabs_ = new QTabWidget(this);
    heatmapPage_ = new HeatmapPage(model_, this);
    chart_ = heatmapPage_->chart();
    game_ = new PredictionGame(model_, heatmapPage_, this);
    tabs_->addTab(heatmapPage_, tr("&Heatmap"));
    table_ = new ResultsTable(model_, tabs_);
    tabs_->addTab(table_, tr("Re&sults"));
    tutorial_ = new TutorialPanel(presets_, tabs_);
    tabs_->addTab(tutorial_, tr("&Tutorial"));
    tabs_->setTabToolTip(0, tr("Median time (or speedup) of every splits × chunksize cell"));
    tabs_->setTabToolTip(1, tr("Every run with all its statistics and phases, sortable"));
    phasesPage_ = new PhasesPage(this);
    tabs_->addTab(phasesPage_, tr("&Phases && timeline"));
    comparePage_ = new ComparePage(this);
    tabs_->addTab(comparePage_, tr("C&ompare"));
    tabs_->addTab(createScalingPage(), tr("Sc&aling"));
    tabs_->setTabToolTip(2, tr("The tutorial's figures next to this machine's"));
    tabs_->setTabToolTip(3, tr("Where the selected cell's time goes, and every task on every worker"));
    tabs_->setTabToolTip(4, tr("Every strategy on the current workload, against what the machine allows"));
    tabs_->setTabToolTip(5, tr("Speedup versus workers for the current strategy, with Amdahl's law"));
    setCentralWidget(tabs_);

    files_ = new FileDialogs(this);
    createActions();
    createColorActions();
    createAnalysisActions();
    createMenus();
    createStatusBar();

    connect(panel_, &ExperimentPanel::runRequested, this, &MainWindow::startRun);
    connect(panel_, &ExperimentPanel::sweepRequested, this, &MainWindow::startSweep);
    connect(panel_, &ExperimentPanel::cancelRequested, this, &MainWindow::cancelRun);
    connect(panel_, &ExperimentPanel::configChanged, this, &MainWindow::updateActions);
    connect(panel_, &ExperimentPanel::configChanged, this, &MainWindow::checkPreset);
    connect(tutorial_, &TutorialPanel::presetRequested, this, &MainWindow::runPreset);
    connect(controller_, &RunController::started, this, &MainWindow::onStarted);
    connect(controller_, &RunController::cellStarted, this, &MainWindow::onCellStarted);
    connect(controller_, &RunController::cellFinished, this, &MainWindow::onCellFinished);
    connect(controller_, &RunController::progress, this, &MainWindow::onProgress);
    connect(controller_, &RunController::finished, this, &MainWindow::onFinished);
    connect(controller_, &RunController::cancelled, this, &MainWindow::onCancelled);
    connect(controller_, &RunController::failed, this, &MainWindow::onFailed);
    connect(controller_, &RunController::compareFinished, this, &MainWindow::onCompareFinished);
    connect(controller_, &RunController::scaleFinished, this, &MainWindow::onScaleFinished);
    connect(speedLimitPanel(), &SpeedLimitPanel::measured, this, [this](const SpeedLimits& limits) {
        limits_ = limits;
        compareChart()->setSpeedLimits(limits, machine_.logical_cores);
        applySpeedLimits();
        measureAction_->setEnabled(true);
        statusBar()->showMessage(tr("Machine measured: the comparison and the heatmap show each run's floor."), 5000);
    });
    connect(heatmapPage_, &HeatmapPage::cellClicked, this, &MainWindow::onHeatmapCellClicked);
    connect(game_, &PredictionGame::message, this, [this](const QString& text, int timeout) {
        statusBar()->showMessage(text, timeout);
    });
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

HeatmapChart* MainWindow::heatmap() const { return chart_; }
QChartView* MainWindow::heatmapView() const { return heatmapPage_->view(); }
PhaseChart* MainWindow::phaseChart() const { return phasesPage_->phaseChart(); }
TimelineView* MainWindow::timeline() const { return phasesPage_->timeline(); }
CompareChart* MainWindow::compareChart() const { return comparePage_->compareChart(); }
SpeedLimitPanel* MainWindow::speedLimitPanel() const { return comparePage_->speedLimitPanel(); }
bool MainWindow::isPredicting() const { return game_->isWaiting(); }
const std::optional<GridPoint>& MainWindow::prediction() const { return game_->guess(); }

void MainWindow::createActions()
{
    QStyle* s = style();
    runAction_ = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    runAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runAction_->setToolTip(tr("Run the current point (Ctrl+R)"));
    connect(runAction_, &QAction::triggered, this, &MainWindow::startRun);

    sweepAction_ = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Sweep"), this);
    sweepAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    sweepAction_->setToolTip(tr("Run every cell of the sweep grid (Ctrl+Shift+R)"));
    connect(sweepAction_, &QAction::triggered, this, &MainWindow::startSweep);

    cancelAction_ = new QAction(s->standardIcon(QStyle::SP_MediaStop), tr("&Cancel"), this);
    cancelAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancelAction_->setToolTip(tr("Stop the run now (Esc)"));
    connect(cancelAction_, &QAction::triggered, this, &MainWindow::cancelRun);

    openAction_ = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open session…"), this);
    openAction_->setShortcut(QKeySequence::Open);
    openAction_->setToolTip(tr("Show a saved session (or the CLI's JSON) again, without running it"));
    connect(openAction_, &QAction::triggered, files_, &FileDialogs::openSession);

    saveAction_ = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save session…"), this);
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setToolTip(tr("Save every result of the experiment as the CLI's JSON"));
    connect(saveAction_, &QAction::triggered, files_, &FileDialogs::saveSession);

    exportAction_ = new QAction(tr("&Export chart…"), this);
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction_->setToolTip(tr("Save the heatmap as PNG, SVG or PDF at a chosen size and resolution (Ctrl+E)"));
    connect(exportAction_, &QAction::triggered, files_, &FileDialogs::exportChart);

    exportDataAction_ = new QAction(tr("Export &data…"), this);
    exportDataAction_->setToolTip(tr("Save the results as CSV or JSON, as the CLI writes them"));
    connect(exportDataAction_, &QAction::triggered, files_, &FileDialogs::exportData);

    copyAction_ = new QAction(tr("Co&py chart"), this);
    copyAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction_->setToolTip(tr("Copy the heatmap to the clipboard as an image (Ctrl+Shift+C)"));
    connect(copyAction_, &QAction::triggered, this, &MainWindow::copyChart);

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    heatmapView()->addActions({copyAction_, exportAction_});
    quitAction_->setToolTip(tr("Close the window; a run in progress is cancelled (Ctrl+Q)"));
    // Menus show the tooltip in the status bar.
    for (QAction* action : {runAction_, sweepAction_, cancelAction_, openAction_, saveAction_, exportAction_,
                            exportDataAction_, copyAction_, quitAction_})
        action->setStatusTip(action->toolTip());
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(openAction_);
    file->addAction(saveAction_);
    file->addSeparator();
    file->addAction(exportAction_);
    file->addAction(exportDataAction_);
    file->addAction(copyAction_);
    file->addAction(exportTraceAction_);
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(runAction_);
    run->addAction(sweepAction_);
    run->addAction(predictAction_);
    run->addAction(cancelAction_);
    run->addSeparator();
    run->addAction(compareAction_);
    run->addAction(scaleAction_);
    run->addAction(measureAction_);

    QMenu* presets = menuBar()->addMenu(tr("&Presets"));
    presets->setToolTipsVisible(true);
    for (int i = 0; i < static_cast<int>(presets_.size()); ++i) {
        const Preset& p = presets_[static_cast<std::size_t>(i)];
        QAction* action = presets->addAction(tr("%1 — tutorial: %2").arg(p.name, p.tutorialFigure));
        action->setToolTip(p.description + u"\n"_s + tr("Python here: %1").arg(p.pythonHereFigure));
        connect(action, &QAction::triggered, this, [this, i] { runPreset(i); });
        if (i == 4)
            presets->addSeparator();
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* colour = view->addMenu(tr("&Colour cells by"));
    colour->addActions(colorBy_->actions());
    view->addSeparator();
    QAction* dockToggle = findChild<QDockWidget*>(u"experimentDock"_s)->toggleViewAction();
    dockToggle->setToolTip(tr("Show or hide the experiment's controls"));
    view->addAction(dockToggle);
    view->addAction(presentAction_);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(runAction_);
    bar->addAction(sweepAction_);
    bar->addAction(predictAction_);
    bar->addAction(cancelAction_);
    bar->addSeparator();
    bar->addWidget(colorBy_->comboBox());
    bar->addAction(exportAction_);
    bar->addAction(copyAction_);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Chunkscope"), this, [this] {
        QMessageBox::about(this, tr("About Chunkscope"),
                           tr("<b>Chunkscope %1</b><p>How to apply a math function to a huge vector with every "
                              "core, measured: the tutorial's experiments, their fixes, and a heatmap of "
                              "splits × chunksize.</p><p>%2</p>")
                               .arg(qs(machine_.chunkscope_version), machineText(machine_).toHtmlEscaped()));
    });
}

void MainWindow::createStatusBar()
{
    progress_ = new RunProgress(this);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->showMessage(tr("Ready: set up the experiment on the left, then Sweep or Run."));
}

QString MainWindow::problem() const { return heatmapPage_->problem(); }

bool MainWindow::isRunning() const { return controller_->isRunning(); }

void MainWindow::showProblem(const QString& message) { heatmapPage_->showProblem(message); }

void MainWindow::updateActions()
{
    const bool running = controller_->isRunning();
    panel_->setRunning(running);
    runAction_->setEnabled(!running && panel_->canRun());
    sweepAction_->setEnabled(!running && panel_->canSweep());
    predictAction_->setEnabled(!running && panel_->canSweep());
    cancelAction_->setEnabled(running || game_->isWaiting());
    compareAction_->setEnabled(!running && panel_->canRun());
    scaleAction_->setEnabled(!running && panel_->canRun() && panel_->config().strategy != StrategyKind::Sequential);
    exportTraceAction_->setEnabled(selected_.has_value() && selected_->status == Status::Ok);
    const bool hasResults = model_->rowCount() > 0;
    saveAction_->setEnabled(hasResults);
    exportDataAction_->setEnabled(hasResults);
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

// ---- Running ------------------------------------------------------------------------------

void MainWindow::startRun()
{
    if (controller_->isRunning() || !panel_->canRun()) {
        if (!panel_->canRun())
            statusBar()->showMessage(tr("Cannot run: %1").arg(panel_->runProblem()));
        return;
    }
    game_->clear();
    const RunConfig config = panel_->config();
    if (model_->sameExperiment(config))
        model_->extendGrid(config);
    else
        model_->startExperiment(config, {config.splits}, {config.chunksize});
    model_->setMachine(machine_);
    applySpeedLimits();
    model_->setDate(QDateTime::currentDateTime());
    runningPreset_ = activePreset_;
    sweeping_ = false;
    analysing_ = false;
    followLatest_ = true;
    const bool baseline = config.strategy != StrategyKind::Sequential && !model_->baselineSeconds();
    tabs_->setCurrentIndex(0);
    controller_->run(config, baseline);
}

void MainWindow::startSweep()
{
    if (!controller_->isRunning())
        game_->clear();
    sweepGrid();
}

std::optional<SweepSpec> MainWindow::startGrid()
{
    if (controller_->isRunning() || !panel_->canSweep()) {
        if (!panel_->canSweep())
            statusBar()->showMessage(tr("Cannot sweep: %1").arg(panel_->sweepProblem()));
        return std::nullopt;
    }
    const SweepSpec spec = panel_->sweepSpec();
    model_->startExperiment(spec.base, spec.splits_list, spec.chunks_list);
    model_->setMachine(machine_);
    applySpeedLimits();
    model_->setDate(QDateTime::currentDateTime());
    return spec;
}

void MainWindow::sweepGrid()
{
    const auto grid = startGrid();
    if (!grid)
        return;
    const SweepSpec& spec = *grid;
    runningPreset_ = activePreset_;
    sweeping_ = true;
    analysing_ = false;
    followLatest_ = true;
    tabs_->setCurrentIndex(0);
    controller_->sweep(spec, spec.base.strategy != StrategyKind::Sequential);
}

void MainWindow::cancelRun()
{
    if (controller_->isRunning())
        controller_->cancel();
    else if (game_->isWaiting()) {
        game_->abandon();
        updateActions();
    }
}

void MainWindow::runPreset(int preset)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size()))
        return;
    if (controller_->isRunning())
        controller_->cancel();
    const Preset& p = presets_[static_cast<std::size_t>(preset)];
    panel_->setConfig(p.config);
    if (p.sweep)
        panel_->setSweepLists(p.splits, p.chunks);
    activePreset_ = preset;
    showPresetFigures();
    if (p.sweep)
        startSweep();
    else
        startRun();
    if (!controller_->isRunning())
        showProblem(tr("%1 cannot run here: %2").arg(p.name, p.sweep ? panel_->sweepProblem() : panel_->runProblem()));
}

void MainWindow::checkPreset()
{
    if (activePreset_ < 0)
        return;
    const Preset& p = presets_[static_cast<std::size_t>(activePreset_)];
    bool same = panel_->config() == p.config;
    if (same && p.sweep) {
        const SweepSpec spec = panel_->sweepSpec();
        same = spec.splits_list == p.splits && spec.chunks_list == p.chunks;
    }
    if (!same) {
        activePreset_ = -1;
        heatmapPage_->showPresetFigures(QString());
    }
}

void MainWindow::showPresetFigures()
{
    if (activePreset_ < 0) {
        heatmapPage_->showPresetFigures(QString());
        return;
    }
    const Preset& p = presets_[static_cast<std::size_t>(activePreset_)];
    heatmapPage_->showPresetFigures(presetFiguresHtml(p, tutorial_->measured(activePreset_)));
}

void MainWindow::onStarted(int cells)
{
    lastCell_.reset();
    heatmapPage_->hideProblem();
    progress_->start(cells);
    QString warnings;
    for (const std::string& w : measurement_warnings())
        warnings += (warnings.isEmpty() ? QString() : u"; "_s) + qs(w);
    statusBar()->showMessage(warnings.isEmpty() ? tr("Running…") : tr("Running… Beware: %1").arg(warnings));
    updateActions();
}

void MainWindow::onCellStarted(const RunConfig& config, int index, int total)
{
    model_->setRunning(config);
    statusBar()->showMessage(config.strategy == StrategyKind::Sequential && model_->base().strategy != config.strategy
                                 ? tr("Cell %1 of %2: the sequential baseline").arg(index + 1).arg(total)
                                 : tr("Cell %1 of %2: splits %3 × chunksize %4")
                                       .arg(index + 1)
                                       .arg(total)
                                       .arg(formatCount(ResultsModel::gridPoint(config).first),
                                            formatCount(ResultsModel::gridPoint(config).second)));
}

void MainWindow::onCellFinished(const CellResult& result, int, int)
{
    if (model_->sameExperiment(result.config))
        lastCell_ = result;
    model_->addResult(result);
    if (followLatest_ && result.status == Status::Ok && model_->sameExperiment(result.config)) {
        selected_ = result;
        showSelected();
    }
    updateActions();
}

void MainWindow::onProgress(double done, int total, double etaSeconds)
{
    progress_->setProgress(done, total, etaSeconds);
}

void MainWindow::endRun()
{
    model_->setRunning(std::nullopt);
    updateActions();
}

void MainWindow::onFinished()
{
    endRun();
    progress_->finish();
    if (analysing_) {
        analysing_ = false;
        return;
    }
    if (sweeping_)
        game_->sweepFinished();
    if (followLatest_ && sweeping_ && model_->bestRow() >= 0) {
        selected_ = model_->result(model_->bestRow());
        showSelected();
        updateActions();
    }
    const int cells = model_->gridCellsDone();
    const int failed = model_->failedCells();
    if (failed > 0) {
        QString first;
        for (const CellResult& r : model_->results())
            if (r.status == Status::Failed && first.isEmpty())
                first = qs(r.error);
        showProblem((failed == 1 ? tr("1 cell failed: %1") : tr("%1 cells failed. The first: %2").arg(failed)).arg(first));
    }
    if (runningPreset_ >= 0) {
        tutorial_->setMeasured(runningPreset_, measuredFigure(presets_[static_cast<std::size_t>(runningPreset_)],
                                                              *model_, lastCell_));
        if (runningPreset_ == activePreset_)
            showPresetFigures();
    }
    runningPreset_ = -1;
    const auto pointText = [](const CellResult& r) {
        const auto [splits, chunks] = ResultsModel::gridPoint(r.config);
        return tr("splits %1 × chunksize %2").arg(formatCount(splits), formatCount(chunks));
    };
    const int best = model_->bestRow();
    if (!sweeping_ && lastCell_)
        statusBar()->showMessage(lastCell_->status == Status::Ok
                                     ? tr("Done: %1 (%2).").arg(formatSeconds(lastCell_->median_s), pointText(*lastCell_))
                                     : tr("Done: the run failed."));
    else if (best >= 0)
        statusBar()->showMessage(tr("Done: %1 cells, the fastest %2 (%3).")
                                     .arg(cells)
                                     .arg(formatSeconds(model_->result(best).median_s), pointText(model_->result(best))));
    else
        statusBar()->showMessage(tr("Done."));
}

void MainWindow::onCancelled()
{
    endRun();
    runningPreset_ = -1;
    statusBar()->showMessage(tr("Cancelled: the cells that finished stay."));
    game_->sweepCancelled();
    progress_->stop(tr("cancelled"));
}

void MainWindow::onFailed(const QString& message)
{
    endRun();
    runningPreset_ = -1;
    progress_->stop(tr("failed"));
    showProblem(tr("The run failed: %1").arg(message));
    statusBar()->showMessage(tr("Failed."));
}

// ---- Files --------------------------------------------------------------------------------

bool MainWindow::openSession(const QString& path, QString* error)
{
    if (controller_->isRunning())
        controller_->cancel();
    if (!loadSession(path, *model_, error))
        return false;
    applySpeedLimits();
    activePreset_ = -1;
    heatmapPage_->showPresetFigures(QString());
    heatmapPage_->hideProblem();
    setWindowTitle(tr("Chunkscope — %1").arg(QFileInfo(path).fileName()));
    tabs_->setCurrentIndex(0);
    progress_->showLoaded(model_->gridCellsDone());
    updateActions();
    return true;
}

bool MainWindow::saveSession(const QString& path, QString* error)
{
    if (!chunkscope::ui::saveSession(path, *model_, error))
        return false;
    setWindowTitle(tr("Chunkscope — %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::exportChart(const QString& path, const ExportOptions& options, QString* error)
{
    return exportHeatmap(*model_, path, options, error);
}

bool MainWindow::exportData(const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv"_s)
        return saveCsv(path, *model_, error);
    if (suffix == u"json"_s)
        return chunkscope::ui::saveSession(path, *model_, error);
    if (error)
        *error = tr("Unknown data format “%1”: use .csv or .json.").arg(suffix);
    return false;
}

void MainWindow::copyChart()
{
    ExportOptions options = files_->exportOptions();
    options.size = heatmapView()->size() * heatmapView()->devicePixelRatioF();
    options.dpi = static_cast<int>(std::lround(96 * heatmapView()->devicePixelRatioF()));
    options.colorBy = chart_->colorBy();
    QApplication::clipboard()->setImage(heatmapImage(*model_, options));
    statusBar()->showMessage(tr("Chart copied to the clipboard."), 3000);
}

// ---- Seeing why: phases, timeline, comparison, scaling --------------------------------------

QWidget* MainWindow::createScalingPage()
{
    scalingChart_ = new ScalingChart;
    scalingChart_->setDropShadowEnabled(false);
    scalingView_ = new QChartView(scalingChart_, this);
    scalingView_->setObjectName(u"scalingView"_s);
    scalingView_->setRenderHint(QPainter::Antialiasing);
    scalingView_->setFrameShape(QFrame::NoFrame);
    return scalingView_;
}

void MainWindow::createAnalysisActions()
{
    exportTraceAction_ = new QAction(tr("Export &trace…"), this);
    exportTraceAction_->setToolTip(tr("Save the selected cell's tasks as Chrome trace JSON (ui.perfetto.dev, "
                                      "chrome://tracing)"));
    connect(exportTraceAction_, &QAction::triggered, files_, &FileDialogs::exportTrace);

    compareAction_ = new QAction(tr("C&ompare strategies"), this);
    compareAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    compareAction_->setToolTip(tr("Run every strategy on the current workload, sequential first (Ctrl+K)"));
    connect(compareAction_, &QAction::triggered, this, &MainWindow::compareStrategies);

    scaleAction_ = new QAction(tr("Scale over &workers"), this);
    scaleAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    scaleAction_->setToolTip(tr("Run the current strategy with 1 to twice the cores' workers (Ctrl+L)"));
    connect(scaleAction_, &QAction::triggered, this, &MainWindow::scaleWorkers);

    measureAction_ = new QAction(tr("&Measure machine"), this);
    measureAction_->setToolTip(tr("Measure the memory bandwidth and each function's throughput (about a second)"));
    connect(measureAction_, &QAction::triggered, this, &MainWindow::measureMachine);

    presentAction_ = new QAction(tr("&Presentation mode"), this);
    presentAction_->setCheckable(true);
    presentAction_->setShortcut(QKeySequence(Qt::Key_F11));
    presentAction_->setToolTip(tr("Full screen, large fonts, controls hidden (F11)"));
    connect(presentAction_, &QAction::toggled, this, &MainWindow::setPresentationMode);
    addAction(presentAction_);
    for (QAction* action : {exportTraceAction_, compareAction_, scaleAction_, measureAction_, presentAction_})
        action->setStatusTip(action->toolTip());
}

void MainWindow::selectRow(int modelRow)
{
    if (modelRow < 0 || modelRow >= model_->rowCount())
        return;
    followLatest_ = false;
    selected_ = model_->result(modelRow);
    showSelected();
    updateActions();
}

void MainWindow::showSelected()
{
    if (phasesPage_)
        phasesPage_->setCell(selected_ ? &*selected_ : nullptr);
}

bool MainWindow::exportTrace(const QString& path, QString* error)
{
    if (!selected_ || selected_->status != Status::Ok) {
        if (error)
            *error = tr("No cell that has run is selected.");
        return false;
    }
    std::ofstream out(QFile::encodeName(path).toStdString(), std::ios::binary | std::ios::trunc);
    if (out)
        write_trace(out, *selected_, model_->machine().cpu_model.empty() ? machine_ : model_->machine());
    out.close();
    if (!out) {
        if (error)
            *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

void MainWindow::compareStrategies()
{
    if (controller_->isRunning() || !panel_->canRun())
        return;
    analysing_ = true;
    tabs_->setCurrentWidget(comparePage_);
    controller_->compare(panel_->config());
}

void MainWindow::scaleWorkers()
{
    if (controller_->isRunning() || !panel_->canRun())
        return;
    std::vector<int> workers;
    const int cores = std::max(1, machine_.logical_cores);
    for (int w = 1; w <= 2 * cores; w = w < 4 ? w + 1 : w + std::max(1, cores / 4))
        workers.push_back(w);
    if (workers.back() != 2 * cores)
        workers.push_back(2 * cores);
    analysing_ = true;
    tabs_->setCurrentWidget(scalingView_);
    controller_->scale(panel_->config(), workers);
}

void MainWindow::measureMachine()
{
    measureAction_->setEnabled(false);
    tabs_->setCurrentWidget(comparePage_);
    speedLimitPanel()->measure();
}

void MainWindow::onCompareFinished(const std::vector<CellResult>& results)
{
    compareChart()->setResults(results);
    QString fastest;
    double best = 0;
    for (int i = 0; i < static_cast<int>(results.size()); ++i)
        if (compareChart()->speedup(i) > best) {
            best = compareChart()->speedup(i);
            fastest = qs(to_string(results[static_cast<std::size_t>(i)].config.strategy));
        }
    statusBar()->showMessage(fastest.isEmpty() ? tr("Compared.")
                                               : tr("Compared: the fastest is %1 (%2).").arg(fastest, formatSpeedup(best)));
}

void MainWindow::onScaleFinished(const std::vector<CellResult>& results)
{
    if (results.empty())
        return;
    const double baseline = results.front().status == Status::Ok ? results.front().median_s : 0.0;
    scalingChart_->setFitLimit(std::max(1, machine_.logical_cores));
    scalingChart_->setResults(baseline, std::vector<CellResult>(results.begin() + 1, results.end()));
    statusBar()->showMessage(tr("Scaled: serial fraction %1.").arg(scalingChart_->serialFraction(), 0, 'f', 3));
}

void MainWindow::setPresentationMode(bool on)
{
    if (presenting_ == on)
        return;
    presenting_ = on;
    if (presentAction_->isChecked() != on)
        presentAction_->setChecked(on);
    findChild<QDockWidget*>(u"experimentDock"_s)->setVisible(!on);
    QFont f = normalFont_;
    if (on)
        f.setPointSizeF(f.pointSizeF() * 1.6);
    setFont(f);
    setPalette(on ? highContrastPalette() : QApplication::palette());
    for (QChart* chart : {static_cast<QChart*>(chart_), static_cast<QChart*>(phaseChart()),
                          static_cast<QChart*>(compareChart()), static_cast<QChart*>(scalingChart_)})
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

void MainWindow::applySpeedLimits()
{
    // This machine's limits say nothing about results measured on another one.
    const MachineInfo& m = model_->machine();
    const bool here = m.cpu_model == machine_.cpu_model && m.logical_cores == machine_.logical_cores;
    model_->setSpeedLimits(here ? limits_ : std::nullopt);
    if (limits_ && !here && chart_->colorBy() == HeatmapChart::ColorBy::FloorDistance)
        statusBar()->showMessage(tr("These results come from another machine (%1): no floor for them here.")
                                     .arg(machineText(m)),
                                 8000);
}

void MainWindow::showStrategyNote()
{
    // The controls are hidden while presenting: say what is on screen and why it wins or loses.
    const bool show = presenting_ && model_->hasExperiment();
    heatmapPage_->showStrategyNote(show ? strategyNoteHtml(model_->base().strategy) : QString());
}

// ---- Colouring and "predict, then run" ------------------------------------------------------

void MainWindow::createColorActions()
{
    colorBy_ = new ColorByActions(this, this);
    for (QAction* action : colorBy_->actions()) {
        addAction(action);
        heatmapView()->addAction(action);
    }
    connect(colorBy_, &ColorByActions::requested, this, &MainWindow::setColorBy);

    predictAction_ = new QAction(style()->standardIcon(QStyle::SP_MessageBoxQuestion), tr("&Predict, then sweep"), this);
    predictAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    predictAction_->setToolTip(tr("Show the empty grid; the class clicks the cell it thinks will be fastest, then "
                                  "the sweep runs and says how good the guess was (Ctrl+G)"));
    predictAction_->setStatusTip(predictAction_->toolTip());
    connect(predictAction_, &QAction::triggered, this, &MainWindow::predictThenSweep);
}

QAction* MainWindow::colorByAction(HeatmapChart::ColorBy by) const { return colorBy_->action(by); }

void MainWindow::setColorBy(HeatmapChart::ColorBy by)
{
    chart_->setColorBy(by);
    colorBy_->setCurrent(by);
    if (by == HeatmapChart::ColorBy::FloorDistance && !limits_) {
        // The floor needs the machine's bandwidth and throughput: about a second to measure.
        if (measureAction_->isEnabled()) {
            measureAction_->setEnabled(false);
            speedLimitPanel()->measure();
        }
        statusBar()->showMessage(tr("Measuring the machine for the floor; the cells show median time until then."),
                                 5000);
    } else if (by == HeatmapChart::ColorBy::Speedup && !model_->baselineSeconds() && model_->rowCount() > 0) {
        statusBar()->showMessage(tr("No sequential run of this workload yet: the cells show median time."), 5000);
    }
}

void MainWindow::predictThenSweep()
{
    if (!startGrid())
        return;
    tabs_->setCurrentWidget(heatmapPage_);
    game_->ask();
    updateActions();
}

void MainWindow::onHeatmapCellClicked(int row, int column)
{
    if (game_->isWaiting()) {
        if (game_->take(row, column)) {
            sweepGrid();
            game_->sweepStarted(controller_->isRunning());
            updateActions();
        }
        return;
    }
    if (chart_->modelRow(row, column) >= 0)
        selectRow(chart_->modelRow(row, column));
}

} // namespace chunkscope::ui

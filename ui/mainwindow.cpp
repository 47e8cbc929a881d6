#include "mainwindow.h"

#include "comparechart.h"
#include "experimentpanel.h"
#include "phasechart.h"
#include "scalingchart.h"
#include "speedlimitpanel.h"
#include "timelineview.h"
#include "heatmapchart.h"
#include "resultsmodel.h"
#include "resultstable.h"
#include "runcontroller.h"
#include "runprogress.h"
#include "exportdialog.h"
#include "session.h"
#include "tutorialpanel.h"
#include "uiformat.h"

#include "chunkscope/trace.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
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
    tabs_->addTab(createHeatmapPage(), tr("&Heatmap"));
    table_ = new ResultsTable(model_, tabs_);
    tabs_->addTab(table_, tr("Re&sults"));
    tutorial_ = new TutorialPanel(presets_, tabs_);
    tabs_->addTab(tutorial_, tr("&Tutorial"));
    tabs_->setTabToolTip(0, tr("Median time (or speedup) of every splits × chunksize cell"));
    tabs_->setTabToolTip(1, tr("Every run with all its statistics and phases, sortable"));
    tabs_->addTab(createPhasesPage(), tr("&Phases && timeline"));
    tabs_->addTab(createComparePage(), tr("C&ompare"));
    tabs_->addTab(createScalingPage(), tr("Sc&aling"));
    tabs_->setTabToolTip(2, tr("The tutorial's figures next to this machine's"));
    tabs_->setTabToolTip(3, tr("Where the selected cell's time goes, and every task on every worker"));
    tabs_->setTabToolTip(4, tr("Every strategy on the current workload, against what the machine allows"));
    tabs_->setTabToolTip(5, tr("Speedup versus workers for the current strategy, with Amdahl's law"));
    setCentralWidget(tabs_);

    createActions();
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
    connect(speedPanel_, &SpeedLimitPanel::measured, this, [this](const SpeedLimits& limits) {
        compareChart_->setSpeedLimits(limits, machine_.logical_cores);
        measureAction_->setEnabled(true);
        statusBar()->showMessage(tr("Machine measured: the comparison shows each strategy's floor."), 5000);
    });
    chartView_->viewport()->installEventFilter(this);
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

QWidget* MainWindow::createHeatmapPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    banner_ = new QLabel(page);
    banner_->setObjectName(u"problemBanner"_s);
    banner_->setWordWrap(true);
    banner_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    banner_->setStyleSheet(u"QLabel { background: #fde7e9; color: #6b0010; border-bottom: 1px solid #e0a0a8; "
                           "padding: 6px 10px; }"_s);
    banner_->hide();
    connect(banner_, &QLabel::linkActivated, banner_, &QLabel::hide);
    layout->addWidget(banner_);

    presetLabel_ = new QLabel(page);
    presetLabel_->setObjectName(u"presetFigures"_s);
    presetLabel_->setWordWrap(true);
    presetLabel_->setStyleSheet(u"QLabel { background: #eef3fb; border-bottom: 1px solid #c8d4e8; "
                                "padding: 5px 10px; }"_s);
    presetLabel_->setToolTip(tr("The tutorial's published figure, the same Python code on this project's machines, "
                                "and what Chunkscope measured here"));
    presetLabel_->hide();
    layout->addWidget(presetLabel_);

    chart_ = new HeatmapChart(model_);
    chart_->setDropShadowEnabled(false);
    chartView_ = new QChartView(chart_, page);
    chartView_->setObjectName(u"heatmapView"_s);
    chartView_->setRenderHint(QPainter::Antialiasing);
    chartView_->setMinimumSize(420, 320);
    chartView_->setFrameShape(QFrame::NoFrame);
    chartView_->setContextMenuPolicy(Qt::ActionsContextMenu);
    chartView_->setToolTip(QString());
    layout->addWidget(chartView_, 1);
    return page;
}

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
    connect(openAction_, &QAction::triggered, this, &MainWindow::openSessionDialog);

    saveAction_ = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save session…"), this);
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setToolTip(tr("Save every result of the experiment as the CLI's JSON"));
    connect(saveAction_, &QAction::triggered, this, &MainWindow::saveSessionDialog);

    exportAction_ = new QAction(tr("&Export chart…"), this);
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction_->setToolTip(tr("Save the heatmap as PNG, SVG or PDF at a chosen size and resolution (Ctrl+E)"));
    connect(exportAction_, &QAction::triggered, this, &MainWindow::exportChartDialog);

    exportDataAction_ = new QAction(tr("Export &data…"), this);
    exportDataAction_->setToolTip(tr("Save the results as CSV or JSON, as the CLI writes them"));
    connect(exportDataAction_, &QAction::triggered, this, &MainWindow::exportDataDialog);

    copyAction_ = new QAction(tr("Co&py chart"), this);
    copyAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction_->setToolTip(tr("Copy the heatmap to the clipboard as an image (Ctrl+Shift+C)"));
    connect(copyAction_, &QAction::triggered, this, &MainWindow::copyChart);

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    speedupAction_ = new QAction(tr("Colour by s&peedup"), this);
    speedupAction_->setCheckable(true);
    speedupAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    speedupAction_->setToolTip(tr("Colour the cells by speedup over the sequential run instead of by median time "
                                  "(Ctrl+T)"));
    connect(speedupAction_, &QAction::toggled, this, [this](bool on) {
        chart_->setColorBy(on ? HeatmapChart::ColorBy::Speedup : HeatmapChart::ColorBy::Duration);
    });
    chartView_->addActions({copyAction_, exportAction_, speedupAction_});
    quitAction_->setToolTip(tr("Close the window; a run in progress is cancelled (Ctrl+Q)"));
    // Menus show the tooltip in the status bar.
    for (QAction* action : {runAction_, sweepAction_, cancelAction_, openAction_, saveAction_, exportAction_,
                            exportDataAction_, copyAction_, quitAction_, speedupAction_})
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
    view->addAction(speedupAction_);
    QAction* dockToggle = findChild<QDockWidget*>(u"experimentDock"_s)->toggleViewAction();
    dockToggle->setToolTip(tr("Show or hide the experiment's controls"));
    view->addAction(dockToggle);
    view->addAction(presentAction_);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(runAction_);
    bar->addAction(sweepAction_);
    bar->addAction(cancelAction_);
    bar->addSeparator();
    bar->addAction(speedupAction_);
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

QString MainWindow::problem() const { return banner_->isVisible() ? banner_->text() : QString(); }

bool MainWindow::isRunning() const { return controller_->isRunning(); }

void MainWindow::showProblem(const QString& message)
{
    banner_->setText(message.toHtmlEscaped() + u" &nbsp; <a href=\"#\">"_s + tr("Dismiss") + u"</a>"_s);
    banner_->setVisible(!message.isEmpty());
}

void MainWindow::updateActions()
{
    const bool running = controller_->isRunning();
    panel_->setRunning(running);
    runAction_->setEnabled(!running && panel_->canRun());
    sweepAction_->setEnabled(!running && panel_->canSweep());
    cancelAction_->setEnabled(running);
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
    speedupAction_->setChecked(settings.value(u"view/colorBySpeedup"_s, false).toBool());
    exportOptions_.size = settings.value(u"export/size"_s, exportOptions_.size).toSize();
    exportOptions_.dpi = settings.value(u"export/dpi"_s, exportOptions_.dpi).toInt();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    lastDirectory_ = settings.value(u"files/lastDirectory"_s, QDir(documents).exists() ? documents : QDir::homePath())
                         .toString();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    panel_->saveSettings(settings);
    settings.setValue(u"view/colorBySpeedup"_s, speedupAction_->isChecked());
    settings.setValue(u"export/size"_s, exportOptions_.size);
    settings.setValue(u"export/dpi"_s, exportOptions_.dpi);
    settings.setValue(u"files/lastDirectory"_s, lastDirectory_);
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
    const RunConfig config = panel_->config();
    if (model_->sameExperiment(config))
        model_->extendGrid(config);
    else
        model_->startExperiment(config, {config.splits}, {config.chunksize});
    model_->setMachine(machine_);
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
    if (controller_->isRunning() || !panel_->canSweep()) {
        if (!panel_->canSweep())
            statusBar()->showMessage(tr("Cannot sweep: %1").arg(panel_->sweepProblem()));
        return;
    }
    const SweepSpec spec = panel_->sweepSpec();
    model_->startExperiment(spec.base, spec.splits_list, spec.chunks_list);
    model_->setMachine(machine_);
    model_->setDate(QDateTime::currentDateTime());
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
        presetLabel_->hide();
    }
}

void MainWindow::showPresetFigures()
{
    if (activePreset_ < 0) {
        presetLabel_->hide();
        return;
    }
    const Preset& p = presets_[static_cast<std::size_t>(activePreset_)];
    presetLabel_->setText(tr("<b>%1</b> — tutorial (4 cores, Python): <b>%2</b> · Python here: <b>%3</b> · "
                             "Chunkscope here: <b>%4</b>")
                              .arg(p.name.toHtmlEscaped(), p.tutorialFigure.toHtmlEscaped(),
                                   p.pythonHereFigure.toHtmlEscaped(),
                                   tutorial_->measured(activePreset_).toHtmlEscaped()));
    presetLabel_->show();
}

QString MainWindow::measuredFigure() const
{
    // A run: the cell it measured (the grid may hold earlier runs of the same experiment).
    if (lastCell_ && runningPreset_ >= 0 && !presets_[static_cast<std::size_t>(runningPreset_)].sweep)
        return lastCell_->status == Status::Ok ? formatSeconds(lastCell_->median_s) : tr("failed");
    double lo = 0;
    double hi = 0;
    int cells = 0;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const CellResult& r = model_->result(row);
        if (!model_->isGridCell(row) || r.status != Status::Ok)
            continue;
        lo = cells == 0 ? r.median_s : std::min(lo, r.median_s);
        hi = std::max(hi, r.median_s);
        ++cells;
    }
    if (cells == 0)
        return tr("failed");
    if (cells == 1)
        return formatSeconds(lo);
    const CellResult& best = model_->result(model_->bestRow());
    return tr("%1–%2 per cell, best %3 × %4")
        .arg(formatSeconds(lo), formatSeconds(hi), formatCount(best.config.splits), formatCount(best.config.chunksize));
}

void MainWindow::onStarted(int cells)
{
    lastCell_.reset();
    banner_->hide();
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
        tutorial_->setMeasured(runningPreset_, measuredFigure());
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
    activePreset_ = -1;
    presetLabel_->hide();
    banner_->hide();
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
    ExportOptions options = exportOptions_;
    options.size = chartView_->size() * chartView_->devicePixelRatioF();
    options.dpi = static_cast<int>(std::lround(96 * chartView_->devicePixelRatioF()));
    options.colorBy = chart_->colorBy();
    QApplication::clipboard()->setImage(heatmapImage(*model_, options));
    statusBar()->showMessage(tr("Chart copied to the clipboard."), 3000);
}

void MainWindow::openSessionDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), lastDirectory_,
                                                      tr("Chunkscope sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!openSession(path, &error))
        QMessageBox::warning(this, tr("Not a session"), error);
}

void MainWindow::saveSessionDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"),
                                                      lastDirectory_ + u"/chunkscope-session.json"_s,
                                                      tr("Chunkscope sessions (*.json)"));
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!saveSession(path, &error))
        QMessageBox::warning(this, tr("Save session"), error);
    else
        statusBar()->showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::exportChartDialog()
{
    ExportOptions options = exportOptions_;
    options.colorBy = chart_->colorBy();
    options.caption = chart_->caption();
    ExportDialog dialog(lastDirectory_ + u"/chunkscope-heatmap.png"_s, options, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    options = dialog.options();
    exportOptions_.size = options.size;
    exportOptions_.dpi = options.dpi;
    lastDirectory_ = QFileInfo(dialog.path()).absolutePath();
    if (options.caption == chart_->caption())
        options.caption.clear();
    QString error;
    if (!exportChart(dialog.path(), options, &error))
        QMessageBox::warning(this, tr("Export chart"), error);
    else
        statusBar()->showMessage(tr("Exported %1.").arg(QDir::toNativeSeparators(dialog.path())), 5000);
}

void MainWindow::exportDataDialog()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), lastDirectory_ + u"/chunkscope.csv"_s,
                                                      tr("CSV (*.csv);;JSON, as the CLI writes it (*.json)"), &filter);
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!exportData(path, &error))
        QMessageBox::warning(this, tr("Export data"), error);
    else
        statusBar()->showMessage(tr("Exported %1.").arg(QDir::toNativeSeparators(path)), 5000);
}

// ---- Seeing why: phases, timeline, comparison, scaling --------------------------------------

QWidget* MainWindow::createPhasesPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    selectionLabel_ = new QLabel(page);
    selectionLabel_->setObjectName(u"selectedCell"_s);
    selectionLabel_->setWordWrap(true);
    selectionLabel_->setStyleSheet(u"QLabel { background: #eef3fb; border-bottom: 1px solid #c8d4e8; "
                                   "padding: 5px 10px; }"_s);
    layout->addWidget(selectionLabel_);

    auto* splitter = new QSplitter(Qt::Vertical, page);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 8, 0);
    phaseChart_ = new PhaseChart;
    phaseChart_->setDropShadowEnabled(false);
    auto* phaseView = new QChartView(phaseChart_, top);
    phaseView->setObjectName(u"phaseView"_s);
    phaseView->setRenderHint(QPainter::Antialiasing);
    phaseView->setFrameShape(QFrame::NoFrame);
    phaseView->setMinimumHeight(200);
    topLayout->addWidget(phaseView, 3);
    auto* explanation = new QLabel(PhaseChart::explanationsHtml(), top);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::RichText);
    explanation->setMaximumWidth(360);
    topLayout->addWidget(explanation, 1);
    splitter->addWidget(top);
    timeline_ = new TimelineView(splitter);
    timeline_->setObjectName(u"timeline"_s);
    timeline_->setFrameShape(QFrame::NoFrame);
    splitter->addWidget(timeline_);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    showSelected();
    return page;
}

QWidget* MainWindow::createComparePage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    compareChart_ = new CompareChart;
    compareChart_->setDropShadowEnabled(false);
    compareView_ = new QChartView(compareChart_, page);
    compareView_->setObjectName(u"compareView"_s);
    compareView_->setRenderHint(QPainter::Antialiasing);
    compareView_->setFrameShape(QFrame::NoFrame);
    layout->addWidget(compareView_, 1);
    speedPanel_ = new SpeedLimitPanel(page);
    layout->addWidget(speedPanel_);
    return page;
}

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
    connect(exportTraceAction_, &QAction::triggered, this, &MainWindow::exportTraceDialog);

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

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == chartView_->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const QPointF scenePos = chartView_->mapToScene(mouse->position().toPoint());
        for (int r = 0; r < chart_->rows(); ++r)
            for (int c = 0; c < chart_->columns(); ++c) {
                QGraphicsRectItem* item = chart_->cellItem(r, c);
                if (item && item->sceneBoundingRect().contains(scenePos) && chart_->modelRow(r, c) >= 0) {
                    selectRow(chart_->modelRow(r, c));
                    return false;
                }
            }
    }
    return QMainWindow::eventFilter(watched, event);
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
    if (!phaseChart_)
        return;
    const CellResult* cell = selected_ ? &*selected_ : nullptr;
    phaseChart_->setCell(cell);
    timeline_->setCell(cell);
    if (!cell) {
        selectionLabel_->setText(tr("No cell selected: run something, then click a heatmap cell or a row of the "
                                    "results to see where its time goes."));
        return;
    }
    const auto [splits, chunks] = ResultsModel::gridPoint(cell->config);
    QString text = u"<b>"_s + experimentTitle(cell->config).toHtmlEscaped() + u"</b> · "_s +
                   tr("splits %1 × chunksize %2").arg(formatCount(splits), formatCount(chunks));
    if (cell->status == Status::Ok) {
        text += u" · "_s + tr("median %1").arg(formatSeconds(cell->median_s));
        if (cell->cv > 0.10)
            text += u" · <b>"_s + tr("unstable (CV %1 %)").arg(cell->cv * 100, 0, 'f', 0) + u"</b>"_s;
        text += u" · "_s + (cell->events.size() == 1 ? tr("1 task in the timeline (the last repetition)")
                                                      : tr("%1 tasks in the timeline (the last repetition)")
                                                            .arg(cell->events.size()));
    } else {
        text += u" · "_s + qs(to_string(cell->status));
    }
    selectionLabel_->setText(text);
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

void MainWindow::exportTraceDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export trace"), lastDirectory_ + u"/chunkscope-trace.json"_s,
                                                      tr("Chrome trace JSON (*.json)"));
    if (path.isEmpty())
        return;
    lastDirectory_ = QFileInfo(path).absolutePath();
    QString error;
    if (!exportTrace(path, &error))
        QMessageBox::warning(this, tr("Export trace"), error);
    else
        statusBar()->showMessage(tr("Exported %1: open it in ui.perfetto.dev.").arg(QDir::toNativeSeparators(path)),
                                 5000);
}

void MainWindow::compareStrategies()
{
    if (controller_->isRunning() || !panel_->canRun())
        return;
    analysing_ = true;
    tabs_->setCurrentWidget(compareView_->parentWidget());
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
    tabs_->setCurrentWidget(compareView_->parentWidget());
    speedPanel_->measure();
}

void MainWindow::onCompareFinished(const std::vector<CellResult>& results)
{
    compareChart_->setResults(results);
    QString fastest;
    double best = 0;
    for (int i = 0; i < static_cast<int>(results.size()); ++i)
        if (compareChart_->speedup(i) > best) {
            best = compareChart_->speedup(i);
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
    for (QChart* chart : {static_cast<QChart*>(chart_), static_cast<QChart*>(phaseChart_),
                          static_cast<QChart*>(compareChart_), static_cast<QChart*>(scalingChart_)}) {
        QFont title = f;
        title.setBold(true);
        chart->setTitleFont(title);
        chart->legend()->setFont(f);
        for (QAbstractAxis* axis : chart->axes()) {
            axis->setLabelsFont(f);
            axis->setTitleFont(f);
        }
    }
    if (on)
        showFullScreen();
    else
        showNormal();
}

} // namespace chunkscope::ui

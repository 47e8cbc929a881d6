// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcoordinator.h"

#include "cellselection.h"
#include "comparechart.h"
#include "comparepage.h"
#include "experimentpanel.h"
#include "heatmapchart.h"
#include "heatmappage.h"
#include "journalfiles.h"
#include "predictiongame.h"
#include "presets.h"
#include "presettracker.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runmessages.h"
#include "runprogress.h"
#include "scalingchart.h"
#include "scalingpage.h"
#include "uiformat.h"

#include <QDateTime>
#include <QTabWidget>

#include <utility>

namespace chunkscope::ui {

RunCoordinator::RunCoordinator(const Parts& parts, const MachineInfo& machine, QObject* parent)
    : QObject(parent), p_(parts), machine_(machine)
{
    RunController* c = p_.controller;
    connect(c, &RunController::started, this, &RunCoordinator::onStarted);
    connect(c, &RunController::cellStarted, this, [this](const RunConfig& config, int index, int total) {
        p_.model->setRunning(config);
        Q_EMIT message(cellStartedMessage(config, p_.model->base().strategy, index, total), 0);
    });
    connect(c, &RunController::cellFinished, this, [this](const CellPtr& cell) {
        p_.model->addResult(cell);
        p_.selection->cellFinished(cell);
        Q_EMIT stateChanged();
    });
    connect(c, &RunController::progressRange, p_.progress, &RunProgress::setProgressRange);
    connect(c, &RunController::analysisCellFinished, this, &RunCoordinator::onAnalysisCell);
    connect(c, &RunController::finished, this, &RunCoordinator::onFinished);
    connect(c, &RunController::cancelled, this, &RunCoordinator::onCancelled);
    connect(c, &RunController::failed, this, &RunCoordinator::onFailed);
    connect(c, &RunController::compareFinished, this, [this](const std::vector<CellResult>& results) {
        p_.comparePage->compareChart()->setResults(results);
        Q_EMIT message(comparedMessage(*p_.comparePage->compareChart()), 0);
    });
    connect(c, &RunController::linkMeasured, p_.scalingPage, &ScalingPage::setLink);
    connect(c, &RunController::daskCostsMeasured, p_.scalingPage, &ScalingPage::setDaskCosts);
    connect(c, &RunController::scaleFinished, this, [this](const std::vector<CellResult>& results) {
        if (results.empty())
            return;
        p_.scalingPage->setResults(results, machine_.logical_cores);
        Q_EMIT message(scaledMessage(*p_.scalingPage->scalingChart()), 0);
    });
}

void RunCoordinator::problem(const QString& text) { p_.heatmapPage->showProblem(text); }

void RunCoordinator::startRun()
{
    if (p_.controller->isRunning() || !p_.panel->canRun()) {
        if (!p_.panel->canRun())
            Q_EMIT message(tr("Cannot run: %1").arg(p_.panel->runProblem()), 0);
        return;
    }
    p_.game->clear();
    const RunConfig config = p_.panel->config();
    if (p_.model->sameExperiment(config))
        p_.model->extendGrid(config);
    else
        p_.model->startExperiment(config, {config.splits}, {config.chunksize});
    stampModel();
    p_.presets->runStarted();
    p_.selection->runStarted();
    p_.tabs->setCurrentIndex(0);
    p_.controller->run(config, p_.model->needsBaseline(config));
}

void RunCoordinator::startSweep()
{
    if (!p_.controller->isRunning())
        p_.game->clear();
    sweepGrid();
}

std::optional<SweepSpec> RunCoordinator::startGrid()
{
    if (p_.controller->isRunning() || !p_.panel->canSweep()) {
        if (!p_.panel->canSweep())
            Q_EMIT message(tr("Cannot sweep: %1").arg(p_.panel->sweepProblem()), 0);
        return std::nullopt;
    }
    const SweepSpec spec = sweep_plan(p_.panel->sweepSpec());
    p_.model->startExperiment(spec.base, spec.splits_list, spec.chunks_list);
    stampModel();
    return spec;
}

void RunCoordinator::stampModel()
{
    // The machine's state as this run starts (the rest of it does not change while the window is open).
    machine_.governor = cpu_governor();
    machine_.boost = cpu_boost();
    machine_.load_average = load_average();
    p_.model->setMachine(machine_);
    applySpeedLimits();
    p_.model->setDate(QDateTime::currentDateTime());
}

void RunCoordinator::sweepGrid()
{
    const auto grid = startGrid();
    if (!grid)
        return;
    p_.presets->runStarted();
    p_.selection->runStarted();
    p_.tabs->setCurrentIndex(0);
    QString error;
    std::shared_ptr<JournalWriter> journal = createJournal(*grid, machine_, &error);
    journalPath_ = journal ? QString::fromStdString(journal->path()) : QString();
    if (!journal)
        Q_EMIT message(tr("The sweep runs without a journal (a crash would lose it): %1").arg(error), 8000);
    p_.controller->sweep(*grid, p_.model->needsBaseline(grid->base), std::move(journal));
}

bool RunCoordinator::resumeSweep(const QString& path, QString* error)
{
    if (p_.controller->isRunning()) {
        *error = tr("A run is going on: cancel it first.");
        return false;
    }
    const Journal journal = readJournal(path);
    if (!journal.error.empty()) {
        *error = tr("The journal %1 cannot be restored: %2").arg(path, QString::fromStdString(journal.error));
        return false;
    }
    const auto other = machine_differences(journal.header, journal_header(journal.header.spec, machine_));
    if (!other.empty()) {
        *error = tr("The journal %1 is of another configuration (%2): it can only be resumed where it began.")
                     .arg(path, QString::fromStdString(describe(other, "this machine")));
        return false;
    }
    const SweepSpec& spec = journal.header.spec;
    p_.game->clear();
    p_.panel->setConfig(spec.base);
    p_.panel->setSweepLists(spec.splits_list, spec.chunks_list);
    p_.model->startExperiment(spec.base, spec.splits_list, spec.chunks_list);
    stampModel();
    bool baseline = false;
    for (const CellResult& cell : journal.cells) {
        p_.model->addResult(cell);
        baseline = baseline || is_journal_baseline(spec, cell);
    }
    p_.tabs->setCurrentIndex(0);
    const std::vector<RunConfig> missing = missing_cells(journal);
    if (missing.empty()) {
        removeJournal(path);
        Q_EMIT message(tr("Restored the sweep: all its cells had finished."), 0);
        Q_EMIT stateChanged();
        return true;
    }
    std::shared_ptr<JournalWriter> writer = resumeJournal(path, journal, error);
    if (!writer)
        return false;
    journalPath_ = path;
    p_.presets->runStarted();
    p_.selection->runStarted();
    p_.controller->sweep(spec, !baseline && p_.model->needsBaseline(spec.base), std::move(writer), missing);
    return true;
}

void RunCoordinator::cancelRun()
{
    if (p_.controller->isRunning()) {
        p_.controller->cancel();
        // Cancelled on purpose: the cells that finished stay on screen, to be saved or not.
        removeJournal(std::exchange(journalPath_, QString()));
    } else if (p_.game->isWaiting()) {
        p_.game->abandon();
        Q_EMIT stateChanged();
    }
}

void RunCoordinator::runPreset(int preset, bool python)
{
    if (preset < 0 || preset >= static_cast<int>(p_.presets->presets().size()))
        return;
    if (p_.controller->isRunning())
        p_.controller->cancel();
    const Preset& p = *p_.presets->load(preset, python);
    if (p.sweep)
        startSweep();
    else
        startRun();
    if (!p_.controller->isRunning())
        problem(tr("%1 cannot run here: %2").arg(p.name, p.sweep ? p_.panel->sweepProblem() : p_.panel->runProblem()));
}

void RunCoordinator::compareStrategies()
{
    if (p_.controller->isRunning() || !p_.panel->canRun())
        return;
    startAnalysis(p_.panel->config());
    analyses_.compare.clear();
    p_.comparePage->compareChart()->setResults(std::vector<CellResult>{});
    p_.tabs->setCurrentWidget(p_.comparePage);
    p_.controller->compare(p_.panel->config());
}

void RunCoordinator::scaleWorkers()
{
    if (p_.controller->isRunning() || !p_.panel->canRun())
        return;
    startAnalysis(p_.panel->config());
    analyses_.scale.clear();
    p_.scalingPage->clear();
    p_.tabs->setCurrentWidget(p_.scalingPage);
    p_.controller->scale(p_.panel->config(), default_workers_list(machine_.logical_cores));
}

void RunCoordinator::startAnalysis(const RunConfig& config)
{
    analysisCells_.clear();
    // Its cells join the Results table (and so a saved session) beside the experiment there, as
    // rows of their own, unless that one was measured elsewhere (an opened report): then they
    // start one of their own, at the panel's cell.
    const MachineInfo& m = p_.model->machine();
    const bool here = m.cpu_model == machine_.cpu_model && m.logical_cores == machine_.logical_cores;
    if (!p_.model->hasExperiment() || !here) {
        p_.game->clear();
        p_.model->startExperiment(config, {config.splits}, {config.chunksize});
    }
    stampModel();
}

void RunCoordinator::onAnalysisCell(const CellPtr& cell, int index, int total)
{
    // Painted as it ends, and kept: a Cancel later leaves it in the chart, the table and a session.
    analysisCells_.push_back(*cell);
    p_.model->addResult(cell);
    const bool compare = p_.controller->mode() == RunController::Mode::Compare;
    (compare ? analyses_.compare : analyses_.scale).push_back(cell);
    if (compare)
        p_.comparePage->compareChart()->setResults(analysisCells_);
    else
        p_.scalingPage->setResults(analysisCells_, machine_.logical_cores);
    Q_EMIT message((compare ? tr("%1 of %2 strategies measured: each bar appears as its cell ends, and stays if you "
                                 "cancel.")
                            : tr("%1 of %2 worker counts measured: each point appears as its cell ends, and stays if "
                                 "you cancel."))
                       .arg(index + 1)
                       .arg(total),
                   0);
    Q_EMIT stateChanged();
}

void RunCoordinator::showAnalyses(AnalysisCells analyses)
{
    analyses_ = std::move(analyses);
    const auto copies = [](const std::vector<CellPtr>& cells) {
        std::vector<CellResult> out;
        for (const CellPtr& cell : cells)
            out.push_back(*cell);
        return out;
    };
    p_.comparePage->compareChart()->setResults(copies(analyses_.compare));
    if (analyses_.scale.empty())
        p_.scalingPage->clear();
    else   // measured on the session's machine: its cores
        p_.scalingPage->setResults(copies(analyses_.scale), p_.model->machine().logical_cores);
}

void RunCoordinator::predictThenSweep()
{
    if (!startGrid())
        return;
    p_.tabs->setCurrentWidget(p_.heatmapPage);
    p_.game->ask();
    Q_EMIT stateChanged();
}

void RunCoordinator::cellClicked(int row, int column)
{
    if (p_.game->isWaiting()) {
        if (p_.game->take(row, column)) {
            sweepGrid();
            p_.game->sweepStarted(p_.controller->isRunning());
            Q_EMIT stateChanged();
        }
        return;
    }
    if (p_.heatmapPage->chart()->modelRow(row, column) >= 0)
        p_.selection->selectRow(p_.heatmapPage->chart()->modelRow(row, column));
}

void RunCoordinator::setSpeedLimits(const SpeedLimits& limits)
{
    limits_ = limits;
    p_.comparePage->compareChart()->setSpeedLimits(limits, machine_.logical_cores);
    applySpeedLimits();
}

void RunCoordinator::applySpeedLimits()
{
    // This machine's limits say nothing about results measured on another one.
    const MachineInfo& m = p_.model->machine();
    const bool here = m.cpu_model == machine_.cpu_model && m.logical_cores == machine_.logical_cores;
    p_.model->setSpeedLimits(here ? limits_ : std::nullopt);
    const auto by = p_.heatmapPage->chart()->colorBy();
    if (limits_ && !here && (by == HeatmapChart::ColorBy::FloorDistance || by == HeatmapChart::ColorBy::OwnFloorDistance))
        Q_EMIT message(tr("These results come from another machine (%1): no floor for them here.").arg(machineText(m)),
                       8000);
}

void RunCoordinator::onStarted(int cells)
{
    p_.heatmapPage->hideProblem();
    p_.progress->start(cells);
    Q_EMIT message(runningMessage(), 0);
    Q_EMIT stateChanged();
}

void RunCoordinator::onFinished()
{
    p_.model->setRunning(std::nullopt);
    p_.progress->finish();
    const RunController::Mode mode = p_.controller->mode();
    if (mode == RunController::Mode::Compare || mode == RunController::Mode::Scale) {
        Q_EMIT stateChanged();
        return;
    }
    const bool sweep = mode == RunController::Mode::Sweep;
    removeJournal(std::exchange(journalPath_, QString()));
    if (sweep) {
        p_.game->sweepFinished();
        p_.selection->sweepFinished();
    }
    if (const QString failed = failedCellsMessage(*p_.model); !failed.isEmpty())
        problem(failed);
    p_.presets->runFinished(*p_.model, p_.selection->lastRun().get());
    Q_EMIT message(runDoneMessage(*p_.model, p_.selection->lastRun().get(), sweep), 0);
    Q_EMIT stateChanged();
}

void RunCoordinator::onCancelled()
{
    p_.model->setRunning(std::nullopt);
    p_.presets->runStopped();
    const RunController::Mode mode = p_.controller->mode();
    if (mode == RunController::Mode::Compare || mode == RunController::Mode::Scale)
        Q_EMIT message(tr("Cancelled: the %1 cells that finished stay in the %2 chart, the Results table and a saved "
                          "session.")
                           .arg(analysisCells_.size())
                           .arg(mode == RunController::Mode::Compare ? tr("Compare") : tr("Scaling")),
                       0);
    else
        Q_EMIT message(tr("Cancelled: the cells that finished stay."), 0);
    p_.game->sweepCancelled();
    p_.progress->stop(tr("cancelled"));
    Q_EMIT stateChanged();
}

void RunCoordinator::onFailed(const QString& text)
{
    // The engine stopped with an error, the window did not: its cells are on screen.
    removeJournal(std::exchange(journalPath_, QString()));
    p_.model->setRunning(std::nullopt);
    p_.presets->runStopped();
    p_.progress->stop(tr("failed"));
    problem(tr("The run failed: %1").arg(text));
    Q_EMIT message(tr("Failed."), 0);
    Q_EMIT stateChanged();
}

} // namespace chunkscope::ui

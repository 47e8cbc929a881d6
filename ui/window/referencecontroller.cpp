// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencecontroller.h"

#include "colorbyactions.h"
#include "experimentpanel.h"
#include "heatmappage.h"
#include "reference.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runcoordinator.h"
#include "uiformat.h"
#include "windowactions.h"

#include "chunkscope/registry.h"

#include <algorithm>

#include <QAction>
#include <QAbstractItemModel>
#include <QFileDialog>
#include <QMessageBox>
#include <QTimer>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;
using Command = WindowActions::Command;

ReferenceController::ReferenceController(const Parts& parts, QObject* parent)
    : QObject(parent), p_(parts), reference_(new Reference(this))
{
    p_.model->setReference(reference_);
    p_.heatmapPage->setReferenceModel(reference_->model());
    const WindowActions* a = p_.actions;
    connect(a->action(Command::KeepReference), &QAction::triggered, this, &ReferenceController::keepCurrent);
    connect(a->action(Command::LoadReference), &QAction::triggered, this, &ReferenceController::load);
    connect(a->action(Command::TwinReference), &QAction::triggered, this, &ReferenceController::sweepTwin);
    connect(a->action(Command::ClearReference), &QAction::triggered, this, &ReferenceController::clear);
    connect(a->action(Command::SideBySide), &QAction::toggled, this, &ReferenceController::setSideBySide);
    connect(a->action(Command::SweepBesideTwin), &QAction::triggered, this,
            [this] {
                const auto& presets = *p_.presets;
                const auto sweep = std::find_if(presets.begin(), presets.end(), [](const Preset& p) { return p.sweep; });
                if (sweep != presets.end())
                    sweepBesideTwin(static_cast<int>(sweep - presets.begin()));
            });
    connect(p_.controller, &RunController::finished, this, [this] { runEnded(true); });
    connect(p_.controller, &RunController::cancelled, this, [this] { runEnded(false); });
    connect(p_.controller, &RunController::failed, this, [this] { runEnded(false); });
    for (auto signal : {&RunController::finished, &RunController::cancelled})
        connect(p_.controller, signal, this, &ReferenceController::update);
    connect(p_.controller, &RunController::failed, this, &ReferenceController::update);
    connect(p_.controller, &RunController::started, this, &ReferenceController::update);
    connect(reference_, &Reference::changed, this, &ReferenceController::update);
    connect(p_.model, &QAbstractItemModel::modelReset, this, &ReferenceController::update);
    connect(p_.model, &QAbstractItemModel::rowsInserted, this, &ReferenceController::update);
    update();
}

void ReferenceController::keepCurrent()
{
    if (p_.controller->isRunning() || p_.model->rowCount() == 0)
        return;
    reference_->setFrom(*p_.model);
    Q_EMIT message(tr("Kept %n results as the reference: run the same grid again (another strategy, another "
                      "setting) and colour by the ratio to it (Ctrl+5).",
                      nullptr, p_.model->rowCount()),
                   0);
}

void ReferenceController::load()
{
    const QString path = QFileDialog::getOpenFileName(p_.window, tr("Load reference"), QString(),
                                                      tr("Chunkscope sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadFile(path, &error))
        QMessageBox::warning(p_.window, tr("Not a reference"), error);
}

bool ReferenceController::loadFile(const QString& path, QString* error)
{
    if (!reference_->load(path, error))
        return false;
    showRatio();
    Q_EMIT message(tr("Reference: %1.").arg(reference_->label()), 0);
    return true;
}

void ReferenceController::clear()
{
    reference_->clear();
    p_.actions->action(Command::SideBySide)->setChecked(false);
}

QString ReferenceController::twinProblem() const
{
    if (p_.controller->isRunning())
        return tr("a run is in progress");
    if (!p_.model->hasExperiment() || p_.model->gridCellsDone() == 0)
        return tr("sweep a grid first: the twin sweeps the same one");
    const auto twin = twin_of(p_.model->base().strategy);
    if (!twin)
        return tr("%1 has no twin in the other language").arg(qs(to_string(p_.model->base().strategy)));
    if (const Availability a = availability(*twin); !a.available)
        return tr("its twin %1 cannot run here: %2").arg(qs(to_string(*twin)), qs(a.reason));
    if (strategy_info(*twin).tutorial_python && p_.model->base().workload.intensity != 1)
        return tr("its twin %1 is the tutorial's Python, which runs at intensity 1 only").arg(qs(to_string(*twin)));
    return {};
}

void ReferenceController::sweepTwin()
{
    if (const QString problem = twinProblem(); !problem.isEmpty()) {
        Q_EMIT message(tr("Cannot sweep the twin: %1.").arg(problem), 0);
        return;
    }
    const RunConfig ours = p_.model->base();
    saved_ = Saved{p_.model->machine(), p_.model->results(), p_.model->date(), ours, p_.heatmapPage->chart()->colorBy()};
    RunConfig twin = ours;
    twin.strategy = *twin_of(ours.strategy);
    const std::vector<std::size_t> splits = p_.model->splitsAxis();
    const std::vector<std::size_t> chunks = p_.model->chunksAxis();
    p_.panel->setConfig(twin);
    p_.panel->setSweepLists(splits, chunks);
    p_.runs->startSweep();
    if (!p_.controller->isRunning()) {
        // It could not start (the coordinator said why): everything as it was.
        p_.panel->setConfig(ours);
        p_.model->setResults(saved_->machine, std::move(saved_->results), saved_->date);
        saved_.reset();
        return;
    }
    Q_EMIT message(tr("Sweeping %1, the twin of %2, as the reference…").arg(qs(to_string(twin.strategy)),
                                                                           qs(to_string(ours.strategy))),
                   0);
    update();
}

void ReferenceController::runEnded(bool completed)
{
    if (chainedPreset_ >= 0 && !chainTwin_) {
        // The preset's own sweep ended: its twin's follows.
        chainedPreset_ = -1;
        // After the controller has finished telling everyone that this sweep ended.
        if (completed)
            QTimer::singleShot(0, this, [this] {
                chainTwin_ = true;
                sweepTwin();
                chainTwin_ = twinSweepRunning();
            });
        return;
    }
    if (!saved_)
        return;
    const bool chained = chainTwin_;
    chainTwin_ = false;
    Saved saved = std::move(*saved_);
    saved_.reset();
    const int cells = p_.model->gridCellsDone();
    if (cells > 0)
        reference_->setFrom(*p_.model);
    p_.panel->setConfig(saved.config);
    p_.model->setResults(saved.machine, std::move(saved.results), saved.date);
    if (cells == 0) {
        Q_EMIT message(tr("The twin's sweep stopped before any cell: the reference is unchanged."), 0);
        return;
    }
    showRatio();
    if (chained)
        p_.actions->action(Command::SideBySide)->setChecked(true);
    Q_EMIT message(completed ? tr("Reference: %1. Each cell shows this ÷ the reference; * marks a significant difference.")
                                   .arg(reference_->label())
                             : tr("The twin's sweep stopped after %n cells: they are the reference.", nullptr, cells),
                   0);
    update();
}

void ReferenceController::sweepBesideTwin(int preset)
{
    p_.runs->runPreset(preset);
    chainedPreset_ = p_.controller->isRunning() ? preset : -1;
    chainTwin_ = false;
}

void ReferenceController::showRatio()
{
    p_.heatmapPage->chart()->setColorBy(HeatmapChart::ColorBy::Reference);
    p_.colorBy->setCurrent(HeatmapChart::ColorBy::Reference);
}

void ReferenceController::setSideBySide(bool on)
{
    on = on && !reference_->isEmpty();
    // Side by side, both show their times on one scale (the ratio is what the two show apart).
    if (on && p_.heatmapPage->chart()->colorBy() == HeatmapChart::ColorBy::Reference) {
        p_.heatmapPage->chart()->setColorBy(HeatmapChart::ColorBy::Duration);
        p_.colorBy->setCurrent(HeatmapChart::ColorBy::Duration);
    }
    p_.heatmapPage->setSideBySide(on);
}

void ReferenceController::update()
{
    const bool idle = !p_.controller->isRunning();
    const bool has = !reference_->isEmpty();
    const WindowActions* a = p_.actions;
    a->action(Command::KeepReference)->setEnabled(idle && p_.model->rowCount() > 0);
    a->action(Command::LoadReference)->setEnabled(idle);
    const QString problem = twinProblem();
    QAction* twin = a->action(Command::TwinReference);
    twin->setEnabled(problem.isEmpty());
    const QString tip = tr("Sweep the same grid with the strategy's twin in the other language (fork-split's is the "
                           "tutorial's py-split) and colour each cell by this ÷ the twin (Ctrl+Shift+T)");
    twin->setToolTip(problem.isEmpty() || !idle ? tip : tip + u"\n"_s + tr("Not now: %1.").arg(problem));
    a->action(Command::ClearReference)->setEnabled(idle && has);
    a->action(Command::SideBySide)->setEnabled(has);
    a->action(Command::SweepBesideTwin)->setEnabled(idle);
    if (!has)
        p_.heatmapPage->setSideBySide(false);
}

} // namespace chunkscope::ui

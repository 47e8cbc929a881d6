// SPDX-License-Identifier: GPL-3.0-or-later
#include "schedulesweeps.h"

#include "experimentpanel.h"
#include "heatmappage.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runcoordinator.h"
#include "scheduleview.h"
#include "uiformat.h"

#include <QAction>
#include <QTimer>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ScheduleSweeps::ScheduleSweeps(const Parts& parts, SchedulePreset preset, QObject* parent)
    : QObject(parent), p_(parts), preset_(std::move(preset)), action_(new QAction(preset_.name, this))
{
    action_->setObjectName(u"ompSchedulesPreset"_s);
    action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    action_->setShortcutContext(Qt::WindowShortcut);
    action_->setToolTip(preset_.description + u"\n"_s +
                        tr("Esc stops it; the cells that ran stay (Ctrl+Shift+M)"));
    action_->setStatusTip(action_->toolTip());
    connect(action_, &QAction::triggered, this, &ScheduleSweeps::start);
    RunController* c = p_.controller;
    connect(c, &RunController::finished, this, [this] { sweepEnded(true); });
    connect(c, &RunController::cancelled, this, [this] { sweepEnded(false); });
    connect(c, &RunController::failed, this, [this] { sweepEnded(false); });
}

ScheduleView* ScheduleSweeps::view() const { return view_; }

void ScheduleSweeps::start()
{
    if (active_)
        return;
    if (p_.controller->isRunning())
        p_.runs->cancelRun();
    plan_ = schedulePlan(preset_);
    results_.assign(plan_.size(), {});
    current_ = -1;
    active_ = true;
    action_->setEnabled(false);
    if (view_)
        view_->close();
    view_ = new ScheduleView(preset_, p_.window);
    view_->setAttribute(Qt::WA_DeleteOnClose);
    Q_EMIT stateChanged();
    next();
}

void ScheduleSweeps::next()
{
    if (!active_)
        return;
    if (++current_ >= static_cast<int>(plan_.size())) {
        end(true);
        return;
    }
    const SweepSpec& spec = plan_[static_cast<std::size_t>(current_)];
    const QString schedule = qs(to_string(spec.base.schedule));
    p_.panel->setConfig(spec.base);
    p_.panel->setSweepLists(spec.splits_list, spec.chunks_list);
    p_.runs->startSweep();
    if (!p_.controller->isRunning()) {
        // The coordinator said why in the status bar; the heatmap says it too.
        p_.heatmapPage->showProblem(
            tr("%1 cannot run here: %2").arg(preset_.name, p_.panel->sweepProblem()));
        end(false);
        return;
    }
    sweeping_ = true;
    p_.heatmapPage->showPresetFigures(
        tr("<b>%1</b> — sweep %2 of %3: the <b>%4</b> schedule. The three heatmaps go side by side when the last "
           "ends (Esc stops; what ran stays).")
            .arg(preset_.name.toHtmlEscaped())
            .arg(current_ + 1)
            .arg(plan_.size())
            .arg(schedule));
    Q_EMIT message(tr("%1: sweeping the %2 schedule (%3 of %4)…")
                       .arg(preset_.name, schedule)
                       .arg(current_ + 1)
                       .arg(plan_.size()),
                   0);
}

void ScheduleSweeps::sweepEnded(bool completed)
{
    if (!active_ || !sweeping_)
        return;
    sweeping_ = false;
    // What the model holds now is this schedule's grid and its sequential run.
    results_[static_cast<std::size_t>(current_)] = p_.model->results();
    machine_ = p_.model->machine();
    if (current_ == 0)
        date_ = p_.model->date();
    view_->setResults(current_, p_.model->machine(), p_.model->results(), p_.model->date());
    if (completed)
        // After the controller has told everyone that this sweep ended.
        QTimer::singleShot(0, this, &ScheduleSweeps::next);
    else
        end(false);
}

void ScheduleSweeps::cancel()
{
    if (!active_)
        return;
    if (sweeping_)
        p_.runs->cancelRun();   // cancelled() arrives before this returns: sweepEnded ends it
    if (active_)
        end(false);
}

void ScheduleSweeps::end(bool completed)
{
    active_ = false;
    sweeping_ = false;
    action_->setEnabled(true);
    p_.heatmapPage->showPresetFigures(QString());
    // Every sweep's cells in the model together, and one sequential run: the Results table and
    // a saved session keep them all; the heatmap shows the first schedule's grid.
    std::vector<CellResult> all;
    bool baseline = false;
    int cells = 0;
    for (const auto& sweep : results_)
        for (const CellResult& r : sweep) {
            const bool parallel = needs_baseline(r.config);
            if (!parallel && baseline)
                continue;
            baseline = baseline || !parallel;
            cells += parallel ? 1 : 0;
            all.push_back(r);
        }
    if (cells > 0) {
        p_.panel->setConfig(plan_.front().base);
        p_.panel->setSweepLists(plan_.front().splits_list, plan_.front().chunks_list);
        p_.model->setResults(machine_, std::move(all), date_);
    }
    if (cells > 0 && view_) {
        view_->show();
        view_->raise();
    }
    Q_EMIT message(completed ? tr("%1: the three schedules side by side, on one colour scale.").arg(preset_.name)
                   : cells > 0
                       ? tr("%1 stopped: the cells that ran stay, side by side and in the Results table.").arg(preset_.name)
                       : tr("%1 stopped before any cell ran.").arg(preset_.name),
                   0);
    Q_EMIT stateChanged();
    Q_EMIT finished(completed);
}

} // namespace chunkscope::ui

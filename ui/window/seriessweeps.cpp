// SPDX-License-Identifier: GPL-3.0-or-later
#include "seriessweeps.h"

#include "experimentpanel.h"
#include "heatmappage.h"
#include "resultsmodel.h"
#include "runcontroller.h"
#include "runcoordinator.h"
#include "seriesview.h"
#include "uiformat.h"

#include <QAction>
#include <QTimer>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

SeriesSweeps::SeriesSweeps(const Parts& parts, SweepSeries series, const QString& actionName,
                           const QKeySequence& shortcut, QObject* parent)
    : QObject(parent), p_(parts), series_(std::move(series)), action_(new QAction(series_.name, this))
{
    action_->setObjectName(actionName);
    action_->setShortcut(shortcut);
    action_->setShortcutContext(Qt::WindowShortcut);
    action_->setToolTip(series_.description + u"\n"_s +
                        tr("Esc stops it; the cells that ran stay (%1)").arg(shortcut.toString(QKeySequence::NativeText)));
    action_->setStatusTip(action_->toolTip());
    connect(action_, &QAction::triggered, this, &SeriesSweeps::start);
    RunController* c = p_.controller;
    connect(c, &RunController::finished, this, [this] { sweepEnded(true); });
    connect(c, &RunController::cancelled, this, [this] { sweepEnded(false); });
    connect(c, &RunController::failed, this, [this] { sweepEnded(false); });
}

SeriesView* SeriesSweeps::view() const { return view_; }

QString SeriesSweeps::label(int i) const
{
    return series_.members[plan_.members[static_cast<std::size_t>(i)]].label;
}

void SeriesSweeps::start()
{
    if (active_)
        return;
    if (p_.controller->isRunning())
        p_.runs->cancelRun();
    plan_ = seriesPlan(series_);
    results_.assign(plan_.sweeps.size(), {});
    current_ = -1;
    if (view_)
        view_->close();
    if (plan_.sweeps.empty()) {
        p_.heatmapPage->showProblem(tr("%1 cannot run here: %2").arg(series_.name, plan_.leftOut.join(u"; "_s)));
        Q_EMIT finished(false);
        return;
    }
    active_ = true;
    action_->setEnabled(false);
    view_ = new SeriesView(series_, plan_, p_.window);
    view_->setAttribute(Qt::WA_DeleteOnClose);
    Q_EMIT stateChanged();
    next();
}

void SeriesSweeps::next()
{
    if (!active_)
        return;
    if (++current_ >= static_cast<int>(plan_.sweeps.size())) {
        end(true);
        return;
    }
    const SweepSpec& spec = plan_.sweeps[static_cast<std::size_t>(current_)];
    p_.panel->setConfig(spec.base);
    p_.panel->setSweepLists(spec.splits_list, spec.chunks_list);
    p_.runs->startSweep();
    if (!p_.controller->isRunning()) {
        // The coordinator said why in the status bar; the heatmap says it too.
        p_.heatmapPage->showProblem(
            tr("%1 cannot run here: %2").arg(series_.name, p_.panel->sweepProblem()));
        end(false);
        return;
    }
    sweeping_ = true;
    const QString left = plan_.leftOut.isEmpty() ? QString() : u" "_s + plan_.leftOut.join(u"; "_s).toHtmlEscaped() + u"."_s;
    p_.heatmapPage->showPresetFigures(
        tr("<b>%1</b> — sweep %2 of %3: <b>%4</b>. The %3 heatmaps go side by side when the last ends (Esc stops; "
           "what ran stays).")
            .arg(series_.name.toHtmlEscaped())
            .arg(current_ + 1)
            .arg(plan_.sweeps.size())
            .arg(label(current_).toHtmlEscaped()) +
        left);
    Q_EMIT message(tr("%1: sweeping %2 (%3 of %4)…")
                       .arg(series_.name, label(current_))
                       .arg(current_ + 1)
                       .arg(plan_.sweeps.size()),
                   0);
}

void SeriesSweeps::sweepEnded(bool completed)
{
    if (!active_ || !sweeping_)
        return;
    sweeping_ = false;
    // What the model holds now is this member's grid and its sequential run.
    results_[static_cast<std::size_t>(current_)] = p_.model->results();
    machine_ = p_.model->machine();
    if (current_ == 0)
        date_ = p_.model->date();
    view_->setResults(current_, p_.model->machine(), p_.model->results(), p_.model->date());
    if (completed)
        // After the controller has told everyone that this sweep ended.
        QTimer::singleShot(0, this, &SeriesSweeps::next);
    else
        end(false);
}

void SeriesSweeps::cancel()
{
    if (!active_)
        return;
    if (sweeping_)
        p_.runs->cancelRun();   // cancelled() arrives before this returns: sweepEnded ends it
    if (active_)
        end(false);
}

void SeriesSweeps::end(bool completed)
{
    active_ = false;
    sweeping_ = false;
    action_->setEnabled(true);
    p_.heatmapPage->showPresetFigures(QString());
    // Every sweep's cells in the model together, and one sequential run: the Results table and
    // a saved session keep them all; the heatmap shows the first sweep's grid.
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
        p_.panel->setConfig(plan_.sweeps.front().base);
        p_.panel->setSweepLists(plan_.sweeps.front().splits_list, plan_.sweeps.front().chunks_list);
        p_.model->setResults(machine_, std::move(all), date_);
    }
    if (cells > 0 && view_) {
        view_->show();
        view_->raise();
    }
    const QString left = plan_.leftOut.isEmpty() ? QString() : u" "_s + plan_.leftOut.join(u"; "_s) + u"."_s;
    Q_EMIT message((completed ? tr("%1: the %2 heatmaps side by side, on one colour scale.")
                                    .arg(series_.name)
                                    .arg(plan_.sweeps.size())
                    : cells > 0
                        ? tr("%1 stopped: the cells that ran stay, side by side and in the Results table.").arg(series_.name)
                        : tr("%1 stopped before any cell ran.").arg(series_.name)) +
                       left,
                   0);
    Q_EMIT stateChanged();
    Q_EMIT finished(completed);
}

} // namespace chunkscope::ui

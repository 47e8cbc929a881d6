// SPDX-License-Identifier: GPL-3.0-or-later
#include "presettracker.h"

#include "experimentpanel.h"
#include "heatmappage.h"
#include "tutorialpanel.h"
#include "uiformat.h"

#include <QDateTime>
#include <QLocale>
#include <QSettings>
#include <QSysInfo>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// The settings' key of a preset's Python figure: what the experiment is, not its (translated) name.
QString figureKey(const Preset& p)
{
    const RunConfig& c = p.python;
    return u"tutorial/python/%1-%2-%3-w%4-%5x%6%7"_s.arg(qs(to_string(c.strategy)), qs(to_string(c.workload.function)))
        .arg(c.workload.size)
        .arg(c.workers)
        .arg(c.splits)
        .arg(c.chunksize)
        .arg(p.sweep ? u"-sweep"_s : QString());
}

// A preset's parameters as the panel gets them: with the panel's cell budget, not the preset's.
// The budget says how long the user will wait for a cell, not what the tutorial's experiment is,
// and no preset is about how the timing is taken (the tutorial's own way, one cold run, is
// Replay's "as the tutorial timed it", which runs once whatever the budget): loading one keeps
// the budget the user chose.
RunConfig panelConfig(const Preset& p, bool python, double budget)
{
    RunConfig c = python ? p.python : p.config;
    c.cell_budget_s = budget;
    return c;
}

} // namespace

PresetTracker::PresetTracker(std::vector<Preset> presets, ExperimentPanel* panel, TutorialPanel* tutorial,
                             HeatmapPage* page, const MachineInfo& machine, QObject* parent)
    : QObject(parent), presets_(std::move(presets)), machine_(machine), panel_(panel), tutorial_(tutorial), page_(page)
{
    connect(panel_, &ExperimentPanel::configChanged, this, &PresetTracker::checkPanel);
    restorePythonFigures();
}

QString PresetTracker::machineKey(const MachineInfo& machine)
{
    return QString::fromLatin1(QSysInfo::machineUniqueId()) + u'|' + QSysInfo::machineHostName() + u'|' +
           qs(machine.cpu_model) + u'|' + QString::number(machine.logical_cores);
}

void PresetTracker::keepPythonFigure(int preset, const QString& figure)
{
    QSettings settings;
    const QString key = figureKey(presets_[static_cast<std::size_t>(preset)]);
    settings.setValue(key + u"/figure"_s, figure);
    settings.setValue(key + u"/machineKey"_s, machineKey(machine_));
    settings.setValue(key + u"/machine"_s, machineText(machine_));
    settings.setValue(key + u"/date"_s, QDateTime::currentDateTime());
}

void PresetTracker::restorePythonFigures()
{
    const QSettings settings;
    const QString here = machineKey(machine_);
    for (int i = 0; i < static_cast<int>(presets_.size()); ++i) {
        const QString key = figureKey(presets_[static_cast<std::size_t>(i)]);
        const QString figure = settings.value(key + u"/figure"_s).toString();
        if (figure.isEmpty())
            continue;
        const QString date = QLocale().toString(settings.value(key + u"/date"_s).toDateTime(), QLocale::ShortFormat);
        if (settings.value(key + u"/machineKey"_s).toString() == here)
            tutorial_->setPythonMeasured(i, tr("%1 (here, %2)").arg(figure, date));
        else
            tutorial_->setPythonMeasured(
                i, tr("not measured here (%1 on %2, %3)").arg(figure, settings.value(key + u"/machine"_s).toString(), date));
    }
}

const Preset* PresetTracker::load(int preset, bool python)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size()))
        return nullptr;
    const Preset& p = presets_[static_cast<std::size_t>(preset)];
    python_ = python;
    panel_->setConfig(panelConfig(p, python, panel_->config().cell_budget_s));
    if (p.sweep)
        panel_->setSweepLists(p.splits, p.chunks);
    active_ = preset;
    showFigures();
    return &p;
}

void PresetTracker::forget()
{
    active_ = -1;
    showFigures();
}

void PresetTracker::runStarted()
{
    running_ = active_;
    runningPython_ = python_;
}

void PresetTracker::runFinished(const ResultsModel& model, const CellResult* lastRun)
{
    if (running_ >= 0) {
        const QString figure = measuredFigure(presets_[static_cast<std::size_t>(running_)], model, lastRun);
        if (runningPython_) {
            tutorial_->setPythonMeasured(running_, figure);
            keepPythonFigure(running_, figure);
        }
        else
            tutorial_->setMeasured(running_, figure);
        if (running_ == active_)
            showFigures();
    }
    running_ = -1;
}

void PresetTracker::checkPanel()
{
    if (active_ < 0)
        return;
    const Preset& p = presets_[static_cast<std::size_t>(active_)];
    const RunConfig shown = panel_->config();
    bool same = shown == panelConfig(p, python_, shown.cell_budget_s);
    if (same && p.sweep) {
        const SweepSpec spec = panel_->sweepSpec();
        same = spec.splits_list == p.splits && spec.chunks_list == p.chunks;
    }
    if (!same)
        forget();
}

void PresetTracker::showFigures()
{
    page_->showPresetFigures(active_ < 0 ? QString()
                                         : presetFiguresHtml(presets_[static_cast<std::size_t>(active_)],
                                                             tutorial_->pythonMeasured(active_),
                                                             tutorial_->measured(active_)));
}

} // namespace chunkscope::ui

#include "presettracker.h"

#include "experimentpanel.h"
#include "heatmappage.h"
#include "tutorialpanel.h"

namespace chunkscope::ui {

PresetTracker::PresetTracker(std::vector<Preset> presets, ExperimentPanel* panel, TutorialPanel* tutorial,
                             HeatmapPage* page, QObject* parent)
    : QObject(parent), presets_(std::move(presets)), panel_(panel), tutorial_(tutorial), page_(page)
{
    connect(panel_, &ExperimentPanel::configChanged, this, &PresetTracker::checkPanel);
}

const Preset* PresetTracker::load(int preset, bool python)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size()))
        return nullptr;
    const Preset& p = presets_[static_cast<std::size_t>(preset)];
    python_ = python;
    panel_->setConfig(python ? p.python : p.config);
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
        if (runningPython_)
            tutorial_->setPythonMeasured(running_, figure);
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
    bool same = panel_->config() == (python_ ? p.python : p.config);
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

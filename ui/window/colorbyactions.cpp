// SPDX-License-Identifier: GPL-3.0-or-later
#include "colorbyactions.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

ColorByActions::ColorByActions(QWidget* boxParent, QObject* parent) : QObject(parent)
{
    group_ = new QActionGroup(this);
    box_ = new QComboBox(boxParent);
    box_->setObjectName(u"colorByBox"_s);
    box_->setToolTip(tr("What the heatmap's colours show (Ctrl+1 to Ctrl+6)"));
    struct Mode {
        HeatmapChart::ColorBy by;
        QString text;
        QString tip;
    };
    const Mode modes[] = {
        {HeatmapChart::ColorBy::Duration, tr("Colour by median &time"), tr("Fast cells bright, slow cells dark")},
        {HeatmapChart::ColorBy::Speedup, tr("Colour by s&peedup"),
         tr("Speedup over the sequential run of the same workload (Ctrl+T too)")},
        {HeatmapChart::ColorBy::FloorDistance, tr("Colour by distance from the &floor"),
         tr("Each cell's time as a multiple of the fastest the machine allows; measures the machine first if needed")},
        {HeatmapChart::ColorBy::DominantPhase, tr("Colour by &dominant phase"),
         tr("The phase that takes most of each cell's time: startup, scatter, compute, gather or shutdown")},
        {HeatmapChart::ColorBy::Reference, tr("Colour by ratio to the &reference"),
         tr("Each cell's median ÷ the reference's median of the same cell (Reference menu): blue faster, red "
            "slower, * where the difference is significant (Mann–Whitney U, p < 0.05)")},
        {HeatmapChart::ColorBy::OwnFloorDistance, tr("Colour by distance from its &own floor"),
         tr("Each cell's time as a multiple of the fastest its own mechanism allows (forks, pipes, shared pages, "
            "as measured here); measures the machine first if needed")},
    };
    int key = Qt::Key_1;
    for (const Mode& mode : modes) {
        auto* action = new QAction(mode.text, group_);
        action->setCheckable(true);
        action->setData(static_cast<int>(mode.by));
        QList<QKeySequence> keys{QKeySequence(Qt::CTRL | key++)};
        if (mode.by == HeatmapChart::ColorBy::Speedup)
            keys.append(QKeySequence(Qt::CTRL | Qt::Key_T));
        action->setShortcuts(keys);
        action->setToolTip(mode.tip + u" ("_s + keys.front().toString(QKeySequence::NativeText) + u')');
        action->setStatusTip(action->toolTip());
        box_->addItem(HeatmapChart::colorByName(mode.by), static_cast<int>(mode.by));
        box_->setItemData(box_->count() - 1, mode.tip, Qt::ToolTipRole);
    }
    group_->actions().front()->setChecked(true);
    connect(group_, &QActionGroup::triggered, this, [this](QAction* a) {
        const auto by = static_cast<HeatmapChart::ColorBy>(a->data().toInt());
        setCurrent(by);
        Q_EMIT requested(by);
    });
    connect(box_, &QComboBox::activated, this, [this](int index) {
        const auto by = static_cast<HeatmapChart::ColorBy>(box_->itemData(index).toInt());
        setCurrent(by);
        Q_EMIT requested(by);
    });
}

QList<QAction*> ColorByActions::actions() const { return group_->actions(); }

QAction* ColorByActions::action(HeatmapChart::ColorBy by) const
{
    for (QAction* a : group_->actions())
        if (a->data().toInt() == static_cast<int>(by))
            return a;
    return nullptr;
}

void ColorByActions::setCurrent(HeatmapChart::ColorBy by)
{
    if (QAction* a = action(by))
        a->setChecked(true);
    box_->setCurrentIndex(box_->findData(static_cast<int>(by)));
}

} // namespace chunkscope::ui

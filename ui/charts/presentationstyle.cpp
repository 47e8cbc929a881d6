// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationstyle.h"

#include <QAbstractAxis>
#include <QBrush>
#include <QChart>
#include <QLegend>
#include <QPen>
#include <QVariant>

namespace chunkscope::ui {

namespace {

// The look before presentation mode, kept on the object itself the first time it is styled.
template <typename T>
T original(QObject* object, const char* name, const T& current)
{
    const QVariant kept = object->property(name);
    if (kept.isValid())
        return kept.value<T>();
    object->setProperty(name, QVariant::fromValue(current));
    return current;
}

} // namespace

QPalette highContrastPalette()
{
    QPalette p;
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, white);
        p.setColor(group, QPalette::WindowText, black);
        p.setColor(group, QPalette::Base, white);
        p.setColor(group, QPalette::AlternateBase, QColor(235, 235, 235));
        p.setColor(group, QPalette::Text, black);
        p.setColor(group, QPalette::Button, QColor(225, 225, 225));
        p.setColor(group, QPalette::ButtonText, black);
        p.setColor(group, QPalette::Highlight, QColor(0, 40, 140));
        p.setColor(group, QPalette::HighlightedText, white);
        p.setColor(group, QPalette::ToolTipBase, white);
        p.setColor(group, QPalette::ToolTipText, black);
        p.setColor(group, QPalette::Link, QColor(0, 40, 140));
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(90, 90, 90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(90, 90, 90));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(90, 90, 90));
    return p;
}

void stylePresentationChart(QChart* chart, const QFont& font, bool highContrast)
{
    const QBrush black(Qt::black);
    QFont title = font;
    title.setBold(true);
    chart->setTitleFont(title);
    const QBrush titleBrush = original(chart, "cs_titleBrush", chart->titleBrush());
    chart->setTitleBrush(highContrast ? black : titleBrush);
    chart->legend()->setFont(font);
    const QBrush legendBrush = original(chart->legend(), "cs_labelBrush", chart->legend()->labelBrush());
    chart->legend()->setLabelBrush(highContrast ? black : legendBrush);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
        const QBrush labels = original(axis, "cs_labelsBrush", axis->labelsBrush());
        const QBrush titles = original(axis, "cs_titleBrush", axis->titleBrush());
        const QPen line = original(axis, "cs_linePen", axis->linePen());
        const QPen grid = original(axis, "cs_gridLinePen", axis->gridLinePen());
        axis->setLabelsBrush(highContrast ? black : labels);
        axis->setTitleBrush(highContrast ? black : titles);
        axis->setLinePen(highContrast ? QPen(Qt::black, 2) : line);
        axis->setGridLinePen(highContrast ? QPen(QColor(110, 110, 110), 1) : grid);
    }
}

} // namespace chunkscope::ui

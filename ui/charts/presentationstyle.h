// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Presentation mode's look, for a projector at the back of a classroom: large fonts, and high
// contrast: black text and lines on white, a strong selection colour.

#include <QFont>
#include <QPalette>

class QChart;

namespace chunkscope::ui {

// Black on white with a dark blue selection; disabled text stays readable.
QPalette highContrastPalette();

// The chart's title, legend and axes in font; with highContrast their text and lines black and
// heavier, the grid darker. Off restores what the chart had before it was first styled.
void stylePresentationChart(QChart* chart, const QFont& font, bool highContrast);

} // namespace chunkscope::ui

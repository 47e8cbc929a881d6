// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The heatmap's colour map: perceptually uniform and colour-blind safe.

#include <QColor>
#include <QGradientStops>

#include <array>

namespace chunkscope::ui {

// A viridis-like map computed in Oklab: lightness rises linearly from dark violet through
// blue and teal to yellow, so equal steps of value are equal steps of perceived lightness, the
// order survives greyscale printing, and the hue runs along the blue-yellow axis that
// deuteranopes and protanopes still see.
class ColorMap {
public:
    static constexpr int kEntries = 256;

    // t in [0, 1] (clamped): 0 is dark violet, 1 is bright yellow.
    static QColor at(double t);
    static const std::array<QRgb, kEntries>& table();
    // Stops for a QLinearGradient from t = 0 (at 0) to t = 1 (at 1).
    static QGradientStops gradientStops(bool reversed = false);
    // The diverging map of ratios: t = 0 is blue (this far faster than the reference), 0.5 a
    // neutral light grey (as fast), 1 is red (slower); ColorBrewer's RdBu, readable by the
    // colour-blind and kept apart in greyscale by lightness falling away from the middle.
    static QColor diverging(double t);
    static QGradientStops divergingStops();
    // Black or white, whichever reads better on background.
    static QColor textColorOn(const QColor& background);
};

} // namespace chunkscope::ui

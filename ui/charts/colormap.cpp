// SPDX-License-Identifier: GPL-3.0-or-later
#include "colormap.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cmath>
#include <numbers>

namespace chunkscope::ui {

namespace {

struct Rgb {
    double r, g, b;
};

// Oklab to linear sRGB (Björn Ottosson's published matrices).
Rgb oklabToLinear(double L, double a, double b)
{
    const double l_ = L + 0.3963377774 * a + 0.2158037573 * b;
    const double m_ = L - 0.1055613458 * a - 0.0638541728 * b;
    const double s_ = L - 0.0894841775 * a - 1.2914855480 * b;
    const double l = l_ * l_ * l_;
    const double m = m_ * m_ * m_;
    const double s = s_ * s_ * s_;
    return {+4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
            -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
            -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
}

double toSrgb(double x)
{
    x = std::clamp(x, 0.0, 1.0);
    return x <= 0.0031308 ? 12.92 * x : 1.055 * std::pow(x, 1.0 / 2.4) - 0.055;
}

bool inGamut(const Rgb& c)
{
    constexpr double eps = 1e-6;
    return c.r >= -eps && c.r <= 1 + eps && c.g >= -eps && c.g <= 1 + eps && c.b >= -eps && c.b <= 1 + eps;
}

QRgb entry(double t)
{
    // Lightness linear in t; hue from violet (316 deg) down through blue and teal to yellow
    // (105 deg); chroma as high as the sRGB gamut allows up to a smooth target.
    const double L = 0.27 + 0.65 * t;
    const double hue = (316.0 - 211.0 * t) * std::numbers::pi / 180.0;
    double chroma = 0.13 - 0.10 * t + 0.15 * t * t;
    Rgb c = oklabToLinear(L, chroma * std::cos(hue), chroma * std::sin(hue));
    if (!inGamut(c)) {
        double lo = 0.0;
        double hi = chroma;
        for (int i = 0; i < 40; ++i) {
            const double mid = (lo + hi) / 2;
            if (inGamut(oklabToLinear(L, mid * std::cos(hue), mid * std::sin(hue))))
                lo = mid;
            else
                hi = mid;
        }
        chroma = lo;
        c = oklabToLinear(L, chroma * std::cos(hue), chroma * std::sin(hue));
    }
    const auto byte = [](double v) { return static_cast<int>(std::lround(toSrgb(v) * 255.0)); };
    return qRgb(byte(c.r), byte(c.g), byte(c.b));
}

} // namespace

const std::array<QRgb, ColorMap::kEntries>& ColorMap::table()
{
    static const std::array<QRgb, kEntries> entries = [] {
        std::array<QRgb, kEntries> e{};
        for (int i = 0; i < kEntries; ++i)
            e[static_cast<std::size_t>(i)] = entry(static_cast<double>(i) / (kEntries - 1));
        return e;
    }();
    return entries;
}

QColor ColorMap::at(double t)
{
    if (!std::isfinite(t))
        t = 0;
    const int i = static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * (kEntries - 1)));
    return QColor::fromRgb(table()[static_cast<std::size_t>(i)]);
}

QGradientStops ColorMap::gradientStops(bool reversed)
{
    QGradientStops stops;
    constexpr int n = 32;
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        stops.append({t, at(reversed ? 1.0 - t : t)});
    }
    return stops;
}

QColor ColorMap::diverging(double t)
{
    // ColorBrewer RdBu, 9 classes, blue first.
    static constexpr std::array<QRgb, 9> kStops{0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                                0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b};
    if (!std::isfinite(t))
        t = 0.5;
    const double x = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(x), kStops.size() - 2);
    const double f = x - static_cast<double>(i);
    const QColor a = QColor::fromRgb(kStops[i]);
    const QColor b = QColor::fromRgb(kStops[i + 1]);
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * f),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * f),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QGradientStops ColorMap::divergingStops()
{
    QGradientStops stops;
    constexpr int n = 32;
    for (int i = 0; i <= n; ++i) {
        const double t = static_cast<double>(i) / n;
        stops.append({t, diverging(t)});
    }
    return stops;
}

QColor ColorMap::textColorOn(const QColor& background)
{
    // Relative luminance (sRGB): dark text on light cells, white on dark ones.
    const auto lin = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double y = 0.2126 * lin(background.redF()) + 0.7152 * lin(background.greenF()) +
                     0.0722 * lin(background.blueF());
    return y > 0.22 ? QColor(20, 20, 20) : QColor(Qt::white);
}

} // namespace chunkscope::ui

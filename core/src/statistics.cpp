#include "chunkscope/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace chunkscope {

double median(std::span<const double> xs)
{
    if (xs.empty())
        return 0;
    std::vector<double> sorted(xs.begin(), xs.end());
    const std::size_t mid = sorted.size() / 2;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(mid), sorted.end());
    const double upper = sorted[mid];
    if (sorted.size() % 2 == 1)
        return upper;
    // Even count: the mean of the two middle values; the lower one is the largest below mid.
    const double lower = *std::max_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(mid));
    return lower + (upper - lower) / 2;
}

double mean(std::span<const double> xs)
{
    if (xs.empty())
        return 0;
    return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

double minimum(std::span<const double> xs)
{
    return xs.empty() ? 0 : *std::min_element(xs.begin(), xs.end());
}

double maximum(std::span<const double> xs)
{
    return xs.empty() ? 0 : *std::max_element(xs.begin(), xs.end());
}

double stddev(std::span<const double> xs)
{
    if (xs.size() < 2)
        return 0;
    // Two passes: the deviations from the mean, not sum(x^2) - n*mean^2, which cancels badly.
    const double m = mean(xs);
    double squares = 0;
    for (const double x : xs)
        squares += (x - m) * (x - m);
    return std::sqrt(squares / static_cast<double>(xs.size() - 1));
}

double cv(std::span<const double> xs)
{
    const double m = mean(xs);
    return m == 0 ? 0 : stddev(xs) / m;
}

} // namespace chunkscope

namespace chunkscope {

double amdahl_speedup(double s, double p)
{
    return p <= 0 ? 0 : 1.0 / (s + (1.0 - s) / p);
}

double amdahl_serial_fraction(std::span<const double> workers, std::span<const double> speedups)
{
    const std::size_t n = std::min(workers.size(), speedups.size());
    if (n == 0)
        return 0;
    auto error = [&](double s) {
        double e = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = amdahl_speedup(s, workers[i]) - speedups[i];
            e += d * d;
        }
        return e;
    };
    // The error is unimodal in s for speedups of this shape: golden-section search.
    double lo = 0, hi = 1;
    const double g = 0.6180339887498949;
    double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    double fa = error(a), fb = error(b);
    for (int i = 0; i < 100; ++i) {
        if (fa < fb) {
            hi = b;
            b = a;
            fb = fa;
            a = hi - g * (hi - lo);
            fa = error(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + g * (hi - lo);
            fb = error(b);
        }
    }
    const double s = (lo + hi) / 2;
    // The ends of the interval are candidates too.
    double best = s, best_e = error(s);
    for (double edge : {0.0, 1.0})
        if (error(edge) < best_e) {
            best = edge;
            best_e = error(edge);
        }
    return best;
}

} // namespace chunkscope

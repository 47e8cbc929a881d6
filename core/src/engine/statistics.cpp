// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
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

namespace chunkscope {

MannWhitney mann_whitney_u(std::span<const double> a, std::span<const double> b)
{
    MannWhitney r;
    const std::size_t n1 = a.size(), n2 = b.size();
    if (n1 == 0 || n2 == 0)
        return r;
    // Ranks of the pooled values, ties sharing their mean rank.
    std::vector<std::pair<double, int>> pooled;
    for (double x : a)
        pooled.emplace_back(x, 0);
    for (double y : b)
        pooled.emplace_back(y, 1);
    std::sort(pooled.begin(), pooled.end());
    const std::size_t n = pooled.size();
    double rank_sum_a = 0, tie_term = 0;
    bool ties = false;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && pooled[j].first == pooled[i].first)
            ++j;
        const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
        const double t = static_cast<double>(j - i);
        if (t > 1) {
            ties = true;
            tie_term += t * t * t - t;
        }
        for (std::size_t k = i; k < j; ++k)
            if (pooled[k].second == 0)
                rank_sum_a += rank;
        i = j;
    }
    const double d1 = static_cast<double>(n1), d2 = static_cast<double>(n2);
    r.u = rank_sum_a - d1 * (d1 + 1) / 2;
    const double u_small = std::min(r.u, d1 * d2 - r.u);
    if (!ties && n1 <= 20 && n2 <= 20) {
        // table[i][j][u]: arrangements of i values of a and j of b giving U = u, by the classic
        // recursion on which sample holds the largest value.
        std::vector<std::vector<std::vector<double>>> table(n1 + 1,
                                                            std::vector<std::vector<double>>(n2 + 1));
        for (std::size_t i = 0; i <= n1; ++i)
            for (std::size_t j = 0; j <= n2; ++j) {
                std::vector<double>& cur = table[i][j];
                cur.assign(i * j + 1, 0.0);
                if (i == 0 || j == 0) {
                    cur[0] = 1;
                    continue;
                }
                const std::vector<double>& with_a_last = table[i - 1][j];   // the largest value is a's: +j
                const std::vector<double>& with_b_last = table[i][j - 1];
                for (std::size_t u = 0; u < with_a_last.size(); ++u)
                    cur[u + j] += with_a_last[u];
                for (std::size_t u = 0; u < with_b_last.size(); ++u)
                    cur[u] += with_b_last[u];
            }
        const std::vector<double>& dist = table[n1][n2];
        double total = 0, tail = 0;
        for (std::size_t u = 0; u < dist.size(); ++u) {
            total += dist[u];
            if (static_cast<double>(u) <= u_small + 1e-9)
                tail += dist[u];
        }
        r.p = std::min(1.0, 2 * tail / total);
        r.exact = true;
        return r;
    }
    const double mean_u = d1 * d2 / 2;
    const double nn = static_cast<double>(n);
    const double var = d1 * d2 / 12 * ((nn + 1) - tie_term / (nn * (nn - 1)));
    if (!(var > 0))
        return r;   // every value equal: no evidence of a difference
    const double z = (std::abs(r.u - mean_u) - 0.5) / std::sqrt(var);
    r.p = std::min(1.0, std::erfc(std::max(0.0, z) / std::sqrt(2.0)));
    return r;
}

} // namespace chunkscope

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Summary statistics over samples. Empty input gives 0.

#include <cstddef>
#include <span>

namespace chunkscope {

double median(std::span<const double> xs);
double mean(std::span<const double> xs);
double minimum(std::span<const double> xs);
double maximum(std::span<const double> xs);
double stddev(std::span<const double> xs);   // sample standard deviation (n - 1); 0 for n < 2
double cv(std::span<const double> xs);       // stddev / mean; 0 when the mean is 0

} // namespace chunkscope

namespace chunkscope {

// Amdahl's law: the speedup on p workers when a fraction s of the work is serial.
double amdahl_speedup(double serial_fraction, double workers);
// The serial fraction in [0, 1] whose Amdahl curve fits the measured speedups best
// (least squares). workers and speedups are paired; 0 when there is nothing to fit.
double amdahl_serial_fraction(std::span<const double> workers, std::span<const double> speedups);

} // namespace chunkscope

namespace chunkscope {

// The Mann–Whitney U test of two independent samples (two-sided): whether one tends to be
// larger than the other. Exact (the distribution of U over every arrangement) when there are
// no ties and both have at most 20 values; otherwise the normal approximation with the tie
// correction and a continuity correction, as scipy.stats.mannwhitneyu does.
struct MannWhitney {
    double u = 0;        // U of the first sample: pairs (a_i, b_j) with a_i > b_j, ties counting 1/2
    double p = 1;        // two-sided p-value
    bool exact = false;
};
MannWhitney mann_whitney_u(std::span<const double> a, std::span<const double> b);
// At least this many samples on each side for the test to be quoted.
inline constexpr std::size_t kMinSamplesForTest = 5;

} // namespace chunkscope

#pragma once
// Summary statistics over samples. Empty input gives 0.

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

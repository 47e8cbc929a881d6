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

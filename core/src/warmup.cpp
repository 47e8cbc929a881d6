#include "chunkscope/warmup.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace chunkscope {

bool warmup_settled(std::span<const double> walls, const SettleRule& rule)
{
    if (walls.size() < 2 || static_cast<int>(walls.size()) < rule.min_runs)
        return false;
    const double a = walls[walls.size() - 2];
    const double b = walls[walls.size() - 1];
    return std::abs(a - b) <= rule.tolerance * std::min(a, b);
}

bool warmup_done(int warmup, std::span<const double> walls, const SettleRule& rule)
{
    const int n = static_cast<int>(walls.size());
    if (warmup >= 0)
        return n >= warmup;
    if (n < rule.min_runs)
        return false;
    if (n >= rule.max_runs)
        return true;
    if (std::accumulate(walls.begin(), walls.end(), 0.0) >= rule.max_seconds)
        return true;
    return warmup_settled(walls, rule);
}

int warmup_min_runs(int warmup, const SettleRule& rule)
{
    return warmup >= 0 ? warmup : rule.min_runs;
}

std::string warmup_text(int warmup)
{
    return warmup == kWarmupSettle ? std::string("settle") : std::to_string(warmup);
}

std::string describe_settle_rule(const SettleRule& rule)
{
    return "until two runs in a row agree within " + std::to_string(static_cast<int>(std::lround(rule.tolerance * 100))) +
           " % (" + std::to_string(rule.min_runs) + " to " + std::to_string(rule.max_runs) + " runs, at most " +
           std::to_string(static_cast<int>(std::lround(rule.max_seconds))) + " s)";
}

} // namespace chunkscope

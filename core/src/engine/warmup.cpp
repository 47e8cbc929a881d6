// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/warmup.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

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

NextRun next_run(int warmup, int repeats, double budget_s, std::span<const double> warm_walls,
                 std::span<const double> timed_walls, const SettleRule& rule)
{
    const bool budget = budget_s > 0;
    const double spent = std::accumulate(warm_walls.begin(), warm_walls.end(), 0.0) +
                         std::accumulate(timed_walls.begin(), timed_walls.end(), 0.0);
    const double estimate = !timed_walls.empty() ? timed_walls.back() : !warm_walls.empty() ? warm_walls.back() : 0.0;
    const int timed = static_cast<int>(timed_walls.size());
    if (timed == 0 && !warmup_done(warmup, warm_walls, rule)) {
        if (!budget || warm_walls.empty() || spent + estimate * (1 + std::max(1, repeats)) <= budget_s)
            return NextRun::Warmup;
    }
    if (timed >= repeats)
        return NextRun::Stop;
    if (timed == 0 || !budget || spent + estimate <= budget_s)
        return NextRun::Timed;
    return NextRun::Stop;
}

bool first_run_is_timed(double budget_s, std::size_t warm_before, double wall_s)
{
    return budget_s > 0 && warm_before == 0 && wall_s > budget_s;
}

bool budget_cut(int warmup, int repeats, double budget_s, std::span<const double> warm_walls,
                std::size_t timed_runs, const SettleRule& rule)
{
    return budget_s > 0 && (static_cast<int>(timed_runs) < repeats || !warmup_done(warmup, warm_walls, rule));
}

std::string cell_budget_problem(double budget_s)
{
    if (std::isfinite(budget_s) && budget_s >= 0 && budget_s <= kMaxCellBudgetS)
        return {};
    std::ostringstream os;
    os << "cell budget: got " << budget_s << " s; allowed: 0 (no budget) to " << kMaxCellBudgetS << " s";
    return os.str();
}

std::string describe_cell_budget()
{
    return "seconds a cell may take for its warm-up and repetitions: a slow cell gets fewer of both "
           "(at least one timed run, and the cell says how many it got); 0: no budget";
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

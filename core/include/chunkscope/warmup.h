#pragma once
// Warm-up before a cell's timed repetitions: a fixed count of untimed runs, or (the default)
// until the runs settle. The first cell of a sweep otherwise shows a cold start (fresh pages,
// a first fork, caches, frequency), not the experiment. One rule, decided here, for the
// engine's own loop, the MPI worker's and the tutorial's Python module's.

#include <span>
#include <string>

namespace chunkscope {

// RunConfig::warmup's value for "until settled".
inline constexpr int kWarmupSettle = -1;

// Settled: the last two warm-up runs agree within `tolerance` of the faster one. At least
// `min_runs`, at most `max_runs`; once `max_seconds` of warm-up have passed (with min_runs
// made) it stops too, so a long cell does not warm up for minutes.
struct SettleRule {
    double tolerance = 0.05;
    int min_runs = 2;
    int max_runs = 10;
    double max_seconds = 3.0;
};
inline constexpr SettleRule kSettleRule{};

// Whether warm-up is over after runs that took these wall times (seconds): warmup >= 0 is a
// fixed count, kWarmupSettle follows the rule.
bool warmup_done(int warmup, std::span<const double> walls, const SettleRule& rule = kSettleRule);

// Whether warm-up ended because the runs agreed (false: a fixed count, or the rule's cap).
bool warmup_settled(std::span<const double> walls, const SettleRule& rule = kSettleRule);

// The warm-up runs a cell makes at least: the count, or the rule's minimum.
int warmup_min_runs(int warmup, const SettleRule& rule = kSettleRule);

// "settle" or the count, as reports and the CLI write it.
std::string warmup_text(int warmup);
// For --help and tooltips: "until two runs in a row agree within 5 % (2 to 10 runs, at most 3 s)".
std::string describe_settle_rule(const SettleRule& rule = kSettleRule);

} // namespace chunkscope

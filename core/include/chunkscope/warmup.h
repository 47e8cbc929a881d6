// SPDX-License-Identifier: GPL-3.0-or-later
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

// The cell budget (RunConfig::cell_budget_s; 0: none), after hyperfine's run counts and Google
// Benchmark's minimum time: a run is estimated as long as the cell's latest one. Warm-up goes on
// (by the rule above) only while the runs so far, this one and every repetition still fit; the
// first run is always made (nothing is known before it). Repetitions go on while the runs so far
// and the next fit. Never fewer than one timed run.
enum class NextRun { Warmup, Timed, Stop };
NextRun next_run(int warmup, int repeats, double budget_s, std::span<const double> warm_walls,
                 std::span<const double> timed_walls, const SettleRule& rule = kSettleRule);
// A first warm-up run that took longer than the whole budget is kept as the cell's timed run:
// its cold start (fresh pages, a first fork: tenths of a second at 10M) is small beside it, and
// another run would double the cell (py-items at 10M: 54 s a run under load). warm_before: the
// warm-up runs made before it.
bool first_run_is_timed(double budget_s, std::size_t warm_before, double wall_s);
// Whether a cell that stopped after these runs was cut by its budget: fewer repetitions than
// asked, or a warm-up that the rule alone would have gone on with (CellResult::budget_cut).
bool budget_cut(int warmup, int repeats, double budget_s, std::span<const double> warm_walls,
                std::size_t timed_runs, const SettleRule& rule = kSettleRule);
// The largest cell budget accepted (an hour), and the check of a value: what is wrong and what
// is allowed, or empty when valid.
inline constexpr double kMaxCellBudgetS = 3600;
std::string cell_budget_problem(double budget_s);
// For --help and tooltips: what the budget does, in one sentence.
std::string describe_cell_budget();

// "settle" or the count, as reports and the CLI write it.
std::string warmup_text(int warmup);
// For --help and tooltips: "until two runs in a row agree within 5 % (2 to 10 runs, at most 3 s)".
std::string describe_settle_rule(const SettleRule& rule = kSettleRule);

} // namespace chunkscope

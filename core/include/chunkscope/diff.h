// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Two result sets side by side (`chunkscope-cli diff A.json B.json`, the heatmap's ratio
// colouring): the cells they share, each one's medians, A / B and whether the difference is
// significant (Mann–Whitney U), and the cells only one of them has; and a warning when the two
// sets' inputs came from different data generators (their times compare, their outputs do not).

#include "chunkscope/reporters.h"
#include "chunkscope/results.h"
#include "chunkscope/statistics.h"

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chunkscope {

struct CellDiff {
    const CellResult* a = nullptr;   // either may be null: a cell in one set only
    const CellResult* b = nullptr;
    double ratio = 0;                // a median / b median (both ok)
    std::optional<MannWhitney> test; // when both have kMinSamplesForTest samples or more
    bool significant() const { return test && test->p < 0.05; }
};

// The generators that made two sets' inputs, when they differ: each set's names ("legacy",
// "counter-v1"; a set that mixes them: "legacy and counter-v1").
struct GeneratorDifference {
    std::string a, b;
};
// Nothing when both sets' inputs came from the same generators, or either set is empty.
std::optional<GeneratorDifference> generator_difference(std::span<const CellResult> a, std::span<const CellResult> b);
// "warning: a.json's data came from legacy, b.json's from counter-v1: the inputs differ, so the
// times compare but outputs do not", for sets named a_name and b_name.
std::string generator_warning(const GeneratorDifference& d, std::string_view a_name, std::string_view b_name);

struct ResultsDiff {
    std::vector<CellDiff> cells;
    std::optional<GeneratorDifference> generators;   // when the inputs came from different generators
};

// Cells match on workload, workers and (splits, chunksize); on the strategy too unless each set
// holds one strategy only (the C++ sweep against its Python twin's).
ResultsDiff diff_results(std::span<const CellResult> a, std::span<const CellResult> b);

// Whether cells of a and b must match on the strategy too: unless each holds one strategy only,
// not counting a sequential baseline beside the others.
bool diff_by_strategy(std::span<const CellResult> a, std::span<const CellResult> b);
// The cell of b that a matches (b null when none), with the ratio and the test.
CellDiff diff_cell(const CellResult& a, std::span<const CellResult> b, bool by_strategy);

// A line per cell (shared first, in A's order, then A's only, then B's only). JSON also carries
// the generator warning ("warning", naming the sets a_name and b_name) when there is one.
void write_diff(std::ostream& os, Format f, const ResultsDiff& diff, std::string_view a_name = "A",
                std::string_view b_name = "B");

} // namespace chunkscope

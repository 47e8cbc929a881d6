#pragma once
// Two result sets side by side (`chunkscope-cli diff A.json B.json`, the heatmap's ratio
// colouring): the cells they share, each one's medians, A / B and whether the difference is
// significant (Mann–Whitney U), and the cells only one of them has.

#include "chunkscope/reporters.h"
#include "chunkscope/results.h"
#include "chunkscope/statistics.h"

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chunkscope {

struct CellDiff {
    const CellResult* a = nullptr;   // either may be null: a cell in one set only
    const CellResult* b = nullptr;
    double ratio = 0;                // a median / b median (both ok)
    std::optional<MannWhitney> test; // when both have kMinSamplesForTest samples or more
    bool significant() const { return test && test->p < 0.05; }
};

// Cells match on workload, workers and (splits, chunksize); on the strategy too unless each set
// holds one strategy only (the C++ sweep against its Python twin's).
std::vector<CellDiff> diff_results(std::span<const CellResult> a, std::span<const CellResult> b);

// Whether cells of a and b must match on the strategy too: unless each holds one strategy only,
// not counting a sequential baseline beside the others.
bool diff_by_strategy(std::span<const CellResult> a, std::span<const CellResult> b);
// The cell of b that a matches (b null when none), with the ratio and the test.
CellDiff diff_cell(const CellResult& a, std::span<const CellResult> b, bool by_strategy);

// A line per cell (shared first, in A's order, then A's only, then B's only).
void write_diff(std::ostream& os, Format f, std::span<const CellDiff> diffs);

} // namespace chunkscope

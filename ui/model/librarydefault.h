// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a library's own default lands on a splits × chunksize grid, so that a class sees it on
// the heatmap: for every splits row, the chunksize that chunksize "auto" runs (effective_chunksize
// with chunksize_auto set: Pool.map's rule ceil(P / 4W), Executor.map's 1, joblib's batches that
// start at 1, OpenMP's block per thread; registry.h's ChunksizeAuto), and the words that say so.
// A strategy without the chunksize knob has no mark. The one place that decides which cells are
// marked: a rule that picks a whole row (splits = N, any chunksize) gives a DefaultCell without
// a chunksize.

#include "chunkscope/config.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <vector>

namespace chunkscope::ui {

struct DefaultCell {
    // How the rule's value sits on the grid's chunksizes.
    enum class Fit {
        Exact,     // a column of the grid: that cell is marked
        Nearest,   // between two columns: the nearest (by ratio) is marked, with "≈"
        OffGrid,   // beyond the grid's smallest or largest column: the row is left unmarked
    };
    std::size_t splits = 0;                  // the row
    std::optional<std::size_t> chunksize;    // the column marked; nothing: the whole row
    std::size_t rule = 0;                    // the chunksize the library's rule gives
    Fit fit = Fit::Exact;

    bool marked() const { return fit != Fit::OffGrid; }
    bool operator==(const DefaultCell&) const = default;
};

// One entry per row of splitsList where the rule applies (none when base's strategy has no
// chunksize knob), in splitsList's order; chunksList: the grid's chunksizes, in any order.
std::vector<DefaultCell> libraryDefaultCells(const RunConfig& base, const std::vector<std::size_t>& splitsList,
                                             const std::vector<std::size_t>& chunksList);

// The rule in words for the heatmap's legend line, from the fullest to the shortest (the chart
// shows the longest that fits); empty when base's strategy has none.
QStringList libraryDefaultLegends(const RunConfig& base, const std::vector<DefaultCell>& cells);
class ResultsModel;

// The fastest cell of model's grid (status Ok) that the library's default marks exactly, or -1.
int bestDefaultRow(const ResultsModel& model);
// "◢ default's best 128 × 16: 412 ms"; "◢ default: no marked cell ran"; "◢ default: off this
// grid"; "no chunksize: no default marked" for a strategy with neither knob nor chunk rule.
QString bestDefaultText(const ResultsModel& model);

// The marked cell's tooltip line: what the rule gives for its row, and where it is marked.
QString libraryDefaultNote(const RunConfig& base, const DefaultCell& cell);

} // namespace chunkscope::ui

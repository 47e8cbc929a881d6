// SPDX-License-Identifier: GPL-3.0-or-later
// The journal reader (--resume, and the window's offer to restore an unfinished sweep). Whatever
// it accepts, the cells it would still run can be planned, and the journal written again from it
// reads back with the same cells.

#include "fuzz_support.h"

#include "chunkscope/journal.h"

#include <sstream>

using namespace chunkscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text = fuzz::text_of(data, size);
    std::istringstream in(text);
    const Journal journal = read_journal(in);
    if (!journal.error.empty())
        return 0;
    fuzz::require(journal.valid_bytes <= text.size(), "appending starts inside the file");
    const std::vector<RunConfig> missing = missing_cells(journal);
    fuzz::require(missing.size() <= journal.header.spec.splits_list.size() * journal.header.spec.chunks_list.size() + 1,
                  "no more cells missing than the sweep has");

    std::string written = journal_header_line(journal.header);
    for (const CellResult& cell : journal.cells)
        written += journal_cell_line(cell);
    std::istringstream again(written);
    const Journal reread = read_journal(again);
    fuzz::require(reread.error.empty(), "a journal written from what was read reads back: " + reread.error);
    fuzz::require(reread.cells.size() == journal.cells.size(), "the same number of cells reads back");
    fuzz::require(missing_cells(reread).size() == missing.size(), "the same cells are missing");
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
// The session and report reader (read_json): the window's Open session, --reference and diff
// all read files with it. Whatever it accepts, writing it back and reading that again gives the
// same cells: a session the window saves always opens again.

#include "fuzz_support.h"

#include "chunkscope/reporters.h"

#include <sstream>

using namespace chunkscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::istringstream in(fuzz::text_of(data, size));
    const Report report = read_json(in);
    if (!report.error.empty()) {
        fuzz::require(report.results.empty(), "a refused report holds no results");
        return 0;
    }
    std::ostringstream written;
    write_json(written, report.machine, report.results);
    std::istringstream again(written.str());
    const Report reread = read_json(again);
    fuzz::require(reread.error.empty(), "a report written from what was read reads back: " + reread.error);
    fuzz::require(reread.results.size() == report.results.size(), "the same number of cells reads back");
    for (std::size_t i = 0; i < report.results.size(); ++i)
        fuzz::require(reread.results[i].config == report.results[i].config, "each cell's config reads back");
    // The other two formats take whatever was read.
    std::ostringstream other;
    write_csv(other, report.results);
    write_table(other, report.machine, report.results);
    return 0;
}

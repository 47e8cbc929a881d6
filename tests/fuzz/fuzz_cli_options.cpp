// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli's options, read as the program reads argv: the input is the arguments after
// the program's name, separated by NUL bytes. Whatever is typed, the outcome is something to run,
// or help and --version (exit 0), or one message and exit 2; and what is to run has been checked.

#include "fuzz_support.h"

#include "commandline.h"

#include <vector>

using namespace chunkscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::vector<std::string> args{"chunkscope-cli"};
    std::string current;
    for (std::size_t i = 0; i < size && args.size() < 64; ++i) {
        if (data[i] == '\0') {
            args.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    if (!current.empty() && args.size() < 64)
        args.push_back(current);
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    const cli::ParseOutcome outcome = cli::parse_command_line(static_cast<int>(args.size()), argv.data());
    if (outcome.command_line) {
        fuzz::require(outcome.error.empty(), "something to run comes without an error");
        // What the commands plan from it can be planned.
        (void)outcome.command_line->planned_cells();
        return 0;
    }
    fuzz::require(outcome.exit_code == 0 || outcome.exit_code == 2, "the exit code is 0 (help) or 2 (a bad option)");
    fuzz::require(outcome.exit_code == 0 || !outcome.error.empty(), "exit 2 says what was wrong");
    return 0;
}

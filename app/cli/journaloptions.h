// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// sweep's journal options: --journal FILE writes each finished cell to FILE as it finishes;
// --resume FILE runs only the cells a journal is missing, with the configuration it records,
// and appends them to it. Declared to CLI11, read and checked here.

#include "commandline.h"

#include "chunkscope/journalwriter.h"

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace chunkscope::cli {

class JournalCliOptions {
public:
    void add_to(CLI::App& sub);
    // After Options::apply has filled cl: reads and checks the journal to resume (damaged, of
    // another machine, or contradicted by the options given: refused) and puts its sweep in
    // cl; returns what is wrong, or an empty string.
    std::string apply(const CLI::App& sub, CommandLine& cl) const;

private:
    std::string journal_;
    std::string resume_;
};

// The writer of cl's journal (a new one, or the resumed one to append to); nothing when the
// command keeps none. *error says why one cannot be opened.
std::unique_ptr<JournalWriter> open_journal(const CommandLine& cl, std::string* error);

} // namespace chunkscope::cli

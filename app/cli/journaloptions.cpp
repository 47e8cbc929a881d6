// SPDX-License-Identifier: GPL-3.0-or-later
#include "journaloptions.h"

#include "options.h"

#include "chunkscope/atomicfile.h"
#include "chunkscope/inputfile.h"
#include "chunkscope/machine.h"

#include <CLI/CLI.hpp>

#include <fstream>

#include <unistd.h>

namespace chunkscope::cli {

void JournalCliOptions::add_to(CLI::App& sub)
{
    sub.add_option("--journal", journal_,
                   wrap("Also write every cell to FILE the moment it finishes (JSON lines: a header with the "
                        "sweep, then one cell of the JSON report a line), so that a crash, a kill or a power "
                        "cut loses only the cell that was running. Resume it with --resume FILE.", kHelpWidth))
        ->option_text("FILE");
    sub.add_option("--resume", resume_,
                   wrap("Run only the cells the journal FILE is missing, with the sweep it records (other "
                        "sweep options may only repeat it), append them to it, and report the whole sweep.",
                        kHelpWidth))
        ->option_text("FILE");
}

std::string JournalCliOptions::apply(const CLI::App& sub, CommandLine& cl) const
{
    const bool journal = sub.count("--journal") > 0;
    const bool resume = sub.count("--resume") > 0;
    if (journal && resume)
        return "--journal and --resume: --resume appends to the journal it names; give one of them";
    if (journal) {
        if (journal_.empty())
            return "--journal: no file name given; name the journal to write";
        if (access(journal_.c_str(), F_OK) == 0)
            return "--journal: \"" + journal_ + "\" exists already; resume it with --resume " + journal_ +
                   ", or name a new file";
        if (const auto problem = output_path_problem(journal_))
            return "--journal: " + *problem;
        cl.journal_path = journal_;
        return {};
    }
    if (!resume)
        return {};
    std::ifstream in;
    if (const std::string problem = open_input_file(resume_, in); !problem.empty())
        return "--resume: cannot open \"" + resume_ + "\": " + problem;
    Journal j = read_journal(in);
    if (!j.error.empty())
        return "--resume: \"" + resume_ + "\" cannot be resumed: " + j.error;
    const auto machine = machine_differences(j.header, journal_header(j.header.spec, machine_info()));
    if (!machine.empty())
        return "--resume: \"" + resume_ + "\" is the journal of another configuration (" +
               describe(machine, "this machine") + "); resume it where it began, on its generator";
    // Options given that ask for another sweep than the journal's: refused, named.
    std::vector<JournalDifference> contradicted;
    SweepSpec asked{cl.base, cl.splits_list, cl.chunks_list, cl.random_order};
    if (sub.count("--strategy") == 0)
        asked.base.strategy = j.header.spec.base.strategy;   // so the lists are planned as the journal's
    for (const JournalDifference& d : sweep_differences(j.header.spec, sweep_plan(asked)))
        if (const CLI::Option* o = sub.get_option_no_throw("--" + d.field); o && o->count() > 0)
            contradicted.push_back(d);
    if (!contradicted.empty())
        return "--resume: \"" + resume_ + "\" is the journal of another sweep than these options ask for (" +
               describe(contradicted, "the options ask") + "); leave them out to resume the sweep as it began";
    cl.base = j.header.spec.base;
    cl.splits_list = j.header.spec.splits_list;
    cl.chunks_list = j.header.spec.chunks_list;
    cl.random_order = j.header.spec.random_order;
    for (const std::string& note : j.notes)
        cl.notes.push_back("note: \"" + resume_ + "\": " + note);
    const std::size_t missing = missing_cells(j).size();
    cl.notes.push_back("note: resuming \"" + resume_ + "\": " + std::to_string(j.cells.size()) + " cells done, " +
                       std::to_string(missing) + " to run");
    cl.journal_path = resume_;
    cl.resume = std::move(j);
    return {};
}

std::unique_ptr<JournalWriter> open_journal(const CommandLine& cl, std::string* error)
{
    if (cl.journal_path.empty() || cl.command != Command::Sweep)
        return nullptr;
    std::unique_ptr<JournalWriter> writer =
        cl.resume ? JournalWriter::resume(cl.journal_path, *cl.resume, error)
                  : JournalWriter::create(cl.journal_path, journal_header(cl.sweep_spec(), machine_info()), error);
    if (!writer)
        *error = (cl.resume ? "--resume: " : "--journal: ") + *error;
    return writer;
}

} // namespace chunkscope::cli

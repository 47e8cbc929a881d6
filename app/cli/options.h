// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The options of one subcommand: declared to CLI11 with their help, read as typed, then
// converted into the engine's config and checked, with messages that say what is allowed.

#include "commandline.h"
#include "mpioptions.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace chunkscope::cli {

class Options {
public:
    explicit Options(Command command);

    // Declares the options on sub, each with what it changes in the experiment.
    void add_to(CLI::App& sub);
    // After CLI11 has parsed sub: fills cl; returns what is wrong, or an empty string.
    std::string apply(const CLI::App& sub, CommandLine& cl) const;

private:
    Command command_;
    std::string strategy_;
    std::string function_{"exp"};
    std::string size_{"10M"};
    std::string workers_;
    std::string splits_{"64"};
    std::string chunksize_{"1"};
    std::string kernel_{"simd"};
    std::string intensity_{"1"};
    std::string repeats_{"3"};
    std::string warmup_{"settle"};
    std::string cell_budget_{"0"};
    std::string pool_{"fresh"};
    std::string partitioner_{"simple"};
    std::string schedule_{"dynamic"};
    std::string memmap_{"on"};
    std::string seed_;
    std::string python_;
    std::string format_{"table"};
    std::string out_;
    std::string splits_list_;
    std::string chunks_list_;
    std::string workers_list_;
    std::string trace_;
    std::string png_;
    std::string colour_by_ = "time";
    std::string reference_;
    std::string svg_;
    std::string pdf_;
    bool random_order_ = false;
    bool floors_ = false;
    std::string stream_array_;
    bool as_tutorial_ = false;
    MpiCliOptions mpi_;
    std::string dask_scheduler_;
    bool dask_lose_worker_ = false;
};

// Help layout: option names in a column this wide, their text in lines this long (78 in all).
inline constexpr std::size_t kHelpColumn = 27;
inline constexpr std::size_t kHelpWidth = 51;

// --stream-array, on machine and wherever --floors is: the help, and the size read into bytes
// (0 when not given: STREAM's rule) or the message saying what was wrong and what is allowed.
extern const std::string kStreamArrayHelp;
std::string parse_stream_array(const std::string& text, std::size_t& bytes);

// Breaks text into lines of at most width characters; continuation lines start with indent.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent = "");

// An option's help text, wrapped to the help column (kHelpWidth).
std::string help(std::string_view text);

} // namespace chunkscope::cli

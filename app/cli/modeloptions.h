// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// scale's options of the network model (--project, --network): declared to CLI11, read and
// checked here with messages that say what is allowed.

#include "commandline.h"

#include <string>

namespace CLI {
class App;
}

namespace chunkscope::cli {

class ModelCliOptions {
public:
    void add_to(CLI::App& sub);
    // After Options::apply has filled cl (the strategy known): sets cl's projection; returns
    // what is wrong, or an empty string.
    std::string apply(const CLI::App& sub, CommandLine& cl) const;

private:
    std::string project_;
    std::string network_{"100Gb/s,2us"};
};

} // namespace chunkscope::cli

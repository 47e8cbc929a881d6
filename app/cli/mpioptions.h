// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The options of the mpi strategies (run, sweep, compare, scale and machine --mpi): declared to
// CLI11, read as typed and checked here, with messages that say what is allowed; the core's
// validate() checks them again for every cell.

#include "chunkscope/config.h"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace chunkscope::cli {

class MpiCliOptions {
public:
    void add_to(CLI::App& sub);
    // After CLI11 has parsed sub: fills o; returns what is wrong, or an empty string.
    std::string apply(const CLI::App& sub, MpiOptions& o) const;
    // Whether any of them was given (a note says when they do not apply).
    static bool given(const CLI::App& sub);

private:
    std::string hostfile_;
    std::string transport_{"shm"};
    std::string mpirun_;
    std::string args_;
};

} // namespace chunkscope::cli

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading Open MPI's hostfile: the mpi strategies start their ranks on its hosts (mpi.h), and
// the memory budget (memory.h) counts the hosts and slots a distributed run's ranks share.

#include <iosfwd>
#include <string>
#include <vector>

namespace chunkscope {

// Open MPI's hostfile: one host per line, "name [slots=N] [max_slots=N]", # for comments.
struct HostfileEntry {
    std::string host;
    int slots = 0;   // 0: not given
};
struct Hostfile {
    std::vector<HostfileEntry> hosts;
    std::string error;   // what is wrong (the line and what is allowed); empty when read
};
Hostfile read_hostfile(const std::string& path);
// The same from a stream; name is what the messages call it ("hostfile \"name\", line 3: ...").
Hostfile read_hostfile(std::istream& in, const std::string& name);

} // namespace chunkscope

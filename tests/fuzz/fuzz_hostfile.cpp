// SPDX-License-Identifier: GPL-3.0-or-later
// Open MPI's hostfile as --hostfile and the window's MPI box read it.

#include "fuzz_support.h"

#include "chunkscope/mpi.h"

#include <sstream>

using namespace chunkscope;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::istringstream in(fuzz::text_of(data, size));
    const Hostfile hostfile = read_hostfile(in, "fuzz");
    if (!hostfile.error.empty())
        return 0;
    fuzz::require(!hostfile.hosts.empty(), "a hostfile read names a host");
    for (const HostfileEntry& entry : hostfile.hosts) {
        fuzz::require(!entry.host.empty(), "no host is unnamed");
        fuzz::require(entry.slots >= 0 && entry.slots <= 1'000'000, "slots are within what is allowed");
    }
    return 0;
}

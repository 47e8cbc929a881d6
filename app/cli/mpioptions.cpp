// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpioptions.h"

#include "options.h"

#include "chunkscope/mpi.h"

#include <CLI/CLI.hpp>

namespace chunkscope::cli {

namespace {
constexpr const char* kNames[] = {"--hostfile", "--mpi-transport", "--mpirun", "--mpi-args"};
} // namespace

void MpiCliOptions::add_to(CLI::App& sub)
{
    sub.add_option("--mpi-transport", transport_,
                   help("mpi strategies: how ranks talk. shm: Open MPI's shared memory (vader), tcp: TCP, which on "
                        "one machine stands in for a network. Default shm."))
        ->option_text("shm|tcp");
    sub.add_option("--hostfile", hostfile_,
                   help("mpi strategies: Open MPI's hostfile, one host per line (name [slots=N]); every host needs "
                        "chunkscope-mpi at the same path and ssh without a password. Default: every rank here."))
        ->option_text("FILE");
    sub.add_option("--mpirun", mpirun_, help("mpi strategies: the mpirun to start. Default: the one on PATH."))
        ->option_text("PATH");
    sub.add_option("--mpi-args", args_,
                   help("mpi strategies: more arguments for mpirun, in one string (quotes hold spaces), such as "
                        "\"--mca btl_tcp_if_include lo\"."))
        ->option_text("\"ARGS\"");
}

bool MpiCliOptions::given(const CLI::App& sub)
{
    for (const char* name : kNames)
        if (const CLI::Option* o = sub.get_option_no_throw(name); o && o->count() > 0)
            return true;
    return false;
}

std::string MpiCliOptions::apply(const CLI::App& sub, MpiOptions& o) const
{
    const auto transport = parse_transport(transport_);
    if (!transport)
        return "--mpi-transport: unknown transport \"" + transport_ + "\"; allowed: shm, tcp";
    o.transport = *transport;
    if (sub.count("--hostfile") > 0) {
        if (hostfile_.empty())
            return "--hostfile: no file name given; name a hostfile of Open MPI's format";
        if (const Hostfile h = read_hostfile(hostfile_); !h.error.empty())
            return "--hostfile: " + h.error;
        o.hostfile = hostfile_;
    }
    if (sub.count("--mpirun") > 0) {
        MpiOptions probe;
        probe.mpirun = mpirun_;
        if (mpirun_path(probe).empty())
            return "--mpirun: \"" + mpirun_ + "\" is not an executable file; name Open MPI's mpirun, such as "
                   "/usr/bin/mpirun";
        o.mpirun = mpirun_;
    }
    if (!split_arguments(args_))
        return "--mpi-args: a quote is not closed in \"" + args_ + "\"";
    o.args = args_;
    return {};
}

} // namespace chunkscope::cli

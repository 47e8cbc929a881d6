// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The mpi strategies' side of Open MPI, decided once for the CLI, the window and the engine:
// how many ranks a run starts, where mpirun and the worker program (chunkscope-mpi) are, what
// a hostfile may hold, the mpirun command, and what to say before running. The core does not
// link MPI: it starts mpirun, which runs chunkscope-mpi on every rank.

#include "chunkscope/config.h"
#include "chunkscope/hostfile.h"
#include "chunkscope/mpilink.h"
#include "chunkscope/observer.h"
#include "chunkscope/registry.h"

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chunkscope {

bool is_mpi(StrategyKind kind);

// The ranks mpirun starts. mpi: workers + 1, rank 0 dealing tasks as fork-split's parent does
// while the workers compute; mpi-distributed: workers, every rank computing its own slice.
int mpi_ranks(const RunConfig& c);
// The ranks that compute: the workers.
int mpi_computing_ranks(const RunConfig& c);

// The mpirun to start: o.mpirun as given, else the first on PATH; empty when there is none.
std::string mpirun_path(const MpiOptions& o);
// chunkscope-mpi: $CHUNKSCOPE_MPI_WORKER as given, else beside the running program (its own
// directory, then ../libexec/chunkscope), else the build tree's, else the install prefix's
// (paths.h's find_installed); empty when none is found or MPI was not found at build.
std::string mpi_worker_path();
// Whether the mpi strategies can run with these options, with the reason and the install
// command when not.
Availability mpi_availability(const MpiOptions& o = {});

// mpirun's extra arguments split at spaces; '...' and "..." hold spaces. Nothing when a quote
// is not closed.
std::optional<std::vector<std::string>> split_arguments(std::string_view text);

// What is wrong with the options (the hostfile, the mpirun, the extra arguments), or nothing.
std::optional<std::string> check_mpi_options(const MpiOptions& o);

// Whether mpirun runs as root (Open MPI refuses unless told: --allow-run-as-root is passed then).
bool mpi_as_root();

// The command that starts ranks copies of chunkscope-mpi: mpirun, --allow-run-as-root when root,
// --oversubscribe, --bind-to none, the transport (--mca pml ob1 --mca btl self,vader or
// self,tcp), the hostfile, the extra arguments, -n ranks, the worker. shm_dir: where the
// shared-memory transport keeps its segments (removed by the engine afterwards).
std::vector<std::string> mpirun_command(const MpiOptions& o, int ranks, const std::string& shm_dir);

// Said before a run: that mpirun runs as root, that more ranks compute than there are cores
// (or hostfile slots). Each line starts with "note: " or "warning: ".
std::vector<std::string> mpi_notes(const RunConfig& c);

// Latency and bandwidth between two ranks, measured by a ping-pong (8 B to 64 MiB): mpilink.h.
MpiLink measure_mpi_link(const MpiOptions& o, const CancelToken* cancel = nullptr);

} // namespace chunkscope

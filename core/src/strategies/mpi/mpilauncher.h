// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One MPI job running chunkscope-mpi, spoken to in JSON lines through rank 0's standard input
// and output (mpirun forwards both). The engine starts chunkscope-mpi --launch mpirun ..., in
// a process group of its own: it runs mpirun and reaps every rank mpirun leaves behind (ranks
// die with their parent), so a job that ends, however it ends, leaves no process. Ending a job
// is: kill the ranks, ask mpirun to end (the launcher passes SIGTERM on), kill mpirun if it has
// not ended within a second, and the launcher's group if that has not either. The shared-memory transport keeps its segments in a directory
// of ours, removed afterwards even if mpirun was killed.

#include "chunkscope/results.h"

#include "jsonlinechild.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace chunkscope::detail {

class MpiLauncher {
public:
    MpiLauncher() = default;
    ~MpiLauncher() { kill(); }
    MpiLauncher(const MpiLauncher&) = delete;
    MpiLauncher& operator=(const MpiLauncher&) = delete;

    // Starts cmd (mpirun ... chunkscope-mpi, under chunkscope-mpi --launch) and waits for rank 0's hello, which comes once
    // every rank has passed MPI_Init. shm_dir is made first and removed when the job ends.
    // False (and error()) when it cannot, or when cancelled.
    bool start(const std::vector<std::string>& cmd, const std::string& shm_dir, const std::atomic<bool>* cancel);
    bool running() const { return child_.running(); }
    const std::vector<RankPlace>& places() const { return places_; }
    const std::string& library() const { return library_; }
    const std::string& error() const { return error_; }

    bool send(const nlohmann::json& request);
    // Rank 0's next line; nothing when cancelled (then the job is ended: error() is
    // "cancelled") or when the job died (error() names the rank, its host and how).
    // deadline (now_s() seconds, 0: none): past it, the job is ended and error() says so.
    std::optional<nlohmann::json> next(const std::atomic<bool>* cancel, double deadline = 0);

    // Asks rank 0 to quit and waits for mpirun to end; true when it did, cleanly, within a few
    // seconds (else the job is killed and error() says what happened).
    bool stop();
    // Ends every rank and mpirun now, reaps mpirun and removes the segments' directory.
    void kill();

private:
    std::string death();
    void cleanup();

    // The launcher: its stdin and stdout are rank 0's, its stderr every rank's and mpirun's (the
    // last 4000 bytes kept); its wait status is mpirun's exit status.
    JsonLineChild child_{4000};
    std::string shm_dir_;
    std::vector<RankPlace> places_;
    std::string library_;
    std::string error_;
};

// A new directory name under /dev/shm for one job's segments (chunkscope-mpi-<pid>-<n>).
std::string next_mpi_shm_dir();

} // namespace chunkscope::detail

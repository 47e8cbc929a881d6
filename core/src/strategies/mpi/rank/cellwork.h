// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One cell on every rank: what each rank holds, its timed run and the check of the output.
// The two strategies are two implementations: Dealer (mpi) and Owner (mpi-distributed).

#include "mpicheck.h"
#include "mpiprotocol.h"
#include "rankcontext.h"

#include <memory>

namespace chunkscope::mpi {

class CellWork {
public:
    virtual ~CellWork() = default;
    // Before every run, outside the timed region: fresh input, or the output marked.
    virtual void prepare() = 0;
    // The timed run; every rank calls it, rank 0's answer counts.
    virtual RunTimes run() = 0;
    // The output against the sequential result (check_mpi_slice over what each rank holds);
    // every rank calls it, rank 0's answer counts.
    virtual detail::MpiRunCheck check() = 0;
};

// The mpi strategy: rank 0 holds the vector and deals tasks of chunksize parts to the others.
std::unique_ptr<CellWork> make_dealer(const detail::MpiCell& cell, const Ranks& ranks);
// mpi-distributed: every rank makes its own slice and applies the function to it in place.
std::unique_ptr<CellWork> make_owner(const detail::MpiCell& cell, const Ranks& ranks);

// Runs the cell's warm-up and repetitions; rank 0 says a sample for each and done at the end.
void run_cell(const detail::MpiCell& cell, const Ranks& ranks);

// Ranks 0 and 1 send messages of each size back and forth; rank 0 says the one-way times.
void ping_pong(const std::vector<std::uint64_t>& sizes, const Ranks& ranks);

} // namespace chunkscope::mpi

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Why an MPI job ended, in a sentence: which rank, its pid and host, and how, read from what
// mpirun said on its standard error ("mpirun noticed that process rank 1 ... exited on signal
// 9", "MPI_ABORT was invoked on rank 2", "Process name: [[...],1] Exit code: 3").

#include "chunkscope/results.h"

#include <string>
#include <vector>

namespace chunkscope::detail {

// said: mpirun's last words; places: every rank's pid and host (from rank 0's hello);
// reaped: whether the launcher has ended, with wait_status its waitpid() status.
std::string job_end_message(const std::string& said, const std::vector<RankPlace>& places, bool reaped,
                            int wait_status);

// text on one line: newlines and Open MPI's rules of dashes become single spaces.
std::string one_line(std::string text);

} // namespace chunkscope::detail

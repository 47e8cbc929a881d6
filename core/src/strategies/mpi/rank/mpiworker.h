// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// chunkscope-mpi: the program mpirun starts on every rank. Rank 0 reads the engine's requests
// (JSON lines, see mpiprotocol.h) on its standard input, tells every rank what to do and
// answers on its standard output; the other ranks say nothing. A rank ends with its parent
// (mpirun here, orted on other hosts), so no rank outlives a job that was killed.

namespace chunkscope::mpi {

// chunkscope-mpi --launch mpirun ... runs launch_main (see launch.cpp); otherwise a rank.
int worker_main(int argc, char** argv);
// Runs argv (mpirun and its arguments) and reaps every process of the job; mpirun's status.
int launch_main(int argc, char** argv);

} // namespace chunkscope::mpi

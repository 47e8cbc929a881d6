// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-mpi: what mpirun starts on every rank for the mpi strategies (see mpiworker.h).

#include "mpiworker.h"

int main(int argc, char** argv) { return chunkscope::mpi::worker_main(argc, argv); }

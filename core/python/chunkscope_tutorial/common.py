# SPDX-License-Identifier: GPL-3.0-or-later
"""What every module of the package shares: the protocol's limits, the clock, the fork context
and the three errors a request can end with."""

import multiprocessing
import sys
import time

try:
    import numpy
except ImportError:  # pragma: no cover - environment problem, explained to the user
    sys.stderr.write("chunkscope_tutorial.py: numpy is not importable by %s.\n"
                     "Run it with Debian's Python: /usr/bin/python3 (apt-get install "
                     "python3-numpy)\n" % sys.executable)
    sys.exit(2)

NUMPY_VERSION = numpy.__version__

PROTOCOL = 1
FUNCTIONS = ("exp", "log", "sin", "sqrt", "tanh")
PHASES = ("startup", "scatter", "compute", "gather", "shutdown")
POOLS = ("fresh", "warm")
MAX_EVENTS = 200_000
MAX_WORKERS = 256
ULP_TOLERANCE = 16     # py-numexpr and py-numba against numpy's own loops

clock = time.perf_counter
_CTX = multiprocessing.get_context("fork")


class BadRequest(ValueError):
    """A request that cannot be run; the message says what was wrong and what is allowed."""


class RunFailed(RuntimeError):
    """A run that went wrong (wrong output, a worker failed); the request ends with it."""


class WorkerDied(RuntimeError):
    """A process pool's worker ended (killed, say) during a run: Pool.map would never return."""


# SPDX-License-Identifier: GPL-3.0-or-later
"""`python3 -m chunkscope_tutorial ...` (with core/python on sys.path) or `python3
core/python/chunkscope_tutorial ...`: the same command line as chunkscope_tutorial.py."""

import os
import sys

if not __package__:
    # Run as a directory: Python put the package's own folder first on sys.path, where its
    # modules would shadow others by their short names; its parent is what imports the package.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    sys.path.insert(0, os.path.dirname(_here))

from chunkscope_tutorial.cli import run  # noqa: E402 - after sys.path is set

if __name__ == "__main__":
    sys.exit(run())

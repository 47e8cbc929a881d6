#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's Python for Chunkscope: runs the package chunkscope_tutorial/ beside this file
(`/usr/bin/python3 chunkscope_tutorial.py serve | tutorial | bench ...`, see --help). The
protocol the engine speaks with it: docs/python-protocol.md."""

import os
import sys

if __name__ == "__main__":
    # The package beside this file, not another copy (python3 puts this folder first already,
    # but not when the file is run by other means, such as runpy).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from chunkscope_tutorial.cli import run
    sys.exit(run())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's Python for Chunkscope: runs the package chunkscope_tutorial/ beside this file
(`/usr/bin/python3 chunkscope_tutorial.py serve | tutorial | bench ...`, see --help)."""

import os
import sys

if __name__ == "__main__":
    # The package beside this file, not another copy (python3 puts this folder first already,
    # but not when the file is run by other means, such as runpy).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import chunkscope_tutorial
    try:
        sys.exit(chunkscope_tutorial.main())
    except KeyboardInterrupt:
        sys.stderr.write("chunkscope_tutorial.py: interrupted\n")
        sys.exit(130)

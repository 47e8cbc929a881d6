# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's Python, as a package: for now one module (strategies.py), which this package
stands for; split into modules by their jobs next. Run it as core/python/chunkscope_tutorial.py."""

import sys

from . import strategies as _module

sys.modules[__name__] = _module

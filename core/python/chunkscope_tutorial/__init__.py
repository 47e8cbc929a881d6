# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's Python, for Chunkscope's engine (`serve`) and for bench/compare (`bench`): the
protocol, phases, events and verification are in docs/python-protocol.md; the tutorial's
strategies, to read beside it, in strategies.py. Run it as core/python/chunkscope_tutorial.py."""

# The modules, bottom up: each imports only those above it in this list.
from . import common, state, workers, pools, timing, data, probes, libraries, cluster, strategies
from . import request, runs
from . import costs, daskcosts, protocol, bench, cli
from .cli import main
from .common import (FUNCTIONS, MAX_EVENTS, MAX_WORKERS, PHASES, POOLS, PROTOCOL, ULP_TOLERANCE,
                     BadRequest, RunFailed, WorkerDied)
from .costs import measure_costs
from .daskcosts import measure_dask_costs
from .data import EXACT, GENERATOR, INPUT_RANGE, make_data, part_bounds, ulp_diff, verify
from .pools import new_segment, pool_map
from .probes import probe_packages
from .protocol import Channel, check_strategy, handle, hello, serve
from .request import Job, first_run_is_timed, next_run, warmup_done
from .runs import Setup, run_as_tutorial, run_job, run_once, tutorial_job
from .strategies import PROCESS_POOLS, RUNNERS, STRATEGIES
from .timing import Timing, phases_of, task_event
from .workers import shm_output_offset

__all__ = [
    "common", "state", "workers", "pools", "timing", "data", "probes", "libraries", "cluster",
    "strategies",
    "request",
    "runs", "costs", "daskcosts", "protocol", "bench", "cli", "main",
    "FUNCTIONS", "MAX_EVENTS", "MAX_WORKERS", "PHASES", "POOLS", "PROTOCOL", "ULP_TOLERANCE",
    "BadRequest", "RunFailed", "WorkerDied", "measure_costs", "measure_dask_costs", "EXACT", "GENERATOR",
    "INPUT_RANGE", "make_data", "part_bounds", "ulp_diff", "verify", "new_segment", "pool_map",
    "probe_packages", "Channel", "check_strategy", "handle", "hello", "serve", "Job",
    "first_run_is_timed", "next_run", "warmup_done", "Setup", "run_as_tutorial", "run_job",
    "run_once", "tutorial_job", "PROCESS_POOLS", "RUNNERS", "STRATEGIES", "Timing", "phases_of",
    "task_event", "shm_output_offset",
]

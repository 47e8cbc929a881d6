# SPDX-License-Identifier: GPL-3.0-or-later
"""A run request, validated (Job), and the engine's warm-up rule and cell budget, as the request
states them (the same rules as core/src/engine/warmup.cpp)."""

import json
import math

from .common import FUNCTIONS, MAX_WORKERS, POOLS, BadRequest
from .cluster import STRATEGIES as _CLUSTERS
from .libraries import ONE_PART_A_TASK, SPLITS_AUTO
from .strategies import STRATEGIES

_COMMON = ("id", "strategy", "function", "size", "seed", "repeats", "warmup")
_OPTIONAL = ("op", "intensity", "events", "settle", "cell_budget_s", "auto_chunks", "scheduler",
             "lose_worker")
_ALL_KNOBS = ("workers", "splits", "chunksize", "pool", "memmap")
_DEFAULT_KNOBS = {"memmap": True}     # knobs a request may leave out


def _int_field(req, key, lo, hi, what):
    v = req[key]
    if isinstance(v, bool) or not isinstance(v, (int, float)) or \
            (isinstance(v, float) and (not math.isfinite(v) or v != int(v))):
        raise BadRequest("%s: got %s, not a whole number; allowed: %s"
                         % (key, json.dumps(v), what))
    v = int(v)
    if v < lo or (hi is not None and v > hi):
        raise BadRequest("%s: got %d; allowed: %s" % (key, v, what))
    return v


_SETTLE_FIELDS = {"tolerance": (0.0, 1.0), "min_runs": (1, 1000), "max_runs": (1, 1000),
                  "max_seconds": (0.0, 3600.0)}


def _settle_rule(rule):
    """The engine's warm-up rule (core/include/chunkscope/warmup.h), as the request states it."""
    if not isinstance(rule, dict) or set(rule) != set(_SETTLE_FIELDS):
        raise BadRequest('settle: got %s; allowed: an object with %s (warmup "settle" needs it)'
                         % (json.dumps(rule), ", ".join(_SETTLE_FIELDS)))
    for key, (lo, hi) in _SETTLE_FIELDS.items():
        v = rule[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            raise BadRequest("settle.%s: got %s; allowed: %s to %s" % (key, json.dumps(v), lo, hi))
    if rule["min_runs"] > rule["max_runs"]:
        raise BadRequest("settle: min_runs (%d) is above max_runs (%d)" % (rule["min_runs"], rule["max_runs"]))
    return dict(rule)


def warmup_done(warmup, settle, walls):
    """Whether warm-up is over after runs of these wall times: a count, or the engine's rule
    (the same as warmup_done in core/src/engine/warmup.cpp)."""
    n = len(walls)
    if settle is None:
        return n >= warmup
    if n < settle["min_runs"]:
        return False
    if n >= settle["max_runs"] or sum(walls) >= settle["max_seconds"]:
        return True
    a, b = walls[-2], walls[-1]
    return abs(a - b) <= settle["tolerance"] * min(a, b)


MAX_CELL_BUDGET_S = 3600.0     # kMaxCellBudgetS in core/include/chunkscope/warmup.h


def next_run(warmup, settle, repeats, budget_s, warm, timed):
    """"warmup", "timed" or None (stop): the engine's warm-up rule and cell budget (the same as
    next_run in core/src/engine/warmup.cpp). A run is estimated as long as the latest; warm-up goes on
    while the runs so far, this one and every repetition fit the budget, repetitions while the
    runs so far and the next fit; the first run is always made, and one timed run at least."""
    spent = sum(warm) + sum(timed)
    estimate = timed[-1] if timed else (warm[-1] if warm else 0.0)
    if not timed and not warmup_done(warmup, settle, warm):
        if budget_s <= 0 or not warm or spent + estimate * (1 + max(1, repeats)) <= budget_s:
            return "warmup"
    if len(timed) >= repeats:
        return None
    if not timed or budget_s <= 0 or spent + estimate <= budget_s:
        return "timed"
    return None


def first_run_is_timed(budget_s, warm_before, wall_s):
    """A first warm-up run longer than the whole budget is kept as the timed run (the same as
    first_run_is_timed in core/src/engine/warmup.cpp): its cold start is small beside it."""
    return budget_s > 0 and warm_before == 0 and wall_s > budget_s


def lose_worker_problem(strategy, scheduler, workers):
    """What forbids killing a worker in the run (lost.py), or "": the words of the engine's
    own check (core/src/engine/config.cpp)."""
    if strategy not in _CLUSTERS:
        return "applies to %s only, not %s" % (" and ".join(_CLUSTERS), strategy)
    if scheduler is not None:
        return ("a worker is killed on a LocalCluster only; the cluster at %s is not Chunkscope's, nor "
                "are its workers ours to kill (leave the scheduler out)" % scheduler)
    if workers < 2:
        return ("got 1 worker; allowed: 2 or more (the lost worker's tasks run again on "
                "another)")
    return ""


class Job:
    """One validated run request: which strategy, on what, how often."""

    def __init__(self, req):
        if not isinstance(req, dict):
            raise BadRequest("a request is not a JSON object; allowed: one JSON object per "
                             "line")
        strategy = req.get("strategy")
        if strategy not in STRATEGIES:
            raise BadRequest("unknown strategy %r; allowed: %s"
                             % (strategy, ", ".join(STRATEGIES)))
        knobs = STRATEGIES[strategy]
        unknown = sorted(k for k in req if k not in _COMMON + _OPTIONAL + _ALL_KNOBS)
        if unknown:
            raise BadRequest("unknown field(s) %s; allowed: %s" % (
                ", ".join(unknown), ", ".join(_COMMON + _ALL_KNOBS + _OPTIONAL[1:])))
        missing = [k for k in _COMMON + knobs if k not in req and k not in _DEFAULT_KNOBS]
        if missing:
            raise BadRequest("missing field(s) %s; %s needs (allowed): %s" % (
                ", ".join(missing), strategy, ", ".join(_COMMON + knobs)))
        self.id = req["id"]
        self.strategy = strategy
        self.function = req["function"]
        if self.function not in FUNCTIONS:
            raise BadRequest("unknown function %s; allowed: %s"
                             % (json.dumps(self.function), ", ".join(FUNCTIONS)))
        self.size = _int_field(req, "size", 1, None, ">= 1")
        self.seed = _int_field(req, "seed", 0, None, ">= 0")
        self.repeats = _int_field(req, "repeats", 1, 100000, "1 to 100000")
        if req["warmup"] == "settle":
            self.warmup = None
            self.settle = _settle_rule(req.get("settle"))
        else:
            self.warmup = _int_field(req, "warmup", 0, 100000, '0 to 100000, or "settle"')
            self.settle = None
        budget = req.get("cell_budget_s", 0)
        if isinstance(budget, bool) or not isinstance(budget, (int, float)) or \
                not 0 <= budget <= MAX_CELL_BUDGET_S:
            raise BadRequest("cell_budget_s: got %s; allowed: 0 (no budget) to %g seconds"
                             % (json.dumps(budget), MAX_CELL_BUDGET_S))
        self.cell_budget_s = float(budget)
        intensity = req.get("intensity", 1)
        if isinstance(intensity, bool) or intensity != 1:
            raise BadRequest("intensity: got %s, which the Python strategies do not support; "
                             "allowed: 1 (one call of the function per item)"
                             % json.dumps(intensity))
        self.events = req.get("events", True)
        if not isinstance(self.events, bool):
            raise BadRequest("events: got %s; allowed: true, false" % json.dumps(self.events))
        self.scheduler = req.get("scheduler")    # Dask clusters: an existing scheduler's address
        if self.scheduler is not None and (not isinstance(self.scheduler, str) or
                                           not self.scheduler.startswith("tcp://")):
            raise BadRequest("scheduler: got %s; allowed: \"tcp://HOST:PORT\", a Dask scheduler's "
                             "address (py-dask-cluster and py-dask-distributed)"
                             % json.dumps(self.scheduler))
        self.lose_worker = req.get("lose_worker", False)   # Dask clusters: kill one (lost.py)
        if not isinstance(self.lose_worker, bool):
            raise BadRequest("lose_worker: got %s; allowed: true, false"
                             % json.dumps(self.lose_worker))
        self.workers = 1
        self.splits = None
        self.splits_auto = False        # the library's own chunks (SPLITS_AUTO), splits None
        self.auto_chunks = None         # the chunks the engine expects of them, when it says
        self.chunksize = None           # None = auto (Python's own default)
        self.pool = None
        self.memmap = None
        if "workers" in knobs:
            self.workers = _int_field(req, "workers", 1, MAX_WORKERS, "1 to %d" % MAX_WORKERS)
        if "splits" in knobs and req["splits"] == "auto" and strategy in SPLITS_AUTO:
            self.splits_auto = True
            if "auto_chunks" in req:
                self.auto_chunks = _int_field(req, "auto_chunks", 1, self.size,
                                              "1 to size (%d)" % self.size)
        elif "splits" in knobs:
            self.splits = _int_field(req, "splits", 1, self.size, "1 to size (%d)%s" % (
                self.size, ', or "auto" (the library\'s own chunks)' if strategy in SPLITS_AUTO
                else ""))
        if self.lose_worker:
            self._check_lose_worker()
        if "chunksize" in knobs:
            if req["chunksize"] != "auto":
                self.chunksize = _int_field(req, "chunksize", 1, None, '>= 1 or "auto"')
        if "pool" in knobs:
            self.pool = req["pool"]
            if self.pool not in POOLS:
                raise BadRequest("pool: got %s; allowed: %s" % (json.dumps(self.pool),
                                                                ", ".join(POOLS)))
        if "memmap" in knobs:
            self.memmap = req.get("memmap", _DEFAULT_KNOBS["memmap"])
            if not isinstance(self.memmap, bool):
                raise BadRequest("memmap: got %s; allowed: true (joblib's default: arrays over "
                                 "1 MB memory-mapped), false (everything pickled)"
                                 % json.dumps(self.memmap))

    def _check_lose_worker(self):
        problem = lose_worker_problem(self.strategy, self.scheduler, self.workers)
        if problem:
            raise BadRequest("lose_worker: " + problem)

    @property
    def chunk_args(self):
        """Pool.map's chunksize argument: none at all for auto, as the tutorial's default."""
        return () if self.chunksize is None else (self.chunksize,)

    def effective_chunksize(self, n_tasks):
        """What Pool.map really uses for n_tasks items (its own formula for auto). The
        libraries: ProcessPoolExecutor.map's default is 1; a Dask task is one chunk; joblib
        re-sizes its batches (batch_size "auto", and the last ones of a whole batch_size), so
        its events are one a part (a delayed call, joblib's task)."""
        if self.strategy == "py-joblib":
            return 1
        if self.chunksize is not None:
            return self.chunksize
        if self.strategy in ONE_PART_A_TASK:
            return 1
        c, extra = divmod(n_tasks, self.workers * 4)
        return c + 1 if extra else c

    def describe(self):
        s = "%s %s n=%d" % (self.strategy, self.function, self.size)
        if self.strategy != "py-sequential":
            s += " W=%d" % self.workers
        if self.splits is not None:
            s += " splits=%d" % self.splits
        if self.splits_auto:
            s += " splits=auto"

        if "chunksize" in STRATEGIES[self.strategy]:
            s += " chunksize=%s" % ("auto" if self.chunksize is None else self.chunksize)
        if self.pool:
            s += " %s pool" % self.pool
        if self.scheduler and self.strategy in _CLUSTERS:
            s += " on the scheduler at %s" % self.scheduler
        if self.lose_worker:
            s += " losing a worker"
        if self.memmap is not None:
            s += " memmap %s" % ("on" if self.memmap else "off")
        return s


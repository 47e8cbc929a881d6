# SPDX-License-Identifier: GPL-3.0-or-later
"""Running a job: what a request prepares outside the timed region (Setup), one timed and
verified run (run_once), the warm-up and repetitions (run_job), and one cold run as the tutorial
timed it (run_as_tutorial)."""

import contextlib
import json
import math
import multiprocessing.pool

import numpy

from . import cluster, libraries, pools, workers
from .common import BadRequest, RunFailed, WorkerDied, clock
from .data import make_data, verify
from .probes import _import_numba, _import_numexpr, _import_optional
from .request import Job, first_run_is_timed, next_run
from .strategies import RUNNERS, STRATEGIES, numba_kernel
from .timing import Timing, phases_of, task_event

class Setup:
    """What a request prepares outside the timed region: data, numpy's reference result, warm
    pools and segments, compiled kernels. A context manager: closes what it made."""

    def __init__(self, job, data=None, reference=None):
        self.job = job
        if job.strategy in cluster.OWNER_COMPUTES and data is None:
            # Owner computes: the workers make the data; here only each chunk's checksum.
            self.data = None
            self.reference = cluster.reference_checksums(job) if reference is None \
                else reference
        else:
            self.data = make_data(job.size, job.seed, job.function) if data is None else data
            self.reference = getattr(numpy, job.function)(self.data) if reference is None \
                else reference
        self.pool = None
        self.segment = None
        self.chunk_log = None
        self.kernel = None
        self._stack = contextlib.ExitStack()

    def __enter__(self):
        try:
            self._prepare()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc):
        self._stack.close()
        return False

    def _prepare(self):
        job = self.job
        if job.strategy == "py-shm":
            # Start multiprocessing's resource tracker before any pool forks, so that workers
            # attaching a segment report to the same tracker as the parent (and not each start
            # their own, which would unlink the segment when the worker exits).
            from multiprocessing import resource_tracker
            resource_tracker.ensure_running()
        if job.strategy == "py-items" and job.events:
            self.chunk_log = workers._ChunkLog()
        if job.strategy == "py-numexpr":
            ne = _import_optional("numexpr", _import_numexpr)
            if job.workers > ne.MAX_THREADS:
                raise BadRequest("py-numexpr: workers must be 1 to %d (numexpr.MAX_THREADS), "
                                 "got %d" % (ne.MAX_THREADS, job.workers))
            ne.set_num_threads(job.workers)
            self.kernel = ne
            tiny = self.data[:4].copy()
            ne.evaluate("%s(data)" % job.function, local_dict={"data": tiny},
                        out=numpy.empty_like(tiny))
        if job.strategy == "py-numba":
            nb = _import_optional("numba", _import_numba)
            if job.workers > nb.config.NUMBA_NUM_THREADS:
                raise BadRequest("py-numba: workers must be 1 to %d (NUMBA_NUM_THREADS, fixed "
                                 "when numba is imported), got %d"
                                 % (nb.config.NUMBA_NUM_THREADS, job.workers))
            nb.set_num_threads(job.workers)
            self.kernel = numba_kernel(job.function)
            tiny = self.data[:4].copy()
            self.kernel(tiny, numpy.empty_like(tiny))     # compile outside the timed region
        libraries.prepare(self)
        cluster.prepare(self)
        if job.pool == "warm":
            self.pool = cluster.warm_pool(self) or self._stack.enter_context(self.fresh_pool())
            libraries.start_warm(self)
            if job.strategy == "py-shm":
                self.segment = self._stack.enter_context(pools.new_segment(job.size))

    def fresh_pool(self):
        """A pool for this job, as `with Pool(W) as pool:` would make it."""
        job = self.job
        scope = libraries.fresh_pool(self) or cluster.fresh_pool(self)
        if scope is not None:
            return scope
        if job.strategy in ("py-threads", "py-dask"):
            return pools._PoolScope(lambda: (multiprocessing.pool.ThreadPool(job.workers), []))
        if job.strategy == "py-items" and self.chunk_log is not None:
            return pools._PoolScope(lambda: pools._process_pool(
                job.workers, workers._items_worker_init, (self.chunk_log,)))
        init = workers._events_worker_init if job.events else workers._worker_init
        return pools._PoolScope(lambda: pools._process_pool(job.workers, init))

    def pool_scope(self):
        return contextlib.nullcontext(self.pool) if self.pool is not None \
            else self.fresh_pool()


def run_once(job, setup):
    """One timed run, verified: a dict with wall_s, phases, events, events_truncated, tasks,
    verified, max_ulp, mismatch_index and error ("" when verified)."""
    out, t = RUNNERS[job.strategy](job, setup)
    wall = t.end - t.t0
    events = []
    if t.stamps:
        first_start = {}
        for s in t.stamps:
            if s[2] < first_start.get(s[0], math.inf):
                first_start[s[0]] = s[2]
        ids = {o: i for i, o in enumerate(sorted(first_start, key=first_start.get))}
        events = [task_event(t, s, ids[s[0]], wall) for s in t.stamps]
    check = cluster.verify_checksums if job.strategy in cluster.CHECKSUMMED else verify
    ok, max_ulp, index, message = check(job, out, setup.reference)
    del out
    sample = {"wall_s": wall, "phases": phases_of(t), "events": events,
              "events_truncated": t.tasks is not None and t.tasks > len(events),
              "tasks": t.tasks, "verified": ok, "max_ulp": max_ulp, "mismatch_index": index,
              "error": message}
    if t.places is not None:     # where each worker ran, in the events' worker order
        sample["workers"] = [dict(t.places[o], worker=ids[o])
                             for o in sorted(t.places, key=lambda o: ids.get(o, len(ids)))
                             if o in ids]
    if t.loss is not None:       # Dask: a worker lost during the run, and what ran again
        sample["lost_workers"] = t.loss.reply()
    return sample


def run_job(job, emit, data=None, reference=None):
    """Warm-up and timed runs of one job; emit(sample) after each. Raises BadRequest or
    RunFailed (the sample that failed verification is emitted first)."""
    with Setup(job, data, reference) as setup:
        warm = []
        timed = []
        index = 0
        while True:
            step = next_run(job.warmup, job.settle, job.repeats, job.cell_budget_s, warm, timed)
            if step is None:
                break
            warming = step == "warmup"
            try:
                sample = run_once(job, setup)
            except (BadRequest, RunFailed):
                raise
            except WorkerDied as e:
                raise RunFailed("%s, run %d: %s" % (job.describe(), index, e)) from e
            except Exception as e:     # a worker died, a pool broke, memory ran out
                raise RunFailed("%s, run %d: %s: %s" % (job.describe(), index,
                                                       type(e).__name__, e)) from e
            if warming and first_run_is_timed(job.cell_budget_s, len(warm), sample["wall_s"]):
                warming = False
            sample["index"] = index
            sample["warmup"] = warming
            index += 1
            (warm if warming else timed).append(sample["wall_s"])
            emit(sample)
            if not sample["verified"]:
                raise RunFailed(sample["error"])

# As the tutorial timed it: one cold run in a fresh interpreter, numpy.random.rand inside the clock

TUTORIAL_DATA = "numpy.random.rand(n), made inside the timed region"


def tutorial_job(req):
    """A request timed the tutorial's way: one run (repeats 1, warmup 0), a fresh pool, the
    plain numpy function mapped (no stamping wrapper: its programs have none). Fields it fixes
    may be left out; given otherwise, they are refused."""
    if not isinstance(req, dict):
        raise BadRequest("a request is not a JSON object; allowed: one JSON object per line")
    req = dict(req)
    req.pop("op", None)
    fixed = {"repeats": 1, "warmup": 0, "events": False, "seed": 0}
    if "pool" in STRATEGIES.get(req.get("strategy"), ()):
        fixed["pool"] = "fresh"
    for key, value in fixed.items():
        if key == "seed":
            req.setdefault(key, value)      # unused: rand is unseeded, as in the tutorial
            continue
        if req.get(key, value) != value:
            raise BadRequest("%s: got %s; the tutorial timed one cold run (repeats 1, warmup 0) "
                             "of its plain program (events false) with a fresh pool, so allowed: "
                             "%s or leave it out" % (key, json.dumps(req[key]), json.dumps(value)))
        req[key] = value
    req.pop("settle", None)
    if req.get("strategy") in cluster.OWNER_COMPUTES:
        raise BadRequest("%s makes its data on its workers with the engine's generator; the "
                         "tutorial's numpy.random.rand in the client does not apply; allowed: "
                         "py-dask-cluster, or %s without the tutorial's timing"
                         % (req["strategy"], req["strategy"]))
    return Job(req)


def run_as_tutorial(job):
    """The one run of job as the tutorial's programs time it and print `Took`: the clock starts,
    numpy.random.rand(n) makes the data, the strategy runs with its fresh pool, the clock stops.
    The data's making counts in the startup phase (with the pool's). Refused once this
    interpreter has timed a run: the figure is a cold interpreter's. Verified afterwards against
    numpy's own result on the same data, outside the clock. A sample dict as run_once's, with
    "timing": "tutorial"."""
    if Timing.made:
        raise BadRequest("the tutorial's timing needs a fresh interpreter, and this one has timed "
                         "%d run(s) already; allowed: a tutorial request first (the engine "
                         "starts an interpreter for each)" % Timing.made)
    tiny = numpy.random.rand(4)        # what Setup prepares on (numexpr, numba); not timed
    with Setup(job, data=tiny, reference=tiny) as setup:
        try:
            start = clock()
            setup.data = numpy.random.rand(job.size)
            out, t = RUNNERS[job.strategy](job, setup)
        except (BadRequest, RunFailed):
            raise
        except WorkerDied as e:
            raise RunFailed("%s, timed as the tutorial: %s" % (job.describe(), e)) from e
        except Exception as e:     # a worker died, a pool broke, memory ran out
            raise RunFailed("%s, timed as the tutorial: %s: %s" % (job.describe(),
                                                                  type(e).__name__, e)) from e
        t.t0 = start
        reference = getattr(numpy, job.function)(setup.data)
        ok, max_ulp, index, message = verify(job, out, reference)
        del out, reference
    return {"index": 0, "warmup": False, "wall_s": t.end - start, "phases": phases_of(t),
            "events": [], "events_truncated": False, "tasks": t.tasks, "verified": ok,
            "max_ulp": max_ulp, "mismatch_index": index, "error": message,
            "timing": "tutorial", "data": TUTORIAL_DATA}


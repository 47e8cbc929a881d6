# SPDX-License-Identifier: GPL-3.0-or-later
"""Dask distributed: the experiment on a cluster of worker processes (dask.distributed's
LocalCluster, or the first W workers of an existing cluster's scheduler: the request's
"scheduler"), as a Python user moves to when one machine is not enough. A run_* function
returns (output, Timing), as those of strategies.py do.

  py-dask-cluster      the vector lives with the client: scattered as `splits` chunks
                       (numpy.array_split's sizes), f mapped on the workers, gathered into place
  py-dask-distributed  owner computes: each chunk made on its worker by the module's
                       counter-based generator (data.make_data), f applied there; only a
                       checksum of each chunk's result comes back

A worker lost during a run is found after it, and the request's "lose_worker" kills one in it
(lost.py): py-dask-distributed's tasks are run again by Dask, py-dask-cluster's scattered chunks
are scattered again by the client.

The cluster: LocalCluster(n_workers=W, threads_per_worker=1, processes=True), its scheduler in
this process, one Nanny each spawning a worker process. Fresh: started and closed inside the timed
region (startup and shutdown); warm: one cluster kept between requests while they ask for the
same W (a sweep's cells), closed when another W is asked for and when the interpreter exits.
Its scratch folder (dask-worker-space) is ours: made under a folder named with the interpreter's
shared-memory prefix, so the engine removes it with the segments after a SIGKILL, and removed
here after a fresh run, by the SIGTERM handler and at exit. The workers end with the interpreter:
distributed's AsyncProcess gives each a pipe whose other end only the interpreter holds, and a
thread that exits the worker when it reads EOF (the kernel closes that end when the interpreter
dies, however); they stay in its process group, so the engine's kill of the group ends them too.

Events are Dask's own records: the scheduler's task stream (each task's worker and startstops,
"transfer" and "compute" with the worker's time.time()), read after the run, outside the timed
region. A task is a chunk.
"""

import atexit
import contextlib
import logging
import os
import shutil
import socket
import sys
import tempfile
import time
import uuid

import numpy

from . import state
from .common import BadRequest, RunFailed, clock
from . import data, lost
from .data import _mix, make_data, part_bounds
from .timing import Timing

STRATEGIES = {
    "py-dask-cluster": ("workers", "splits", "pool"),
    "py-dask-distributed": ("workers", "splits", "pool"),
}
OWNER_COMPUTES = ("py-dask-distributed",)
CONNECT_TIMEOUT_S = 3.0  # an existing scheduler's answer
CHECKSUMMED = OWNER_COMPUTES     # verified by per-chunk checksums, not an output array


def _import_distributed():
    import cloudpickle
    import distributed
    # An existing cluster's workers may not have this package: the functions they run (and the
    # generator's) travel by value, as a notebook's would. Always: Dask caches a function's
    # pickle, so a LocalCluster's run must not leave one by reference for the next.
    for module in (sys.modules[__name__], data, lost):
        cloudpickle.register_pickle_by_value(module)
    return distributed


def _distributed():
    try:
        return _import_distributed()
    except Exception as e:     # noqa: BLE001 - reported as a failed request
        raise BadRequest("py-dask-cluster and py-dask-distributed need dask.distributed, which "
                         "cannot be imported here (%s: %s); install it with: apt-get install "
                         "python3-distributed" % (type(e).__name__, e))


# The cluster

def _scratch_base():
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


class ClusterScope:
    """`with LocalCluster(...) as cluster, Client(cluster) as client:` in a scratch folder of
    ours, the workers known to the signal handler. Entered: the client; exit closes the client
    and the cluster (the workers end) and removes the folder."""

    def __init__(self, job, distributed):
        self.job = job
        self.distributed = distributed
        self.folder = None
        self.cluster = None
        self.client = None
        self.places = {}      # worker address -> {"address", "host", "pid", "name"}: an
                              # existing cluster's, as at connect or the last run's records
        self.local = job.scheduler is None   # a LocalCluster: its workers share this clock
        self.workers = None   # an existing cluster's: the W addresses the run may use

    def __enter__(self):
        try:
            if self.local:
                self._start()
            else:
                self._connect()
            # The scheduler's task stream (a plugin), for the events; one tiny call.
            self.client.get_task_stream(start=0, stop=0)
        except BaseException:
            self.close()
            raise
        return self

    def _start(self):
        """A LocalCluster in a scratch folder of ours, its workers known to the signal
        handler."""
        self.folder = tempfile.mkdtemp(prefix=state._SHM_PREFIX + "dask-", dir=_scratch_base())
        state._LIVE_FOLDERS.add(self.folder)
        state._LIVE_POOLS[self] = self.processes
        d = self.distributed
        self.cluster = d.LocalCluster(
            n_workers=self.job.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, local_directory=self.folder, silence_logs=logging.ERROR)
        self.client = d.Client(self.cluster, set_as_default=False)

    def _connect(self):
        """An existing cluster: a client of its scheduler (3 s to answer), and its first W
        workers by address (the others get no task of ours)."""
        address = self.job.scheduler
        try:
            self.client = self.distributed.Client(address, timeout=CONNECT_TIMEOUT_S,
                                                  set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise RunFailed("nothing answers at the Dask scheduler %s within %g s (%s); start one "
                            "with dask-scheduler and dask-worker, or leave the scheduler out for a "
                            "LocalCluster" % (address, CONNECT_TIMEOUT_S, e)) from e
        addresses = sorted(self.client.scheduler_info()["workers"])
        if len(addresses) < self.job.workers:
            raise BadRequest("workers: got %d, but the Dask scheduler at %s has %d worker(s); "
                             "allowed: 1 to %d" % (self.job.workers, address, len(addresses),
                                                   len(addresses)))
        self.workers = addresses[:self.job.workers]
        self.worker_places()   # where they are, before a run may lose one (lost.found)

    def processes(self):
        """The worker processes (objects with a pid), for the SIGTERM handler."""
        procs = []
        for nanny in list(getattr(self.cluster, "workers", {}).values()):
            proc = getattr(getattr(nanny, "process", None), "process", None)
            if proc is not None and getattr(proc, "pid", None):
                procs.append(proc)
        return procs

    def known_places(self):
        """The run's workers as known without asking them: address -> place. A LocalCluster's
        from its Nannies (ours: their pids), an existing cluster's W from self.places."""
        if not self.local:
            return {a: self.places.get(a, {"address": a, "host": "", "pid": 0, "name": ""})
                    for a in self.workers}
        places = {}
        for name, nanny in list(getattr(self.cluster, "workers", {}).items()):
            address = getattr(nanny, "worker_address", None)
            proc = getattr(getattr(nanny, "process", None), "process", None)
            if address:
                places[address] = {"address": address, "host": socket.gethostname(),
                                   "pid": getattr(proc, "pid", None) or 0, "name": str(name)}
        return places

    def worker_places(self):
        """The scheduler's workers: address -> address, host (the worker machine's name), pid
        and name; and each one's scheduler_delay now (address -> seconds)."""
        info = self.client.scheduler_info()["workers"]
        facts = self.client.run(_worker_facts)
        self.places = {a: {"address": a, "host": facts.get(a, (0, 0.0, w.get("host", "")))[2],
                           "pid": facts.get(a, (0, 0.0))[0], "name": str(w.get("name", ""))}
                       for a, w in info.items()}
        return self.places, {a: f[1] for a, f in facts.items()}

    def healthy(self):
        try:
            have = set(self.client.scheduler_info()["workers"])
            return have.issuperset(self.workers) if self.workers else \
                len(have) == self.job.workers
        except Exception:     # noqa: BLE001 - a broken cluster is replaced
            return False

    def close(self):
        try:
            if self.client is not None:
                with contextlib.suppress(Exception):
                    self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            state._LIVE_POOLS.pop(self, None)
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
                state._LIVE_FOLDERS.discard(self.folder)

    def __exit__(self, *exc):
        self.close()
        return False


_KEPT = None     # the warm cluster kept between requests: a ClusterScope, entered


def _close_kept():
    global _KEPT
    kept, _KEPT = _KEPT, None
    if kept is not None:
        kept.close()


atexit.register(_close_kept)


def kept_cluster(job, distributed):
    """The warm cluster for job: the one kept if it has job's W workers, all alive, else a new
    one (the old one closed first)."""
    global _KEPT
    if _KEPT is not None and (_KEPT.job.workers != job.workers or
                              _KEPT.job.scheduler != job.scheduler or not _KEPT.healthy()):
        _close_kept()
    if _KEPT is None:
        _KEPT = ClusterScope(job, distributed).__enter__()
    return _KEPT


# The runs

def _keys(job):
    run = uuid.uuid4().hex[:12]
    return ["chunkscope-%s-%d" % (run, i) for i in range(job.splits)]


# How far before the run's start the task stream is read: its collect() bisects its buffer by the
# workers' stamps, which carry each worker's scheduler_delay (tenths of a second off on a busy
# machine), so a record of this run can lie before `since`; the keys pick this run's records.
_STREAM_MARGIN_S = 60.0
# How long to wait for records the scheduler has not noted yet (a bound on a hang: the results
# are in the client by now, and their records follow within milliseconds).
_STREAM_WAIT_S = 10.0


def _records(scope, keys, since):
    """Dask's task stream records of this run's tasks, by chunk index."""
    index = {k: i for i, k in enumerate(keys)}
    found = {}
    deadline = clock() + _STREAM_WAIT_S
    while True:
        for r in scope.client.get_task_stream(start=since - _STREAM_MARGIN_S):
            i = index.get(r.get("key"))
            if i is not None:
                found[i] = r
        if len(found) == len(keys) or clock() > deadline:
            return found
        time.sleep(0.01)


class _Transfers:
    """timing.task_event's view of the parent's stamps: with handed_out at t0 and a task's
    'asked' at its compute start minus the transfers Dask recorded before it, receive_s is
    that transfer time; nothing is stamped for the result's way back (send_s 0)."""

    def __init__(self, t0, n):
        self.handed_out = [t0] * n
        self.held = {}


def _worker_facts(dask_worker):
    """On a worker (Client.run): its pid, the offset it adds to its time.time() stamps
    (Worker.scheduler_delay: its estimate of the scheduler's clock, from its heartbeats) and
    its machine's name."""
    return os.getpid(), dask_worker.scheduler_delay, socket.gethostname()


def _set_records(t, job, scope, keys, since, items):
    """The run's first and last instants, stamps and worker places from Dask's records.
    A worker stamps time.time() plus its scheduler_delay (its estimate, from heartbeats, of how
    far the scheduler's clock is ahead); a worker on this machine (a LocalCluster's, or one of an
    existing cluster's whose host is this one) shares this process's clock, so the estimate
    (tenths of a second off on a busy machine) is taken off again; another machine's stamps
    stay on the scheduler's clock, taken to be this machine's (their skew is not measured).
    Then shifted onto this process's perf_counter."""
    shift = clock() - time.time()
    records = _records(scope, keys, since)
    places, delays = scope.worker_places()
    stamps = []
    for i in sorted(records):
        r = records[i]
        compute = [s for s in r.get("startstops", ()) if s.get("action") == "compute"]
        if not compute:
            continue
        here = scope.local or places.get(r["worker"], {}).get("host") == socket.gethostname()
        own = shift - (delays.get(r["worker"], 0.0) if here else 0.0)
        start = compute[0]["start"] + own
        end = compute[-1]["stop"] + own
        transfer = sum(s["stop"] - s["start"] for s in r["startstops"]
                       if s.get("action") == "transfer" and s["stop"] <= compute[0]["start"])
        stamps.append((r["worker"], i, start, end, items[i], start - transfer))
    if not stamps:
        return
    t.first = min(s[2] for s in stamps)
    t.last = max(s[3] for s in stamps)
    t.tasks = len(keys)
    t.stamps = stamps
    t.handed = _Transfers(t.t0, len(keys))
    t.places = {a: places.get(a, {"address": a, "host": "", "pid": 0, "name": ""})
                for a in {s[0] for s in stamps}}


def _read_records(t, job, scope, keys, since, bounds):
    """Dask's records of the run, read once its result is joined and before a fresh cluster
    is closed: the seconds the read takes are left out of the run (returned, for t.end)."""
    if not job.events:
        return 0.0
    start = clock()
    _set_records(t, job, scope, keys, since, [b - a for a, b in bounds])
    return clock() - start


def _wait_first(scope):
    """distributed.wait(return_when=FIRST_COMPLETED), on our client (see run_distributed)."""
    from distributed.client import _wait
    return lambda futures: scope.client.sync(_wait, futures, return_when="FIRST_COMPLETED")


def _after(t, scope, before, keys, loss):
    """After the run's timed region: the workers it lost (lost.found), a warm cluster's
    worker count restored (a fresh one is closed next)."""
    loss = lost.found(scope, before, keys, loss)
    if t.warm:
        lost.restored(scope, loss)
    return loss


def run_cluster(job, setup):
    """The split version on a Dask cluster: the client scatters numpy.array_split(data,
    splits) to the workers (client.scatter), maps f over the chunks where they are
    (client.map), gathers the results (client.gather) and copies them into place. Fresh: the
    LocalCluster started (its W workers spawned) and closed inside the timed region. With
    lose_worker, a worker is killed once a result is in (lost.lose): the chunks it held are
    scattered again from the client's copy (lost.rescatter)."""
    t = Timing()
    t.warm = setup.pool is not None
    func = getattr(numpy, job.function)
    keys = _keys(job)
    bounds = part_bounds(job.size, job.splits)
    since = time.time()
    t.t0 = clock()
    with setup.pool_scope() as scope:
        t.ready = clock()
        before = scope.known_places()
        client = scope.client
        out = numpy.empty_like(setup.data)
        parts = numpy.array_split(setup.data, job.splits)
        # hash=False: a key of its own per run (the data's hash would give a warm cluster's
        # next run the keys the last one is releasing, and Dask would cancel its tasks).
        chunks = client.scatter(parts, hash=False, workers=scope.workers)
        results = client.map(func, chunks, key=keys, pure=False, workers=scope.workers)
        loss = None
        if job.lose_worker:
            loss = lost.lose(scope, results, _wait_first(scope))
            results = lost.rescatter(scope, loss, parts, func, results, keys, scope.workers)
        for (a, b), r in zip(bounds, client.gather(results)):
            out[a:b] = r
        t.joined = clock()
        del chunks, results
        reading = clock()
        t.loss = _after(t, scope, before, keys, loss)
        reading = clock() - reading + _read_records(t, job, scope, keys, since, bounds)
    t.end = clock() - reading
    return out, t


def _owned_chunk(fname, seed, begin, count):
    """On a worker: items [begin, begin + count) of the vector, made here by the module's
    generator; it stays on the worker."""
    return make_data(count, seed, fname, begin=begin)


def _applied(fname, x):
    """On the worker holding chunk x: f(x), kept there."""
    return getattr(numpy, fname)(x)


_G = numpy.uint64(0x9e3779b97f4a7c15)


def chunk_checksum(values, first):
    """The sum (mod 2**64) over items of a mix of (position, bits): the checksums of disjoint
    chunks add up to the whole's, and each depends on every bit and where it sits."""
    with numpy.errstate(over="ignore"):
        z = values.view(numpy.uint64) ^ (numpy.arange(first, first + values.shape[0],
                                                      dtype=numpy.uint64) * _G)
        _mix(z, numpy.empty_like(z))
        return int(z.sum(dtype=numpy.uint64))


def reference_checksums(job):
    """What each chunk's checksum must be: the same generator and numpy's function here, one
    chunk at a time (outside the timed region)."""
    f = getattr(numpy, job.function)
    sums = numpy.empty(job.splits, dtype=numpy.uint64)
    for i, (a, b) in enumerate(part_bounds(job.size, job.splits)):
        x = make_data(b - a, job.seed, job.function, begin=a)
        f(x, out=x)
        sums[i] = chunk_checksum(x, a)
    return sums


def run_distributed(job, setup):
    """Owner computes, as mpi-distributed: before the work starts (not timed, as its ranks make
    their slices), client.map(_owned_chunk) makes each chunk of the vector on a worker with the
    counter-based generator; timed, client.map(_applied) applies f to each chunk where it lies
    and the client waits for them all: only their completion travels. After the run (not timed)
    each result's checksum comes back, compared with reference_checksums. With lose_worker, a
    worker holding results is killed once one is in (lost.lose): Dask runs again the tasks
    that made what it held, its chunks' included."""
    t = Timing()
    t.warm = setup.pool is not None
    keys = _keys(job)
    bounds = part_bounds(job.size, job.splits)
    n = job.splits
    # distributed.wait asks for a default client, which ours is not (set_as_default=False, so
    # that no other Dask code of this process runs on it): its coroutine, on our client.
    from distributed.client import _wait

    def wait(futures):
        scope.client.sync(_wait, futures)

    since = time.time()
    t.t0 = clock()
    with setup.pool_scope() as scope:
        t.ready = clock()
        before = scope.known_places()
        client = scope.client
        making = clock()
        chunks = client.map(_owned_chunk, [job.function] * n, [job.seed] * n,
                            [a for a, _ in bounds], [b - a for a, b in bounds], pure=False,
                            workers=scope.workers)
        wait(chunks)
        made = clock() - making
        results = client.map(_applied, [job.function] * n, chunks, key=keys, pure=False,
                             workers=scope.workers)
        # lose_worker: a worker holding results (and chunks) killed once one is in; Dask
        # makes what it held again, from the tasks that made it (lost.lose).
        loss = lost.lose(scope, results, _wait_first(scope)) if job.lose_worker else None
        wait(results)
        t.joined = clock()
        checks = client.map(chunk_checksum, results, [a for a, _ in bounds], pure=False,
                            workers=scope.workers)
        sums = numpy.array(client.gather(checks), dtype=numpy.uint64)
        ran = keys + [f.key for f in chunks] + [f.key for f in checks]
        del chunks, results, checks
        t.loss = _after(t, scope, before, ran, loss)
        reading = clock() - t.joined + _read_records(t, job, scope, keys, since, bounds)
    t.end = clock() - reading
    # The making is left out of the run: t0 and ready move on by its seconds (startup keeps its).
    t.t0 += made
    t.ready += made
    return sums, t


def verify_checksums(job, sums, reference):
    """data.verify for the checksummed strategies: each chunk's checksum against the one made
    here from the same generator -> (verified, max_ulp, mismatch_index, message); the index is
    the first item of the first chunk that differs."""
    if not isinstance(sums, numpy.ndarray) or sums.shape != reference.shape:
        return False, None, None, "%s: got %s, expected %d chunk checksums" % (
            job.strategy, getattr(sums, "shape", type(sums).__name__), reference.shape[0])
    wrong = numpy.flatnonzero(sums != reference)
    if not wrong.size:
        return True, 0, None, ""
    k = int(wrong[0])
    first = part_bounds(job.size, job.splits)[k][0]
    return False, None, first, (
        "%s: the checksum of chunk %d (items from %d) is %#x, expected %#x from numpy.%s on the "
        "same generator's items; %d of %d chunks differ" % (
            job.strategy, k, first, int(sums[k]), int(reference[k]), job.function, wrong.size,
            job.splits))


# What runs.Setup asks of this module

def prepare(setup):
    """dask.distributed imported (setup.kernel) for these strategies."""
    if setup.job.strategy in STRATEGIES:
        setup.kernel = _distributed()


def fresh_pool(setup):
    """A fresh cluster for these strategies, as their documentation makes it; None: not one."""
    if setup.job.strategy in STRATEGIES:
        return ClusterScope(setup.job, setup.kernel)
    return None


def warm_pool(setup):
    """The cluster kept between requests for a warm one; None: not one of these strategies."""
    if setup.job.strategy in STRATEGIES:
        return kept_cluster(setup.job, setup.kernel)
    return None


RUNNERS = {"py-dask-cluster": run_cluster, "py-dask-distributed": run_distributed}

# SPDX-License-Identifier: GPL-3.0-or-later
"""What a Dask cluster costs here (the dask-costs request, machine --dask): the figures the own
floors of py-dask-cluster and py-dask-distributed are built from (docs/python-protocol.md).

The cluster is cluster.py's ClusterScope, as the strategies make it: a LocalCluster of W
one-thread worker processes in a scratch folder of ours (the signal handler knows its workers
and folder), or the first W workers of an existing scheduler's cluster.

  start, close   a LocalCluster and its Client made (every worker up), at 1 worker (the better
                 of two) and at W: a fixed part and a part per worker; then closed. An existing
                 cluster is not started by the run: both 0.
  task           the scheduler's serial cost of one task on a warm cluster: tasks of no work on
                 chunks already on the workers (as the strategies' are) mapped and waited for in
                 a batch; the difference between a long and a short batch, per task. The
                 scheduler (in this process for a LocalCluster, with the client) handles a task
                 at a time whatever W is: what `splits` tasks add to a cell is this, times
                 splits, and more workers do not share it out.
  round trip     what a batch costs besides its tasks: a batch of one less its task.
  scatter        float64 arrays client.scatter-ed to one worker, bytes per second;
  gather         and gathered back into the client, as py-dask-cluster moves its chunks.
"""

import json
import math
import operator

import numpy

from .cluster import ClusterScope, _distributed
from .common import MAX_WORKERS, BadRequest, RunFailed, clock
from .costs import _best

DASK_COSTS_ARRAY_BYTES = 32 << 20    # one array of the bandwidth measurement
DASK_COSTS_TRIES = 3                 # each figure the best of a few
DASK_COSTS_SHORT = 20                # tasks of the short batch ...
DASK_COSTS_LONG = 220                # ... and of the long one
DASK_COSTS_WAIT_S = 60.0             # a bound on a hang: a batch or a transfer that never ends


class _Job:
    """What ClusterScope reads of a run request."""

    def __init__(self, workers, scheduler):
        self.workers = workers
        self.scheduler = scheduler


def check_request(workers, scheduler):
    """The request's fields, else BadRequest saying what was wrong and what is allowed."""
    if not isinstance(workers, int) or isinstance(workers, bool) or not 1 <= workers <= MAX_WORKERS:
        raise BadRequest("workers: got %s; allowed: an integer from 1 to %d"
                         % (json.dumps(workers), MAX_WORKERS))
    if scheduler is not None and (not isinstance(scheduler, str) or
                                  not scheduler.startswith("tcp://")):
        raise BadRequest("scheduler: got %s; allowed: \"tcp://HOST:PORT\", a Dask scheduler's "
                         "address, or none for a LocalCluster" % json.dumps(scheduler))


def _wait(scope, futures, what):
    """Every future done within DASK_COSTS_WAIT_S, else RunFailed naming what hung."""
    from distributed.client import _wait as wait_coroutine
    try:
        scope.client.sync(wait_coroutine, futures, timeout=DASK_COSTS_WAIT_S)
    except TimeoutError as e:
        raise RunFailed("the Dask cluster did not finish %s within %g s" % (what, DASK_COSTS_WAIT_S)) from e


def _started(distributed, job):
    """A cluster of job.workers entered, and the seconds its start took (Client included)."""
    t = clock()
    scope = ClusterScope(job, distributed).__enter__()
    return scope, clock() - t


def _closed(scope):
    t = clock()
    scope.close()
    return clock() - t


def _task_costs(scope):
    """One task's serial cost and a map's round trip, on tasks like the strategies' own: each
    takes a chunk that already lies on a worker (scattered before, untimed, as py-dask-cluster's
    are; py-dask-distributed's are made there) and returns a new one (operator.pos on a one-item
    array: no work to speak of). A task without such an input is a root task, which this Dask
    holds back until a worker has a free thread (worker-saturation): a round trip each, about
    three times the cost, which neither strategy pays. Batches of SHORT and LONG tasks mapped
    and waited for, each the best of a few: (long - short) / (LONG - SHORT) per task (the
    difference leaves out the round trip); and a batch of one less its task: the map submitted,
    the task's way to a worker and its news back (the pipeline filled and drained)."""
    client = scope.client
    inputs = client.scatter([numpy.zeros(1) for _ in range(DASK_COSTS_LONG)], hash=False,
                            workers=scope.workers)

    def batch(n):
        def go():
            futures = client.map(operator.pos, inputs[:n], pure=False, workers=scope.workers)
            _wait(scope, futures, "%d tasks of one item each" % n)
            del futures
        return go
    batch(DASK_COSTS_SHORT)()     # the workers' first tasks (imports, connections)
    short = _best(batch(DASK_COSTS_SHORT), DASK_COSTS_TRIES)
    long_ = _best(batch(DASK_COSTS_LONG), DASK_COSTS_TRIES)
    if long_ <= short:            # noise beat the difference: the long batch, per task
        task = long_ / DASK_COSTS_LONG
    else:
        task = (long_ - short) / (DASK_COSTS_LONG - DASK_COSTS_SHORT)
    round_trip = max(0.0, _best(batch(1), DASK_COSTS_TRIES) - task)
    return task, round_trip


def _bandwidths(scope):
    """client.scatter of a float64 array to one worker, and client.gather of it back; bytes per
    second, each the best of a few (a fresh key each time: nothing is cached)."""
    client = scope.client
    target = scope.workers[:1] if scope.workers else \
        sorted(client.scheduler_info()["workers"])[:1]
    arr = numpy.ones(DASK_COSTS_ARRAY_BYTES // 8)
    scatters, gathers = [], []
    for _ in range(DASK_COSTS_TRIES):
        t = clock()
        future = client.scatter(arr, workers=target, hash=False, broadcast=False,
                                timeout=DASK_COSTS_WAIT_S)
        scatters.append(clock() - t)
        t = clock()
        back = client.gather(future)
        gathers.append(clock() - t)
        if back.shape != arr.shape:
            raise RunFailed("the Dask cluster gathered %s, not the scattered %s"
                            % (back.shape, arr.shape))
        del future, back
    return arr.nbytes / min(scatters), arr.nbytes / min(gathers)


def measure_dask_costs(workers, scheduler=None):
    """The dask-costs request: each figure with its unit in its name; a few seconds."""
    check_request(workers, scheduler)
    distributed = _distributed()
    t = clock()
    res = {"type": "dask-costs", "workers": workers, "scheduler": scheduler}
    close_1 = None
    if scheduler is None:
        # The start at 1 worker, the better of two (the first start in a process pays once for
        # what later ones reuse), then at W (kept for the rest), as fixed + per worker.
        start_1 = math.inf
        for i in range(2):
            scope, t_1 = _started(distributed, _Job(1, None))
            start_1 = min(start_1, t_1)
            if i == 1 and workers == 1:
                break            # kept: the cluster of W = 1
            t_close = _closed(scope)
            close_1 = t_close if close_1 is None else min(close_1, t_close)
        per_worker = 0.0
        if workers > 1:
            scope, start_w = _started(distributed, _Job(workers, None))
            per_worker = max(0.0, (start_w - start_1) / (workers - 1))
        res.update(start_s=max(0.0, start_1 - per_worker), start_per_worker_s=per_worker)
    else:
        scope, _ = _started(distributed, _Job(workers, scheduler))
        res.update(start_s=0.0, start_per_worker_s=0.0)     # not ours to start
    try:
        res["task_s"], res["round_trip_s"] = _task_costs(scope)
        res["scatter_bytes_per_s"], res["gather_bytes_per_s"] = _bandwidths(scope)
    finally:
        close_w = _closed(scope)
    # An existing cluster stays up: only our client closes.
    res["close_s"] = 0.0 if scheduler is not None else min(close_w, close_1 or close_w)
    res["measured_in_s"] = clock() - t
    return res


# SPDX-License-Identifier: GPL-3.0-or-later
"""A Dask worker lost during a run (py-dask-cluster, py-dask-distributed): found after every
run, and made to happen by the request's "lose_worker" (the CLI's --dask-lose-worker).

Found: the workers the cluster had when the run started that the scheduler no longer has at its
end (an address, a host, a pid, a name: ClusterScope.known_places), and how many of the run's
tasks Dask sent to a worker more than once (the scheduler's transition log: a task's every
'processing'), of which how many had finished before (a second 'memory': a result lost with the
worker and computed again).

Made: once the first of the run's tasks has finished, the worker holding its result is killed
with SIGKILL, as a machine failing; the run waits (at most NOTICE_WAIT_S) until the scheduler
has removed it, then goes on. A LocalCluster's Nanny starts a new worker (a new address) in its
place. A task made what it holds (py-dask-distributed's chunks and results): Dask runs it again
elsewhere. Scattered data (py-dask-cluster's chunks) has no task: Dask forgets it and cancels
what needs it; the client still has the vector, so the run scatters those chunks again and maps
f over them (rescatter), as a scatter-based program must do itself.
"""

import collections
import os
import signal
import time

from .common import RunFailed, clock

NOTICE_WAIT_S = 10.0     # the scheduler notices a killed worker within milliseconds
RESTART_WAIT_S = 10.0    # a warm cluster's Nanny brings the worker back within a second or two


class Loss:
    """What one run lost: the workers, and what was run again because of them."""

    def __init__(self, caused):
        self.caused = caused          # killed by the request's lose_worker
        self.workers = []             # [{"address", "host", "pid", "name"}]
        self.tasks_rerun = 0          # the run's tasks sent to a worker again
        self.results_recomputed = 0   # of them: finished before, their result lost
        self.chunks_rescattered = 0   # py-dask-cluster: lost chunks scattered again by the client
        self.victim = None            # the place of the worker lose() killed

    def reply(self):
        return {"caused": self.caused, "workers": self.workers, "tasks_rerun": self.tasks_rerun,
                "results_recomputed": self.results_recomputed,
                "chunks_rescattered": self.chunks_rescattered}


def _gone(dask_scheduler, addresses):
    """On the scheduler: which of addresses it no longer has."""
    return [a for a in addresses if a not in dask_scheduler.workers]


def _reruns(dask_scheduler, keys):
    """On the scheduler: (keys sent to a worker more than once, keys that reached memory more
    than once), from its transition log."""
    keys = set(keys)
    processing = collections.Counter()
    memory = collections.Counter()
    for t in list(dask_scheduler.transition_log):
        if t.key in keys:
            if t.finish == "processing":
                processing[t.key] += 1
            elif t.finish == "memory":
                memory[t.key] += 1
    return (sum(1 for n in processing.values() if n > 1),
            sum(1 for n in memory.values() if n > 1))


def _forgotten(dask_scheduler, keys):
    """On the scheduler: the keys it no longer knows (lost data, and what needed it)."""
    return [k for k in keys if k not in dask_scheduler.tasks]


def found(scope, before, keys, loss=None):
    """After a run, outside its timed region: the Loss of a run that started with the workers
    `before` (address -> place) and ran `keys`, or None when no worker was lost. loss: the one
    the run made (lose), which this completes."""
    client = scope.client
    if loss is not None and loss.victim is not None:     # known to the run, known here
        before = dict(before, **{loss.victim["address"]: loss.victim})
    gone = client.run_on_scheduler(_gone, addresses=list(before))
    if loss is not None and loss.victim is not None and loss.victim["address"] not in gone:
        # The one it killed, though the Nanny's new worker may listen on its port again by now.
        gone.append(loss.victim["address"])
    if not gone:
        return loss
    loss = loss or Loss(caused=False)
    loss.workers = [before[a] for a in gone]
    loss.tasks_rerun, loss.results_recomputed = client.run_on_scheduler(_reruns, keys=list(keys))
    return loss


def lose(scope, futures, wait_first):
    """In the timed region: SIGKILL the worker holding the first finished of futures (the run's
    tasks), then wait until the scheduler has removed it. wait_first(futures) returns once one
    has finished. Returns the Loss (its workers filled in after the run, by found)."""
    client = scope.client
    wait_first(futures)
    done = [f for f in futures if f.status == "finished"]
    holders = client.who_has(done[:1]).get(done[0].key, ()) if done else ()
    places = scope.known_places()
    victim = next((a for a in holders if places.get(a, {}).get("pid")), None)
    if victim is None:
        raise RunFailed("lose_worker: no worker of ours holds a finished result of the run "
                        "(holders: %s)" % (", ".join(holders) or "none"))
    os.kill(places[victim]["pid"], signal.SIGKILL)
    deadline = clock() + NOTICE_WAIT_S
    while client.run_on_scheduler(_gone, addresses=[victim]) != [victim]:
        if clock() > deadline:
            raise RunFailed("lose_worker: the Dask scheduler did not notice within %g s that "
                            "the worker %s (pid %d) was killed" % (
                                NOTICE_WAIT_S, victim, places[victim]["pid"]))
        time.sleep(0.005)
    loss = Loss(caused=True)
    loss.victim = places[victim]
    return loss


def rescatter(scope, loss, parts, func, futures, keys, workers):
    """py-dask-cluster after a loss, in the timed region: the results the scheduler forgot
    (their scattered chunk was lost: no task can make it again) are made again from the
    client's copy: the chunk scattered again, f mapped over it under a new key (keys[i] is
    renamed, for the task stream). Returns futures with those replaced."""
    client = scope.client
    lost = set(client.run_on_scheduler(_forgotten, keys=[f.key for f in futures]))
    redo = [i for i, f in enumerate(futures) if f.key in lost]
    if not redo:
        return futures
    again = client.scatter([parts[i] for i in redo], hash=False, workers=workers)
    for i in redo:
        keys[i] += "-rescattered"
    remade = client.map(func, again, key=[keys[i] for i in redo], pure=False, workers=workers)
    futures = list(futures)
    for i, f in zip(redo, remade):
        futures[i] = f
    loss.chunks_rescattered += len(redo)
    return futures


def restored(scope, loss):
    """After a run that lost a worker of a warm LocalCluster: wait (bounded) until its Nanny
    has brought the worker count back, so the next run has its W workers (else the next run's
    health check replaces the cluster)."""
    if loss is None or not scope.local:
        return
    try:
        scope.client.wait_for_workers(scope.job.workers, timeout=RESTART_WAIT_S)
    except Exception:     # noqa: BLE001 - the next run's health check replaces the cluster
        pass

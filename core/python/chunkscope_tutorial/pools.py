# SPDX-License-Identifier: GPL-3.0-or-later
"""The process pools: Pool(W) made with every worker it forks logged, known to the signal
handler, mapped without waiting for ever on a lost worker, the parent's stamps of each task
(handed out, result held: the hooks into multiprocessing.pool's internals), and py-shm's
shared-memory segments, always unlinked."""

import contextlib
import itertools
import multiprocessing
import multiprocessing.pool
import os
import signal

from . import common, state
from .common import _CTX, WorkerDied, clock
from .workers import shm_output_offset

class _ForkLog:
    """The fork context, remembering every process forked through it."""

    def __init__(self):
        self.workers = []

    def __getattr__(self, name):
        return getattr(_CTX, name)

    def Process(self, *args, **kwds):
        proc = _CTX.Process(*args, **kwds)
        self.workers.append(proc)
        return proc


class _TaskStamps:
    """The items of one Pool.map, as the map takes them (len, iter), with the parent's stamps of
    its tasks. The pool's task thread pulls a task's items just before it pickles and writes
    the task: the first pull of task k stamps handed_out[k]. held[k]: when the parent's result
    thread handed task k's result, unpickled, to the map (filled by pool_map). `chunk` must be
    the map's own chunksize (Job.effective_chunksize). The first MAX_EVENTS tasks are kept."""

    def __init__(self, items, chunk):
        self.items = items
        self.chunk = max(1, chunk)
        self.handed_out = []
        self.held = {}

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return itertools.chain.from_iterable(self._tasks())

    def _tasks(self):
        items, chunk, handed_out = self.items, self.chunk, self.handed_out
        for a in range(0, len(items), chunk):
            if len(handed_out) < common.MAX_EVENTS:
                handed_out.append(clock())
            yield iter(items[a:a + chunk])


_MAP_RESULT_SET = None     # multiprocessing.pool.MapResult._set, before _stamp_results


def _held_set(self, i, success_result):
    """MapResult._set, stamped: the parent holds chunk i's result (its result thread has read
    and unpickled it). Kept on the MapResult, for pool_map to read once the map is done."""
    if i < common.MAX_EVENTS:
        held = self.__dict__.get("_chunkscope_held")
        if held is None:
            held = self._chunkscope_held = {}
        held[i] = clock()
    _MAP_RESULT_SET(self, i, success_result)


def _stamp_results():
    """Wraps MapResult._set once, for every map from then on: a wrapper on one map's result
    would come too late for a result that arrives before map_async has returned."""
    global _MAP_RESULT_SET
    cls = multiprocessing.pool.MapResult
    if cls.__dict__.get("_set") is not _held_set:
        _MAP_RESULT_SET = cls._set
        cls._set = _held_set


def _process_pool(workers, initializer, initargs=()):
    """Pool(W) with the fork start method, and the list of every worker it forks: the first
    ones and any replacement (a worker killed while the pool is being made may be replaced
    before Pool() returns)."""
    log = _ForkLog()
    return multiprocessing.pool.Pool(workers, initializer, initargs, context=log), log.workers


class _PoolScope:
    """`with Pool(W) as pool:` (exit = terminate), the pool known to the signal handler. The
    factory returns the pool and the list its workers are logged in (see _process_pool)."""

    def __init__(self, factory):
        self.factory = factory
        self.pool = None

    def __enter__(self):
        state._POOL_PARENT = os.getpid()
        # A worker inherits the parent's Python-level SIGTERM handler until the after-fork hook
        # resets it, and Python drops the signals that arrive before that: a pool terminated
        # while a worker is still starting (a one-task map is done by then) would wait for that
        # worker for ever. Blocked, the signal waits for the worker to unblock it. (The pool's
        # threads keep the mask: signals go to the main thread, which handles them anyway.)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, state._POOL_FORK_SIGNALS)
        try:
            self.pool, workers = self.factory()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        state._LIVE_POOLS[self.pool] = workers
        return self.pool

    def __exit__(self, *exc):
        try:
            self.pool.terminate()     # a no-op for a pool pool_map abandoned
        finally:
            state._LIVE_POOLS.pop(self.pool, None)
        return False


WORKER_POLL_S = 0.05       # how often pool_map looks for a dead worker while the map runs
_JOIN_S = 5.0              # the longest _abandon_pool waits for one of the pool's threads


def pool_map(pool, fn, items, chunk_args):
    """pool.map(fn, items, *chunk_args) on a process pool, which cannot lose a worker: Pool
    replaces a killed worker but not its tasks, so map() would wait for ever. Waits for the
    result in slices of WORKER_POLL_S and, when one of the pool's workers has ended (they do
    not end on their own: maxtasksperchild is None), abandons the pool and raises WorkerDied
    naming the worker and its signal. (A ThreadPool cannot lose a worker this way: a signal
    that kills a thread kills the whole interpreter.) items may be a _TaskStamps: its held
    stamps are filled when the map is done."""
    workers = state._LIVE_POOLS.get(pool) or list(pool._pool)
    when = "before Pool.map"        # while the pool was made, or a warm pool's between two runs
    result = None
    while True:
        dead = [p for p in list(workers) if p.exitcode is not None]
        if dead:
            _abandon_pool(pool)
            raise WorkerDied("; ".join(_worker_end(p, when) for p in dead))
        if result is None:
            if isinstance(items, _TaskStamps):
                _stamp_results()
            result = pool.map_async(fn, items, *chunk_args)
            when = "during Pool.map"
        result.wait(WORKER_POLL_S)
        if result.ready():
            if isinstance(items, _TaskStamps):
                items.held = result.__dict__.get("_chunkscope_held", {})
            return result.get()


def _worker_end(proc, when, what="Pool worker"):
    code = proc.exitcode
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "unknown"
        return "%s %d was killed by signal %d (%s) %s" % (what, proc.pid, -code, name, when)
    return "%s %d exited with status %d %s" % (what, proc.pid, code, when)


def _abandon_pool(pool):
    """Ends a process pool that lost a worker, where Pool.terminate() could block for ever: the
    dead worker may have held the task pipe's read lock (an idle worker waits for its next task
    holding it) or the result pipe's write lock, or left half a message in a pipe. Stops the
    pool forking replacements, SIGKILLs every worker, wakes the pool's threads by closing the
    pipe ends they block on, and cancels the pool's finaliser, so that a later terminate()
    does nothing."""
    mpp = multiprocessing.pool
    pool._state = mpp.TERMINATE
    for thread in (pool._worker_handler, pool._task_handler, pool._result_handler):
        thread._state = mpp.TERMINATE
    pool._change_notifier.put(None)
    pool._worker_handler.join(_JOIN_S)           # no replacement is forked after this
    procs = list(pool._pool) + list(state._LIVE_POOLS.get(pool, ()))
    for p in procs:
        if p.exitcode is None:
            p.kill()
    for p in procs:
        p.join(_JOIN_S)
    # Only workers read the task pipe: the task thread, perhaps blocked writing to it, gets
    # EPIPE and then sends its sentinel to the result pipe under that pipe's write lock. A live
    # holder (the task thread, writing a few bytes) lets go at once; one still holding it after
    # 0.2 s is a dead worker, and the lock is released for it.
    pool._inqueue._reader.close()
    lock = pool._outqueue._wlock
    lock.acquire(timeout=0.2)
    lock.release()
    pool._task_handler.join(_JOIN_S)
    pool._outqueue._writer.close()               # the result thread reads EOF
    pool._result_handler.join(_JOIN_S)
    pool._terminate.cancel()


@contextlib.contextmanager
def new_segment(n):
    """A SharedMemory segment PREFIX<counter> for n inputs and n outputs; always unlinked."""
    from multiprocessing import shared_memory
    name = state._SHM_PREFIX + str(next(state._SEGMENT_COUNTER))
    shm = shared_memory.SharedMemory(name=name, create=True, size=shm_output_offset(n) + n * 8)
    state._LIVE_SEGMENTS[name] = shm
    try:
        yield shm
    finally:
        try:
            shm.close()
        except BufferError:    # a view still exported; unlinking is what matters
            pass
        finally:
            state._LIVE_SEGMENTS.pop(name, None)
            shm.unlink()

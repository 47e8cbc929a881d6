# SPDX-License-Identifier: GPL-3.0-or-later
"""What a Python programmer reaches for after multiprocessing.Pool: concurrent.futures,
joblib and Dask, each run as its documentation shows it (to read beside it), with the pools they
run on. A run_* function returns (output, Timing), as those of strategies.py do.

  py-futures  concurrent.futures.ProcessPoolExecutor(W).map(f, parts, chunksize=C)
  py-joblib   joblib.Parallel(n_jobs=W, batch_size=C, max_nbytes=...)(delayed(f)(p) for p in parts)
  py-dask     dask.array.exp(dask.array.from_array(data, chunks=...)) stored into an output

The pools: a ProcessPoolExecutor forks (the same fork context as Pool) with every worker logged
for the signal handler; joblib's loky workers are its own (fork + exec) processes, found through
its executor, and its temporary folder is ours, removed after use; Dask runs on a ThreadPool.
"""

import concurrent.futures
import contextlib
import functools
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import threading
import time

import numpy

from . import pools, state, workers
from .common import MAX_EVENTS, RunFailed, WorkerDied, clock
from .data import part_bounds
from .probes import _import_dask, _import_joblib, _import_optional
from .timing import Timing, set_part_stamps


def _concatenate(t, job, results):
    """The parts' results (of workers._timed_call with events) -> the output, joined (t.joined),
    and the parts' stamps (owner, asked, start, end, items), None without events."""
    stamps = None
    if job.events:
        stamps = [(r[1], r[2], r[3], r[4], r[0].shape[0]) for r in results]
        results = [r[0] for r in results]
    result = numpy.concatenate(results)
    t.joined = clock()
    return result, stamps


def _ended(t, job, result, stamps):
    """Right after the pool's scope: the run's end, and its events from the parts' stamps."""
    t.end = clock()
    if stamps:
        set_part_stamps(t, job, stamps)
    return result, t


def _part_function(job):
    """What is mapped over the parts: numpy's function, or workers._timed_call stamping it."""
    return functools.partial(workers._timed_call, job.function) if job.events \
        else getattr(numpy, job.function)


# concurrent.futures

def run_futures(job, setup):
    """The standard library's pool: ProcessPoolExecutor(W).map(f, parts, chunksize=C) over
    numpy.array_split(data, splits), then numpy.concatenate. chunksize "auto" passes none:
    ProcessPoolExecutor.map's own default, 1 part a task (not Pool.map's ceil(n / (4 W))).
    Fresh: the executor made (its W workers forked) and shut down inside the timed region.
    Events: each part stamped by workers._timed_call, a task's parts merged; the executor has
    no hook for receive and send, so they are 0."""
    t = Timing()
    t.warm = setup.pool is not None
    fn = _part_function(job)
    t.t0 = clock()
    with setup.pool_scope() as executor:
        t.ready = clock()
        parts = numpy.array_split(setup.data, job.splits)
        watch = _WorkerWatch(executor, state._LIVE_POOLS.get(executor, ()))
        try:
            with watch:
                results = list(executor.map(fn, parts,
                                            chunksize=job.effective_chunksize(len(parts))))
        except concurrent.futures.process.BrokenProcessPool as e:
            _unblock_feeder(executor)
            raise WorkerDied(_lost_workers(executor, watch.first, "ProcessPoolExecutor worker",
                                           "during ProcessPoolExecutor.map")) from e
        result, stamps = _concatenate(t, job, results)
    return _ended(t, job, result, stamps)


def _lost_workers(pool, first, what, when):
    """Which of a broken pool's logged workers died, and how: `first` (the ones _WorkerWatch
    saw end first), else the ones not ended by the pool's own clean-up (SIGTERM, exit 0)."""
    procs = first or state._LIVE_POOLS.get(pool, ())
    deadline = clock() + 2.0
    # The executor's thread reaps its workers too: a status is seen once one of us has it.
    while any(p.exitcode is None for p in procs) and clock() < deadline:
        time.sleep(0.01)
    dead = [p for p in procs if p.exitcode is not None and p.exitcode != 0]
    first = [p for p in dead if p.exitcode != -signal.SIGTERM] or dead
    if not first:
        return "a %s ended (the pool broke)" % what
    return "; ".join(pools._worker_end(p, when, what) for p in first)


class _WorkerWatch:
    """While a ProcessPoolExecutor (or loky's, which is one) maps: a thread waiting on its
    workers' sentinels. A worker killed while it writes a result leaves half a message in the
    result pipe, and the executor's thread waits for the rest for ever (CPython 3.11, loky 3).
    When a worker ends, the watch notes it (first), kills the others, and closes this process's
    ends of the result pipe (the executor's thread reads EOF and breaks the pool) and of the
    task pipe (_unblock_feeder). One thread and one pipe a map, in the timed region."""

    def __init__(self, executor, procs):
        self.executor = executor
        self.procs = list(procs)
        self.first = []

    def __enter__(self):
        self.stop_r, self.stop_w = os.pipe()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    def _watch(self):
        wait = multiprocessing.connection.wait
        ready = wait([p.sentinel for p in self.procs] + [self.stop_r])
        self.first = [p for p in self.procs if p.sentinel in ready]
        if self.stop_r in ready:     # the map is over (the pool may have seen the death itself)
            return
        for p in self.procs:
            with contextlib.suppress(OSError):
                os.kill(p.pid, signal.SIGKILL)     # (loky's Popen has no kill())
        wait([p.sentinel for p in self.procs], 5.0)
        writer = getattr(getattr(self.executor, "_result_queue", None), "_writer", None)
        if writer is not None:
            writer.close()
        _unblock_feeder(self.executor)

    def __exit__(self, *exc):
        os.write(self.stop_w, b"x")
        self.thread.join()
        os.close(self.stop_r)
        os.close(self.stop_w)
        return False


def _unblock_feeder(executor):
    """A broken executor joins its call queue's feeder thread, which may be blocked for ever
    writing a part (more than a pipe holds) that no worker will read: this process holds the
    queue's read end too. Closed once the workers are gone, the write fails (EPIPE) and the
    executor's clean-up ends."""
    reader = getattr(getattr(executor, "_call_queue", None), "_reader", None)
    if reader is not None:
        reader.close()


class FuturesScope:
    """`with ProcessPoolExecutor(W) as executor:`, fork context, every worker logged (for the
    signal handler and for naming a lost worker) and forked before the scope is entered, with
    SIGTERM and SIGINT blocked as _PoolScope does. (With fork, the executor forks its W workers
    at the first submit; _start_executor_manager_thread is where it does.)"""

    def __init__(self, job):
        self.job = job
        self.executor = None

    def __enter__(self):
        state._POOL_PARENT = os.getpid()
        log = pools._ForkLog()
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, state._POOL_FORK_SIGNALS)
        try:
            self.executor = concurrent.futures.ProcessPoolExecutor(
                self.job.workers, mp_context=log, initializer=workers._worker_init)
            state._LIVE_POOLS[self.executor] = log.workers
            self.executor._start_executor_manager_thread()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return self.executor

    def __exit__(self, *exc):
        try:
            self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            state._LIVE_POOLS.pop(self.executor, None)
        return False


# joblib

def run_joblib(job, setup):
    """scikit-learn's engine: joblib.Parallel(n_jobs=W, batch_size=C or "auto",
    max_nbytes="1M" with memmap (joblib's default: arrays over 1 MB are written to a file in
    its temporary folder and memory-mapped by the workers) or None without (everything
    pickled), temp_folder=ours)(delayed(f)(p) for p in parts) on its default backend, loky,
    then numpy.concatenate. chunksize "auto" is batch_size="auto" (joblib sizes its batches
    from how long the last ones took). n_jobs=1 runs in this process (joblib's sequential
    backend). Fresh: a new Parallel per run, its loky executor shut down (workers killed) and
    its folder removed inside the timed region; warm: one `with Parallel(...) as parallel:`
    for the request. Events: each part stamped by workers._timed_call, one event a part (a
    delayed call, joblib's task): joblib re-sizes its batches (by their duration with "auto",
    and the last ones with a whole batch_size), so the parent cannot tell which parts went
    together. loky has no hook for receive and send: they are 0."""
    t = Timing()
    t.warm = setup.pool is not None
    delayed = setup.kernel.delayed
    fn = _part_function(job)
    t.t0 = clock()
    with setup.pool_scope() as parallel:
        t.ready = clock()
        parts = numpy.array_split(setup.data, job.splits)
        executor = getattr(parallel._backend, "_workers", None)     # None: n_jobs=1
        watch = _WorkerWatch(executor, getattr(executor, "_processes", {}).values())
        try:
            with watch:
                results = parallel(delayed(fn)(p) for p in parts)
        except Exception as e:
            if watch.first:
                raise WorkerDied(_lost_workers(parallel, watch.first, "joblib (loky) worker",
                                               "during Parallel")) from e
            if type(e).__name__ != "TerminatedWorkerError":
                raise
            raise WorkerDied(_loky_lost(e)) from e
        result, stamps = _concatenate(t, job, results)
    return _ended(t, job, result, stamps)


def _loky_lost(error):
    """loky kills every worker once one has died, so the pid is lost: its exit codes (in the
    error's text) say how."""
    text = str(error)
    codes = text.split("The exit codes of the workers are ", 1)
    how = codes[1].strip() if len(codes) == 2 else "unknown"
    return "a joblib (loky) worker was killed during Parallel (exit codes %s)" % how


def new_temp_folder():
    """A private folder for joblib's memmaps, in /dev/shm where it exists (joblib's own
    choice), else the temporary directory; known to the signal handler. Named with the shared
    memory prefix the engine gave this interpreter, so that the engine removes it with the
    segments when it has to kill the interpreter (SIGKILL leaves no handler to run)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    folder = tempfile.mkdtemp(prefix=state._SHM_PREFIX + "joblib-", dir=base)
    state._LIVE_FOLDERS.add(folder)
    return folder


def remove_temp_folder(folder):
    shutil.rmtree(folder, ignore_errors=True)
    state._LIVE_FOLDERS.discard(folder)


class JoblibScope:
    """`with Parallel(...) as parallel:` in a temporary folder of ours; on exit the loky
    executor is shut down with its workers killed (joblib would keep it for the next Parallel)
    and the folder removed. Its workers (loky starts them at the first call) are known to the
    signal handler through the executor."""

    def __init__(self, job, joblib):
        self.job = job
        self.joblib = joblib
        self.parallel = None
        self.folder = None

    def __enter__(self):
        job = self.job
        self.folder = new_temp_folder()
        try:
            self.parallel = self.joblib.Parallel(
                n_jobs=job.workers, batch_size="auto" if job.chunksize is None else job.chunksize,
                max_nbytes="1M" if job.memmap else None, temp_folder=self.folder)
            # Parallel has no initializer; loky's executor has, and Parallel passes it these.
            self.parallel._backend_args.update(initializer=workers._loky_worker_init,
                                               initargs=(os.getpid(),))
            self.parallel.__enter__()
            state._LIVE_POOLS[self.parallel] = self.processes
            executor = self.executor()
            if executor is not None:      # start the workers now (loky would at the first call)
                executor._ensure_executor_running()
        except BaseException:
            remove_temp_folder(self.folder)
            raise
        return self.parallel

    def executor(self):
        return getattr(self.parallel._backend, "_workers", None)

    def processes(self):
        return list(getattr(self.executor(), "_processes", {}).values())

    def __exit__(self, *exc):
        executor = self.executor()
        try:
            self.parallel.__exit__(None, None, None)
        finally:
            try:
                if executor is not None:
                    executor.terminate(kill_workers=True)
            finally:
                state._LIVE_POOLS.pop(self.parallel, None)
                remove_temp_folder(self.folder)
        return False


# Dask

def run_dask(job, setup):
    """Dask's array on its threaded scheduler, as workshops teach it: the vector as
    dask.array.from_array(data, chunks=...) in `splits` chunks (numpy.array_split's sizes), or
    with splits "auto" Dask's own chunks="auto" (from_array's default: chunks of its config's
    array.chunk-size, 128 MiB, so one chunk up to 16M doubles; dask_auto_chunks checked them),
    dask.array.exp(x) (the function by name) stored into an output made beforehand with
    dask.array.store(y, out, lock=False, scheduler="threads", pool=ThreadPool(W)). chunksize
    does not apply: a chunk is two tasks (its compute, then its store into the output), and an
    event. from_array names the array by hashing the data, as by default (in scatter, with
    building and optimising the graph). Fresh: the ThreadPool made and closed inside the timed
    region. Events: with events, y is x.map_blocks of a wrapper that calls the function and
    stamps the chunk (thread, start, end, size), and Dask's own task records (_DaskTaskRecords,
    its local scheduler's callbacks) give each chunk its receive (hand-out to compute start)
    and its send (compute end to the notice that it is stored)."""
    t = Timing()
    t.warm = setup.pool is not None
    da = setup.kernel
    data = setup.data
    func = getattr(numpy, job.function)
    chunks = "auto" if job.splits_auto else \
        (tuple(b - a for a, b in part_bounds(job.size, job.splits)),)
    stamps = []
    records = _DaskTaskRecords() if job.events else None
    watching = records.callback() if job.events else contextlib.nullcontext()

    def chunk(block, block_id=None):
        start = clock()
        y = func(block)
        stamps.append((block_id[0], threading.get_ident(), start, clock(), block.shape[0]))
        return y

    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        out = numpy.empty_like(data)
        x = da.from_array(data, chunks=chunks)
        y = x.map_blocks(chunk, dtype=data.dtype, meta=data[:0]) if job.events \
            else getattr(da, job.function)(x)
        with watching:
            da.store(y, out, lock=False, scheduler="threads", pool=pool)
        t.joined = clock()
    t.end = clock()
    if job.events:
        stamps.sort()
        records.finish(len(stamps))
        set_part_stamps(t, job, [(s[1], records.handed_out[s[0]] if s[0] < MAX_EVENTS else None,
                                  s[2], s[3], s[4]) for s in stamps], records)
    return out, t


class _DaskTaskRecords:
    """Dask's own records of a store's tasks, kept by its local scheduler's callbacks
    (dask.callbacks.Callback), which it calls in its own thread (dask/local.py, get_async):
    _pretask as it hands a task to the pool, _posttask as it takes in the task's result, with the
    worker's id. A chunk is two tasks, keyed (name, chunk index): its compute (getter and function
    fused) and its store into the output ("store-map-..."). handed_out[i]: chunk i's compute
    handed out; held[i]: chunk i's store noticed, its values in the output. Read as a pool's
    stamps (timing.task_event: receive = hand-out to compute start, send = compute end to the
    notice); the first MAX_EVENTS chunks are kept. Two clock reads and two dict writes per
    chunk, in the scheduler's thread."""

    def __init__(self):
        self._handed = {}
        self.handed_out = None      # a list by chunk index, once finished
        self.held = {}

    def finish(self, chunks):
        """After the store: handed_out as timing.task_event reads it, a list by chunk."""
        self.handed_out = [self._handed.get(i) for i in range(min(chunks, MAX_EVENTS))]

    def callback(self):
        """The callbacks, as Dask's documentation uses them: `with callback:` over the compute."""
        from dask.callbacks import Callback
        return Callback(pretask=self._pretask, posttask=self._posttask)

    @staticmethod
    def _chunk(key):
        """(chunk index, whether the key is a store), or None for a key of no chunk."""
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], int) \
                and key[1] < MAX_EVENTS and isinstance(key[0], str):
            return key[1], key[0].startswith("store-map-")
        return None

    def _pretask(self, key, dsk, state):
        chunk = self._chunk(key)
        if chunk is not None and not chunk[1]:
            self._handed[chunk[0]] = clock()

    def _posttask(self, key, result, dsk, state, worker_id):
        chunk = self._chunk(key)
        if chunk is not None and chunk[1]:
            self.held[chunk[0]] = clock()


def prepare(setup):
    """What Setup prepares for these strategies outside the timed region: the library imported
    (setup.kernel) and, for a warm pool, its workers started."""
    job = setup.job
    if job.strategy == "py-joblib":
        setup.kernel = _import_optional("joblib", _import_joblib)
    elif job.strategy == "py-dask":
        setup.kernel = _import_optional("dask", _import_dask)
        if job.splits_auto:
            dask_auto_chunks(job, setup.kernel)


def dask_auto_chunks(job, da):
    """Dask's own chunks of the vector (chunks="auto": its config's array.chunk-size), as
    from_array will make them; a run fails, before its runs, when they are not as many as the
    engine expects by Dask's documented default (core/src/engine/config.cpp's
    dask_auto_chunk_items), as when the user's Dask config changes array.chunk-size: the heatmap
    would put it on another row."""
    chunks = da.core.normalize_chunks("auto", (job.size,), dtype=numpy.float64)[0]
    if job.auto_chunks is not None and len(chunks) != job.auto_chunks:
        import dask
        raise RunFailed(
            "py-dask splits auto: Dask's chunks=\"auto\" makes %d chunk(s) of %d items here "
            "(dask.array.core.normalize_chunks; its config's array.chunk-size is %s), but the "
            "engine expects %d by Dask's documented default (array.chunk-size 128MiB): unset the "
            "change (DASK_ARRAY__CHUNK_SIZE, ~/.config/dask/*.yaml) or give splits a number"
            % (len(chunks), chunks[0], dask.config.get("array.chunk-size"), job.auto_chunks))
    return chunks


def fresh_pool(setup):
    """A pool for one of these strategies, as its documentation makes it; None: not one."""
    job = setup.job
    if job.strategy == "py-futures":
        return FuturesScope(job)
    if job.strategy == "py-joblib":
        return JoblibScope(job, setup.kernel)
    return None         # py-dask: a ThreadPool, as py-threads (runs.Setup.fresh_pool)


def start_warm(setup):
    """A warm joblib pool: its first call made before the timed runs, one tiny task a
    worker."""
    if setup.job.strategy == "py-joblib":
        delayed = setup.kernel.delayed
        setup.pool(delayed(abs)(-i) for i in range(setup.job.workers))


STRATEGIES = {
    "py-futures": ("workers", "splits", "chunksize", "pool"),
    "py-joblib": ("workers", "splits", "chunksize", "pool", "memmap"),
    "py-dask": ("workers", "splits", "pool"),
}
RUNNERS = {"py-futures": run_futures, "py-joblib": run_joblib, "py-dask": run_dask}
SPLITS_AUTO = ("py-dask",)     # take splits "auto": the library's own chunks (Job.splits_auto)
ONE_PART_A_TASK = ("py-futures", "py-joblib", "py-dask")   # auto: 1 (see Job.effective_chunksize)

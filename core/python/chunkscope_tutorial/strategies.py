#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's Python, for Chunkscope's engine and for bench/compare: one copy of its code.

SuperFastPython's "parallel NumPy vector math with multiprocessing" applies one NumPy function
(exp, log, sin, sqrt, tanh) to every item of a float64 vector, sequentially and with
multiprocessing.Pool. This module holds that code, and the fixes the tutorial points to (shared
memory, threads) and two libraries that parallelise the loop themselves (numexpr, numba), as
strategies that the C++ engine drives through a JSON-lines protocol (`serve`) and that
bench/compare runs as a plain script (`bench`). Standard library and numpy; numexpr and numba
are imported only when a strategy needs them. Run it with Debian's /usr/bin/python3.

Strategies (W = workers; parts = numpy.array_split's cut of the vector into `splits` parts):

  py-sequential  numpy.exp(data) on the whole vector
  py-items       Pool(W).map(numpy.exp, data, chunksize) then numpy.asarray; chunksize "auto"
                 passes none (Python's default: ceil(n / (4 W)) items per task)
  py-split       numpy.array_split(data, splits), Pool(W).map(f, parts, chunksize),
                 numpy.concatenate
  py-shm         one multiprocessing.shared_memory segment (input half, output half); data
                 copied in, Pool workers get (segment name, a, b) per part, attach by name (once
                 per worker and segment) and write numpy.exp(in[a:b], out=out[a:b]); results
                 copied out
  py-threads     multiprocessing.pool.ThreadPool(W), parts written in place with out=
  py-numexpr     numexpr.set_num_threads(W); numexpr.evaluate("exp(data)", out=out)
                 (W up to numexpr.MAX_THREADS, 64 by default)
  py-numba       @numba.njit(parallel=True) loop over numba.prange, numba.set_num_threads(W);
                 compiled before the timed runs (a call on a 4-item array). W up to
                 NUMBA_NUM_THREADS, which this module sets to twice the cores before importing
                 numba unless the environment sets it.

Process pools use the 'fork' start method. pool "fresh" makes and closes the pool INSIDE the
timed region, as the tutorial does (`with Pool(W) as pool:`, whose exit is Pool.terminate()).
pool "warm" makes it once before a request's runs, reuses it, and closes it after them; py-shm
with a warm pool also makes its segment once per request (a fresh py-shm run makes its segment
inside the timed region, as the tutorial's fix would). The output array is always made inside
the timed region. The data is made outside it by make_data: the engine's counter-based
formula (counter-v1), so both languages compute on the same vector, bit for bit.

Phases. Every run's wall time (time.perf_counter() from the start of the run to its end; on
Linux that clock is CLOCK_MONOTONIC, shared by the parent and its forked workers) is cut into
five phases at five instants: t0 (start), ready (the pool exists), first (the earliest task
start stamped by a worker), last (the latest task end stamped by a worker), joined (the result
is one array in the parent), end.

  startup   t0 -> ready: creating the Pool/ThreadPool (fresh pools only; 0 for warm pools and
            for py-sequential, py-numexpr and py-numba)
  scatter   ready -> first: from the start of the work to the first task starting in a worker:
            array_split, pickling and sending the first tasks, a worker receiving its first
            task; py-shm: also creating the segment (fresh) and copying the data into it;
            py-threads: making the output array
  compute   first -> last: first task start to last task end, from the workers' timestamps.
            Process pools keep pickling and unpickling parts in the parent during it.
  gather    last -> joined: last task end until the results are joined: receiving and
            unpickling the remaining results, numpy.concatenate (py-split) or numpy.asarray
            (py-items); py-shm: copying the results out of the segment
  shutdown  joined -> end: leaving `with Pool(W) as pool:` (terminate and join the workers);
            0 for warm pools

With a warm pool, ready is t0 and joined is end (startup and shutdown are exactly 0; the
microseconds of taking up and putting down the pool fall in scatter and gather). Strategies
without worker timestamps (py-sequential, py-numexpr, py-numba, or any run with "events":
false) count everything from ready to joined as compute. The instants are clamped
into order (t0 <= ready <= first <= last <= joined <= end), so the five phases are
non-negative and add up to the wall time.

Task events. A task is what the pool hands one worker at a time: `chunksize` consecutive parts
(py-split, py-shm, py-threads) or `chunksize` consecutive items (py-items). py-split, py-shm and
py-threads map a small wrapper that stamps each part (start, end, pid or thread ident); the
parent merges a task's parts (they run back to back on one worker) into one event. py-items
cannot wrap items without distorting the tutorial's per-item cost, so its workers replace
multiprocessing.pool.mapstar (the function that runs one chunk) with a copy that stamps the
chunk and writes (pid, task index, start, end, items, asked) into the row of its index in a
shared, anonymous mmap: two clock reads, one frame lookup and one lock (for the count and the
first and last stamps) per chunk, about 5 us, against about 2 ms of work in a 1000-item chunk.
An event is [worker, task, start_s, end_s, items, receive_s, send_s]: worker is 0-based,
numbered by first task start within the run (stable per pid or thread within it); start_s and
end_s (the compute) are seconds from the run's t0; receive_s is the time before start_s, send_s
the time after end_s, both >= 0, and start_s - receive_s >= 0, end_s + send_s <= wall_s.

  receive  for the process pools: from the later of two stamps until the compute starts. The
           parent stamps when its task thread begins to hand the task out (Pool.map pulls a
           task's items from the iterable just before it pickles and writes the task: the
           iterable is a wrapper that stamps the first pull of each task); the worker stamps
           when it begins to read the task's message (its task queue's recv_bytes, which
           SimpleQueue.get calls under the queue's read lock, so the worker in it is the one
           the next message goes to). Before the later of the two the task did not exist yet or
           its worker was busy: that is idle, not receive. It holds the parent pickling the
           task, the pipe, the worker unpickling it (py-items: every item a numpy scalar) and
           calling the mapped function; py-shm also attaches the segment by name (once per
           worker and segment).
  send     from the end of the compute until the parent holds the result: the worker pickling
           it and writing it to the result pipe, the parent's result thread reading and
           unpickling it, stamped where that thread hands it to the map's result
           (multiprocessing.pool.MapResult._set, which pool_map wraps once, for every pool,
           the first time it is asked for stamps).
  py-threads moves nothing (the parts are written in place): 0 and 0, as for every task whose
  stamps are missing. Per task this costs the worker one clock read more and the parent two
  (a few microseconds against the pickling of the task).

At most 200,000 events per run are kept (the first tasks by index; "events_truncated": true says
some were dropped, and "tasks" how many there were). py-sequential, py-numexpr and py-numba have
no events ([] and "tasks": null).

Verification. Every run's output is compared with numpy's own sequential result of the same
function on the same data (computed once per request, outside the timed region). NumPy-based
strategies must be bit-identical (numpy.array_equal; otherwise the first mismatching index is
reported). py-numexpr and py-numba use their own math libraries: their largest difference in
units in the last place (max_ulp, from the float64s' integer views) is always reported, and a
run passes while it is at most ULP_TOLERANCE. A run that fails verification ends its request
with status failed.

Protocol (`chunkscope_tutorial.py serve --shm-prefix PREFIX`). JSON objects, one per line:
requests on stdin, replies on stdout, flushed after each line. Nothing else is written to the
process's stdout: fd 1 is pointed at stderr at start (pool workers and stray prints inherit
that) and replies go to a private duplicate of the original stdout.

  on start  {"type":"hello","protocol":1,"python":"3.11.2","numpy":"1.24.2",
             "numexpr":"2.8.4"|null,"numba":"0.56.4"|null,"pid":1234,
             "functions":[...],"strategies":{"py-split":["workers","splits","chunksize",
             "pool"],...},"max_events":200000,"ulp_tolerance":16}
            with "numexpr_error"/"numba_error" (the import error's text) where null. The imports
            are tried in a forked child, so the server stays as lean as a plain script.
  run       {"op":"run","id":7,"strategy":"py-split","function":"exp","size":10000000,
             "seed":20230501,"workers":2,"splits":64,"chunksize":1,"pool":"fresh",
             "repeats":3,"warmup":1,"intensity":1}
            Required: id, strategy, function, size, seed, repeats, warmup, and the strategy's
            knobs (the "strategies" table in hello); knobs of other strategies are ignored.
            Optional: intensity (only 1 is allowed), events (true; false maps the plain numpy
            function, no wrapper, and gives no events), cell_budget_s (0: none; seconds the
            warm-up and repetitions may take, see next_run). chunksize: an integer >= 1 or "auto".
            Replies, per run (warm-up runs first, flagged):
            {"type":"sample","id":7,"index":0,"warmup":true,"wall_s":0.31,
             "phases":{"startup":..,"scatter":..,"compute":..,"gather":..,"shutdown":..},
             "events":[[worker,task,start_s,end_s,items,receive_s,send_s],...],
             "events_truncated":false,
             "tasks":64,"verified":true,"max_ulp":0,"mismatch_index":null}
            (a module before receive_s and send_s wrote events of 5 fields; the engine reads
            5 or 7) then {"type":"done","id":7,"status":"ok"}
            or   {"type":"done","id":7,"status":"failed","error":"..."}
  check     {"op":"check","strategy":"py-numba"} ->
            {"type":"check","strategy":"py-numba","available":true|false,"reason":"...",
             "install":"apt-get install python3-numba","version":"0.56.4"|null}
            ("reason" and "install" are "" when available; "id" is echoed when given)
  costs     {"op":"costs","workers":2} -> {"type":"costs","workers":2,
             "numpy_ns_per_item":{"exp":..,...},"pickle_send_bytes_per_s":..,
             "unpickle_receive_bytes_per_s":..,
             "pool_start_s":..,"pool_start_per_worker_s":..,"pool_close_s":..,
             "pool_task_s":..,"item_pickle_s":..,"item_call_s":..,"measured_in_s":..}
            What the mechanisms cost here, each the fastest of a few tries (about half a
            second in all): numpy.f(x, out=y) per item on 64K items in cache, one core; 1 MiB
            float64 arrays pickled and written to a pipe (a forked process reading raw bytes),
            and read from a pipe and unpickled (a forked process writing them); Pool(W) made
            until every worker ran a task, as fixed + per-worker parts from W = 1 and W;
            Pool.terminate(); one task of Pool.map(f, range(1000), 1) on a warm pool; one
            numpy.float64 in a list pickled and unpickled, and numpy.exp called on it.
  tutorial  {"op":"tutorial", ...the fields of run...}: one run timed as the tutorial's
            programs time it (run_as_tutorial): the clock starts before numpy.random.rand(n)
            makes the data (counted in startup), the pool is fresh, the plain function is
            mapped (no events), no warm-up. repeats, warmup, pool and events may be left out;
            given, they must be 1, 0, "fresh" and false. Refused by an interpreter that has
            timed a run already (the engine starts one per tutorial request). Replies: one
            sample with "timing":"tutorial" and "data", then done, as for run.
  quit      {"op":"quit"} -> exits 0, as does EOF on stdin.
  A bad request (not JSON, unknown op, strategy, function or field, a missing field, size < 1,
  splits > size, workers outside 1..256, intensity != 1, ...) gets {"type":"done","id":...,
  "status":"failed","error":"what was wrong; what is allowed"} (id null if it had none) and the
  server goes on serving.

A lost pool worker: Pool replaces a worker that was killed, but not its tasks, and its
terminate() can wait for ever on a lock the dead worker held. So py-items, py-split and py-shm
map with pool_map: map_async, waited for in slices of WORKER_POLL_S (50 ms), between which the
workers the pool has ever forked are checked (they never exit on their own: maxtasksperchild
is None). A dead one, even one lost while the pool was made or between two runs of a warm pool,
ends the run: the pool is torn down without terminate() (every worker SIGKILLed, its
threads woken by closing their pipes) and the request fails with, e.g., "py-split exp n=10000000
W=2 splits=64 chunksize=1 fresh pool, run 3: Pool worker 1234 was killed by signal 9 (SIGKILL)
during Pool.map"; the server serves on. (py-threads cannot lose a worker: a signal that kills a
thread kills the interpreter.) While a pool forks, SIGTERM and SIGINT are blocked: Python
drops a signal that reaches a worker before its after-fork hook has reset the parent's handler,
and terminate() would then wait for that worker for ever.

Shared memory: every segment is named PREFIX + a counter (/dev/shm/PREFIX0, PREFIX1, ...) and is
unlinked in a finally. If the interpreter is SIGKILLed the engine removes them by prefix.
SIGTERM (or SIGINT) makes the interpreter unlink its segments, SIGKILL its pool workers and exit
at once (status 128 + signal). Pool workers ask the kernel for SIGKILL when the interpreter dies
(PR_SET_PDEATHSIG) and stay in its process group (nothing calls setsid), so killing the group
ends them too.

`chunkscope_tutorial.py bench ...` runs the tutorial's experiments (sequential, pool-map-1000,
pool-split-64, shared-memory, threadpool, the 8 x 8 sweep; numexpr and numba on request) on the
same strategy functions and prints a table or, with --json, one JSON document; see bench --help.
"""

import argparse
import contextlib
import ctypes
import functools
import itertools
import json
import math
import mmap
import multiprocessing
import multiprocessing.pool
import os
import platform
import signal
import statistics
import sys
import threading
import time

try:
    import numpy
except ImportError:  # pragma: no cover - environment problem, explained to the user
    sys.stderr.write("chunkscope_tutorial.py: numpy is not importable by %s.\n"
                     "Run it with Debian's Python: /usr/bin/python3 (apt-get install "
                     "python3-numpy)\n" % sys.executable)
    sys.exit(2)

PROTOCOL = 1
FUNCTIONS = ("exp", "log", "sin", "sqrt", "tanh")
PHASES = ("startup", "scatter", "compute", "gather", "shutdown")
POOLS = ("fresh", "warm")
MAX_EVENTS = 200_000
MAX_WORKERS = 256
ULP_TOLERANCE = 16     # py-numexpr and py-numba against numpy's own loops

# The knobs each strategy takes: one table for validation, the hello message and bench.
STRATEGIES = {
    "py-sequential": (),
    "py-items": ("workers", "chunksize", "pool"),
    "py-split": ("workers", "splits", "chunksize", "pool"),
    "py-shm": ("workers", "splits", "chunksize", "pool"),
    "py-threads": ("workers", "splits", "chunksize", "pool"),
    "py-numexpr": ("workers",),
    "py-numba": ("workers",),
}
PROCESS_POOLS = ("py-items", "py-split", "py-shm")
EXACT = ("py-sequential", "py-items", "py-split", "py-shm", "py-threads")
OPTIONAL_PACKAGES = {"py-numexpr": "numexpr", "py-numba": "numba"}

clock = time.perf_counter
_CTX = multiprocessing.get_context("fork")


class BadRequest(ValueError):
    """A request that cannot be run; the message says what was wrong and what is allowed."""


class RunFailed(RuntimeError):
    """A run that went wrong (wrong output, a worker failed); the request ends with it."""


class WorkerDied(RuntimeError):
    """A process pool's worker ended (killed, say) during a run: Pool.map would never return."""


# --------------------------------------------------------------------------------------------
# Process state: what a signal handler must clean up, and the worker side

_MAIN_PID = os.getpid()
_LIVE_POOLS = {}           # pool -> every worker it forked; the SIGTERM handler kills them
_LIVE_SEGMENTS = {}        # name -> SharedMemory the SIGTERM handler unlinks
_PRIVATE_FDS = []          # the protocol's fds; pool workers close them
_SEGMENT_COUNTER = itertools.count()
_SHM_PREFIX = "chunkscope-py-%d-" % os.getpid()
_PID = os.getpid()         # this worker's pid, set by the pool initialisers
_POOL_PARENT = os.getpid()  # the process making pools; a worker whose parent is gone exits
_PR_SET_PDEATHSIG = 1
_POOL_FORK_SIGNALS = {signal.SIGTERM, signal.SIGINT}    # blocked while a pool forks


def _worker_init():
    """Every pool worker: default SIGTERM (Pool.terminate), Ctrl-C left to the parent, SIGKILL
    when the parent dies, no protocol fds. (A pool worker of a run with events starts with
    _events_worker_init or _items_worker_init instead, which call this.)"""
    global _PID
    _PID = os.getpid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _POOL_FORK_SIGNALS)   # see _PoolScope
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != _POOL_PARENT:   # the parent died before prctl took effect
        os._exit(1)
    for fd in _PRIVATE_FDS:
        try:
            os.close(fd)
        except OSError:
            pass


_ASKED = None             # worker side: when it began to read its current task's message


class _AskingReader:
    """A pool worker's end of the task queue, stamping _ASKED as the worker begins to read a
    message: SimpleQueue.get calls recv_bytes holding the queue's read lock, so the worker in it
    is the one the next task goes to."""

    def __init__(self, conn):
        self._conn = conn

    def recv_bytes(self, *args):
        global _ASKED
        _ASKED = clock()
        return self._conn.recv_bytes(*args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _stamp_asking(pool_worker):
    """In a pool worker's initialiser: wrap the task queue's reader of multiprocessing.pool's
    worker(inqueue, outqueue, ...), whose frame is pool_worker. Not found (another Python's
    Pool): _ASKED stays None and the tasks get no receive."""
    inqueue = pool_worker.f_locals.get("inqueue") if pool_worker is not None else None
    reader = getattr(inqueue, "_reader", None)
    if reader is not None and hasattr(reader, "recv_bytes"):
        inqueue._reader = _AskingReader(reader)


def _events_worker_init():
    """A pool worker of py-split or py-shm with events: _worker_init, and _ASKED stamped."""
    _worker_init()
    _stamp_asking(sys._getframe(1))


def _on_signal(signum, frame):
    """SIGTERM / SIGINT in the parent: unlink segments, kill pool workers, exit now."""
    if os.getpid() != _MAIN_PID:       # a worker forked before its initialiser ran
        os._exit(128 + signum)
    for shm in list(_LIVE_SEGMENTS.values()):
        try:
            shm.unlink()
        except Exception:
            pass
    for pool in list(_LIVE_POOLS):
        for proc in list(getattr(pool, "_pool", ()) or ()):
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except (OSError, AttributeError, TypeError):
                pass
    try:
        os.write(2, b"chunkscope_tutorial.py: stopped by signal %d\n" % signum)
    except OSError:
        pass
    os._exit(128 + signum)


def _child_signals():
    # Right after every fork: a child must not run the parent's handler (it would be deferred
    # while the child waits in C, leaving it deaf to Pool.terminate's SIGTERM).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _POOL_FORK_SIGNALS)


def install_signal_handlers():
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _on_signal)
    os.register_at_fork(after_in_child=_child_signals)


def set_shm_prefix(prefix):
    global _SHM_PREFIX
    if not prefix or "/" in prefix or "\0" in prefix or len(prefix) > 200:
        raise BadRequest("shm prefix %r: needs 1 to 200 characters, no '/'" % (prefix,))
    _SHM_PREFIX = prefix


def _timed_call(fname, x):
    """py-split's mapped function: one part, stamped (and when its task's message was asked
    for: the parts of one task share it)."""
    start = clock()
    y = getattr(numpy, fname)(x)
    return y, _PID, _ASKED, start, clock()


_SHM_ATTACHED = {}         # worker side: segment name -> (SharedMemory, input view, output view)


def shm_output_offset(n):
    """Where py-shm's n outputs start in its segment: after the n inputs, on a 64-byte boundary
    and one 64-byte line further. NumPy (1.24) takes its SIMD loop only when the input and the
    output do not touch, and counts two adjacent ranges as touching: with the output right
    after the input, numpy.exp ran its scalar loop, slower and (on AVX-512 CPUs, where the
    SIMD loop is SVML's) up to 1 ulp from numpy.exp(data)."""
    return (n * 8 + 63) // 64 * 64 + 64


def _shm_pair(shm, n):
    return (numpy.ndarray((n,), numpy.float64, buffer=shm.buf, offset=0),
            numpy.ndarray((n,), numpy.float64, buffer=shm.buf, offset=shm_output_offset(n)))


def _shm_views(name, n):
    v = _SHM_ATTACHED.get(name)
    if v is None:
        from multiprocessing import shared_memory
        shm = shared_memory.SharedMemory(name=name)
        v = (shm,) + _shm_pair(shm, n)
        _SHM_ATTACHED[name] = v
    return v


def _shm_part(task):
    """py-shm's mapped function: attach by name (once; the task's receive), compute in[a:b]
    into out[a:b], stamped."""
    name, n, fname, a, b = task
    _, src, dst = _shm_views(name, n)
    start = clock()
    getattr(numpy, fname)(src[a:b], out=dst[a:b])
    return _PID, _ASKED, start, clock()


def _shm_part_plain(task):
    name, n, fname, a, b = task
    _, src, dst = _shm_views(name, n)
    getattr(numpy, fname)(src[a:b], out=dst[a:b])


class _ChunkLog:
    """py-items' event buffer: an anonymous shared mmap made before the pool forks.
    Header (float64): count, earliest start, latest end (under the lock); then MAX_EVENTS
    rows of (pid, task, start, end, items, asked), row = the chunk's index (asked: when the
    worker began to read the chunk's message, NaN if not stamped). Every chunk of a run has
    finished when the parent reads, so rows 0 .. min(count, MAX_EVENTS) - 1 are this run's."""

    HEADER = 3
    COLUMNS = 6

    def __init__(self):
        self.mm = mmap.mmap(-1, 8 * (self.HEADER + self.COLUMNS * MAX_EVENTS))
        self.lock = _CTX.Lock()
        self.buf = numpy.frombuffer(self.mm, dtype=numpy.float64)
        self.rows = self.buf[self.HEADER:].reshape(MAX_EVENTS, self.COLUMNS)

    def reset(self):
        self.buf[0] = 0
        self.buf[1] = math.inf
        self.buf[2] = -math.inf

    def read(self):
        count = int(self.buf[0])
        return count, float(self.buf[1]), float(self.buf[2]), self.rows[:min(count, MAX_EVENTS)]


_CHUNK_LOG = None          # worker side


def _items_worker_init(log):
    global _CHUNK_LOG
    _worker_init()
    _stamp_asking(sys._getframe(1))
    _CHUNK_LOG = log
    multiprocessing.pool.mapstar = _stamped_mapstar


def _stamped_mapstar(args):
    """multiprocessing.pool.mapstar (`list(map(*args))`: one chunk of Pool.map), stamped."""
    start = clock()
    result = list(map(*args))
    end = clock()
    task = sys._getframe(1).f_locals.get("i")       # the chunk's index in Pool.worker
    log = _CHUNK_LOG
    with log.lock:
        buf = log.buf
        k = int(buf[0])
        buf[0] = k + 1
        if start < buf[1]:
            buf[1] = start
        if end > buf[2]:
            buf[2] = end
    if not isinstance(task, int):       # not found: the k-th chunk to finish, numbered later
        task, slot = -1, k
    else:
        slot = task                     # keeps the first MAX_EVENTS chunks by index
    if slot < MAX_EVENTS:
        log.rows[slot] = (_PID, task, start, end, len(args[1]),
                          math.nan if _ASKED is None else _ASKED)
    return result


# --------------------------------------------------------------------------------------------
# Optional packages

def probe_packages():
    """numexpr and numba: version or import error, tried in a forked child so that this
    process does not carry them (a fatter process forks its pools more slowly)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:       # child: import, report, _exit
        try:
            os.close(r)
            res = {}
            for name in ("numexpr", "numba"):
                try:
                    mod = __import__(name)
                    res[name] = str(mod.__version__)
                except BaseException as e:       # noqa: BLE001 - reported, not raised
                    res[name] = None
                    res[name + "_error"] = "%s: %s" % (type(e).__name__, e)
            os.write(w, json.dumps(res).encode())
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    with os.fdopen(r, "rb") as f:
        chunks.append(f.read())
    _, status = os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks).decode())
    except ValueError:
        why = ("the import probe died (%s)" % (
            "signal %d" % os.WTERMSIG(status) if os.WIFSIGNALED(status)
            else "exit %d" % os.WEXITSTATUS(status)))
        return {"numexpr": None, "numexpr_error": why, "numba": None, "numba_error": why}


def _import_numexpr():
    import numexpr
    return numexpr


def _import_numba():
    # numba sizes its thread pool at import (NUMBA_NUM_THREADS, default the core count); allow
    # up to twice the cores, as Chunkscope's scaling view asks, unless the user set it. (Not
    # once numba is imported: it re-reads the variable and refuses a change.)
    if "numba" not in sys.modules:
        os.environ.setdefault("NUMBA_NUM_THREADS", str(2 * (os.cpu_count() or 1)))
    import numba
    return numba


def _import_optional(package, importer):
    try:
        return importer()
    except Exception as e:     # noqa: BLE001 - reported as a failed request
        raise BadRequest("py-%s needs %s, which cannot be imported here (%s: %s); install it "
                         "with: apt-get install python3-%s"
                         % (package, package, type(e).__name__, e, package))


def check_strategy(name):
    """Whether a strategy can run here; for the check request."""
    if name not in STRATEGIES:
        raise BadRequest("unknown strategy %r; allowed: %s" % (name, ", ".join(STRATEGIES)))
    package = OPTIONAL_PACKAGES.get(name)
    res = {"type": "check", "strategy": name, "available": True, "reason": "", "install": "",
           "version": None}
    if package is None:
        res["version"] = numpy.__version__
        return res
    try:
        mod = __import__(package) if package in sys.modules else None
        if mod is None:
            found = probe_packages()
            if found.get(package) is None:
                raise ImportError(found.get(package + "_error") or "not importable")
            res["version"] = found[package]
        else:
            res["version"] = str(mod.__version__)
    except Exception as e:       # noqa: BLE001 - reported
        res.update(available=False, reason="%s cannot be imported: %s" % (package, e),
                   install="apt-get install python3-%s" % package)
    return res


# --------------------------------------------------------------------------------------------
# What the tutorial's mechanisms cost here (the costs request): the figures Chunkscope builds
# the Python strategies' own floors from

COSTS_ARRAY_BYTES = 1 << 20    # one message of the pickling measurement (about a part of 64 at 10M)
COSTS_TASKS = 1000             # tasks of the per-task measurement
COSTS_ITEMS = 5000             # items of the per-item measurements


def _noop(x):
    return x


def _best(fn, runs):
    """The fastest of `runs` calls of fn() (seconds): a mechanism's cost, not the noise."""
    best = math.inf
    for _ in range(runs):
        t = clock()
        fn()
        best = min(best, clock() - t)
    return best


def _numpy_ns_per_item():
    """One core, data in cache: numpy.f(x, out=y) on 64K items, per item."""
    x = make_data(1 << 16, 20230501)
    y = numpy.empty_like(x)
    res = {}
    for name in FUNCTIONS:
        func = getattr(numpy, name)
        src = numpy.abs(x) + 0.5 if name in ("log", "sqrt") else x
        res[name] = _best(lambda: func(src, out=y), 20) / len(x) * 1e9
    return res


def _pickle_bandwidth():
    """The parent's two sides of Pool.map's data path, in bytes per second of float64 arrays:
    pickling a part and writing it to a pipe (a forked reader takes the bytes as they come), and
    reading a result from a pipe and unpickling it (a forked writer sends ready-made bytes)."""
    from multiprocessing.reduction import ForkingPickler
    arr = numpy.ones(COSTS_ARRAY_BYTES // 8)
    blob = bytes(ForkingPickler.dumps(arr))
    messages = 8

    def timed(child, parent):
        reader, writer = _CTX.Pipe(duplex=False)
        ack_r, ack_w = _CTX.Pipe(duplex=False)
        proc = _CTX.Process(target=child, args=(reader, writer, ack_w), daemon=True)
        proc.start()
        try:
            return parent(reader, writer, ack_r)
        finally:
            proc.join(5)
            if proc.exitcode is None:
                proc.kill()
                proc.join()
            for c in (reader, writer, ack_r, ack_w):
                c.close()

    def raw_reader(reader, writer, ack_w):
        buf = bytearray(len(blob) + 4096)
        for _ in range(messages + 1):
            reader.recv_bytes_into(buf)
        ack_w.send_bytes(b"k")

    def send(reader, writer, ack_r):
        writer.send_bytes(ForkingPickler.dumps(arr))     # the reader is up and reading
        t = clock()
        for _ in range(messages):
            writer.send_bytes(ForkingPickler.dumps(arr))
        ack_r.recv_bytes()
        return messages * arr.nbytes / (clock() - t)

    def raw_writer(reader, writer, ack_w):
        for _ in range(messages + 1):
            writer.send_bytes(blob)

    def receive(reader, writer, ack_r):
        ForkingPickler.loads(reader.recv_bytes())
        t = clock()
        for _ in range(messages):
            ForkingPickler.loads(reader.recv_bytes())
        return messages * arr.nbytes / (clock() - t)

    return (max(timed(raw_reader, send) for _ in range(2)),
            max(timed(raw_writer, receive) for _ in range(2)))


def _pool_costs(workers):
    """Pool(W) made (every worker forked and running a task) and Pool.terminate(), for W = 1
    and `workers`; then one task's cost in Pool.map on a warm pool."""
    def made(w):
        starts, closes = [], []
        for _ in range(3):
            t = clock()
            with _PoolScope(lambda: _process_pool(w, _worker_init)) as pool:
                pool_map(pool, _noop, range(w), (1,))
                t_ready = clock()
            closes.append(clock() - t_ready)
            starts.append(t_ready - t)
        return min(starts), min(closes)

    start_1, close_1 = made(1)
    start_w, close_w = made(workers) if workers > 1 else (start_1, close_1)
    per_worker = max(0.0, (start_w - start_1) / (workers - 1)) if workers > 1 else 0.0
    with _PoolScope(lambda: _process_pool(workers, _worker_init)) as pool:
        pool_map(pool, _noop, range(workers), (1,))
        task = _best(lambda: pool_map(pool, _noop, range(COSTS_TASKS), (1,)), 3) / COSTS_TASKS
    return {"pool_start_s": max(0.0, start_1 - per_worker), "pool_start_per_worker_s": per_worker,
            "pool_close_s": min(close_1, close_w), "pool_task_s": task}


def _item_costs():
    """py-items' per-item work: pickling and unpickling one numpy.float64 in a chunk's list
    (done once each way), and the worker's numpy.exp call on it."""
    from multiprocessing.reduction import ForkingPickler
    items = list(make_data(COSTS_ITEMS, 20230501))
    pickle_s = _best(lambda: ForkingPickler.loads(ForkingPickler.dumps(items)), 5) / len(items)
    func = numpy.exp
    call_s = _best(lambda: [func(v) for v in items], 5) / len(items)
    return {"item_pickle_s": pickle_s, "item_call_s": call_s}


def measure_costs(workers):
    """The costs request: each figure with its unit in its name; about half a second."""
    if not isinstance(workers, int) or isinstance(workers, bool) or not 1 <= workers <= MAX_WORKERS:
        raise BadRequest("workers: got %s; allowed: an integer from 1 to %d"
                         % (json.dumps(workers), MAX_WORKERS))
    t = clock()
    send, receive = _pickle_bandwidth()
    res = {"type": "costs", "workers": workers, "numpy_ns_per_item": _numpy_ns_per_item(),
           "pickle_send_bytes_per_s": send, "unpickle_receive_bytes_per_s": receive}
    res.update(_pool_costs(workers))
    res.update(_item_costs())
    res["measured_in_s"] = clock() - t
    return res


# --------------------------------------------------------------------------------------------
# Requests

_COMMON = ("id", "strategy", "function", "size", "seed", "repeats", "warmup")
_OPTIONAL = ("op", "intensity", "events", "settle", "cell_budget_s")
_ALL_KNOBS = ("workers", "splits", "chunksize", "pool")


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
    (the same as warmup_done in core/src/warmup.cpp)."""
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
    next_run in core/src/warmup.cpp). A run is estimated as long as the latest; warm-up goes on
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
    first_run_is_timed in core/src/warmup.cpp): its cold start is small beside it."""
    return budget_s > 0 and warm_before == 0 and wall_s > budget_s


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
        missing = [k for k in _COMMON + knobs if k not in req]
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
        self.workers = 1
        self.splits = None
        self.chunksize = None           # None = auto (Python's own default)
        self.pool = None
        if "workers" in knobs:
            self.workers = _int_field(req, "workers", 1, MAX_WORKERS, "1 to %d" % MAX_WORKERS)
        if "splits" in knobs:
            self.splits = _int_field(req, "splits", 1, self.size,
                                     "1 to size (%d)" % self.size)
        if "chunksize" in knobs:
            if req["chunksize"] != "auto":
                self.chunksize = _int_field(req, "chunksize", 1, None, '>= 1 or "auto"')
        if "pool" in knobs:
            self.pool = req["pool"]
            if self.pool not in POOLS:
                raise BadRequest("pool: got %s; allowed: %s" % (json.dumps(self.pool),
                                                                ", ".join(POOLS)))

    @property
    def chunk_args(self):
        """Pool.map's chunksize argument: none at all for auto, as the tutorial's default."""
        return () if self.chunksize is None else (self.chunksize,)

    def effective_chunksize(self, n_tasks):
        """What Pool.map really uses for n_tasks items (its own formula for auto)."""
        if self.chunksize is not None:
            return self.chunksize
        c, extra = divmod(n_tasks, self.workers * 4)
        return c + 1 if extra else c

    def describe(self):
        s = "%s %s n=%d" % (self.strategy, self.function, self.size)
        if self.strategy != "py-sequential":
            s += " W=%d" % self.workers
        if self.splits is not None:
            s += " splits=%d" % self.splits
        if "chunksize" in STRATEGIES[self.strategy]:
            s += " chunksize=%s" % ("auto" if self.chunksize is None else self.chunksize)
        if self.pool:
            s += " %s pool" % self.pool
        return s


def part_bounds(n, parts):
    """[a, b) of each part, cut like numpy.array_split: the first n % parts get one more."""
    base, extra = divmod(n, parts)
    bounds, a = [], 0
    for i in range(parts):
        b = a + base + (1 if i < extra else 0)
        bounds.append((a, b))
        a = b
    return bounds


# counter-v1, the engine's generator (core/include/chunkscope/generator.h): item i depends only
# on (seed, i) and the function's input range, so the C++ engine and this module make the same
# vector. Every function's input range is (0, 1) today, as numpy.random.rand's was.
GENERATOR = "counter-v1"
INPUT_RANGE = dict.fromkeys(FUNCTIONS, (0.0, 1.0))
_GOLDEN = 0x9e3779b97f4a7c15


def _mix(z, t):
    """splitmix64's finaliser, in place on the uint64 array z (t: scratch of its size)."""
    u64 = numpy.uint64
    numpy.right_shift(z, u64(30), out=t)
    z ^= t
    z *= u64(0xbf58476d1ce4e5b9)
    numpy.right_shift(z, u64(27), out=t)
    z ^= t
    z *= u64(0x94d049bb133111eb)
    numpy.right_shift(z, u64(31), out=t)
    z ^= t


def make_data(size, seed, function="exp", begin=0, block=1 << 16):
    """Items [begin, begin + size) of the input vector: with key = mix(seed + G) and
    G = 0x9e3779b97f4a7c15, item i is u = ((mix(key + G (i + 1)) >> 12) + 0.5) 2**-52, in (0, 1)
    and exact, then lo + (hi - lo) u for the function's input range (arithmetic modulo 2**64).
    Made `block` items at a time in scratch that stays in the cache."""
    u64 = numpy.uint64
    lo, hi = INPUT_RANGE[function]
    key = numpy.array([(seed + _GOLDEN) % 2 ** 64], dtype=u64)
    _mix(key, numpy.empty_like(key))
    key = int(key[0])
    out = numpy.empty(size)
    steps = numpy.arange(1, block + 1, dtype=u64) * u64(_GOLDEN)       # G (k + 1)
    z, t = numpy.empty(block, dtype=u64), numpy.empty(block, dtype=u64)
    for a in range(0, size, block):
        n = min(block, size - a)
        zn, tn = z[:n], t[:n]
        numpy.add(steps[:n], u64((key + _GOLDEN * (begin + a)) % 2 ** 64), out=zn)
        _mix(zn, tn)
        zn >>= u64(12)
        u = out[a:a + n]
        u[...] = zn                 # below 2**52: exact
        u += 0.5
        u *= 2.0 ** -52
        if (lo, hi) != (0.0, 1.0):
            u *= hi - lo
            u += lo
    return out


# --------------------------------------------------------------------------------------------
# Verification

def _ordered(a):
    """float64 -> int64 in the floats' order (-0.0 and +0.0 both 0)."""
    i = a.view(numpy.int64)
    return numpy.where(i < 0, numpy.int64(-2 ** 63) - i, i)


def ulp_diff(a, b):
    """Per-item distance in units in the last place (uint64; NaN vs NaN is 0, NaN vs a number
    the largest value)."""
    x, y = _ordered(a), _ordered(b)
    hi, lo = numpy.maximum(x, y), numpy.minimum(x, y)
    d = hi.view(numpy.uint64) - lo.view(numpy.uint64)    # exact: 0 <= hi - lo < 2**64
    na, nb = numpy.isnan(a), numpy.isnan(b)
    if na.any() or nb.any():
        d[na & nb] = 0
        d[na ^ nb] = numpy.iinfo(numpy.uint64).max
    return d


def verify(job, out, ref):
    """-> (verified, max_ulp, mismatch_index, message)."""
    expected = "numpy.%s(data)" % job.function
    if not isinstance(out, numpy.ndarray) or out.shape != ref.shape or out.dtype != ref.dtype:
        return False, None, None, "%s: output is %s, expected float64[%d] like %s" % (
            job.strategy, "%s[%s]" % (getattr(out, "dtype", type(out).__name__),
                                      getattr(out, "shape", "?")), ref.shape[0], expected)
    exact = job.strategy in EXACT
    if exact and numpy.array_equal(out, ref, equal_nan=True):
        return True, 0, None, ""
    d = ulp_diff(out, ref)
    max_ulp = int(d.max()) if d.size else 0
    if exact:
        k = int(numpy.flatnonzero(d)[0])
        return False, max_ulp, k, (
            "%s: output differs from %s at index %d (got %r, expected %r; largest difference "
            "%d ulp); numpy-based strategies must be bit-identical"
            % (job.strategy, expected, k, float(out[k]), float(ref[k]), max_ulp))
    if max_ulp <= ULP_TOLERANCE:
        return True, max_ulp, None, ""
    k = int(numpy.argmax(d))
    return False, max_ulp, k, (
        "%s: output differs from %s by %d ulp at index %d (got %r, expected %r); allowed: "
        "%d ulp" % (job.strategy, expected, max_ulp, k, float(out[k]), float(ref[k]),
                    ULP_TOLERANCE))


# --------------------------------------------------------------------------------------------
# Runs

class Timing:
    """The instants of one run (see the module docstring) and its task stamps."""

    made = 0               # runs timed in this interpreter (the tutorial's timing wants none)

    def __init__(self):
        Timing.made += 1
        self.t0 = self.ready = self.joined = self.end = None
        self.first = self.last = None
        self.stamps = None     # [(owner, task, start, end, items, asked)], task order
        self.tasks = None      # tasks in the run (>= len(stamps) when some were not kept)
        self.handed = None     # the parent's _TaskStamps of the map, or None: no receive, send
        self.warm = False      # a warm pool: no startup, no shutdown


def phases_of(t):
    """Five non-negative phases that add up to end - t0 (instants clamped into order)."""
    def clamp(v, lo, hi):
        return min(max(v, lo), hi)
    end = max(t.end, t.t0)
    ready = t.t0 if t.warm else clamp(t.ready, t.t0, end)
    joined = end if t.warm else clamp(t.joined, ready, end)
    first = ready if t.first is None else clamp(t.first, ready, joined)
    last = joined if t.last is None else clamp(t.last, first, joined)
    return {"startup": ready - t.t0, "scatter": first - ready, "compute": last - first,
            "gather": joined - last, "shutdown": end - joined}


def merge_parts(stamps, chunk):
    """Per-part stamps [(owner, asked, start, end, items)] -> per-task [(owner, task, start,
    end, items, asked)], `chunk` consecutive parts a task (they ran back to back on one worker,
    from one message: one asked). None: not Pool's grouping after all (a task's parts on two
    workers), which the caller keeps as parts."""
    tasks = []
    for t, k in enumerate(range(0, len(stamps), chunk)):
        group = stamps[k:k + chunk]
        if len({g[0] for g in group}) != 1:
            return None
        tasks.append((group[0][0], t, min(g[2] for g in group), max(g[3] for g in group),
                      sum(g[4] for g in group), group[0][1]))
    return tasks


def task_event(t, stamp, worker, wall):
    """One task's event, [worker, task, start_s, end_s, items, receive_s, send_s], seconds from
    t0 and inside [0, wall] (see Task events in the module docstring)."""
    _, task, start, end, items, asked = stamp

    def since_t0(v, lo, hi):
        return round(min(max(v - t.t0, lo), hi), 9)
    a = since_t0(start, 0.0, wall)
    b = since_t0(end, 0.0, wall)
    receive = send = 0.0
    handed = t.handed
    if handed is not None:
        out = handed.handed_out[task] if task < len(handed.handed_out) else None
        if out is not None and asked is not None and not math.isnan(asked):
            receive = round(a - since_t0(max(out, asked), 0.0, a), 9)
        held = handed.held.get(task)
        if held is not None:
            send = round(since_t0(held, b, wall) - b, 9)
    return [worker, task, a, b, items, receive, send]


class Setup:
    """What a request prepares outside the timed region: data, numpy's reference result, warm
    pools and segments, compiled kernels. A context manager: closes what it made."""

    def __init__(self, job, data=None, reference=None):
        self.job = job
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
            self.chunk_log = _ChunkLog()
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
        if job.pool == "warm":
            self.pool = self._stack.enter_context(self.fresh_pool())
            if job.strategy == "py-shm":
                self.segment = self._stack.enter_context(new_segment(job.size))

    def fresh_pool(self):
        """A pool for this job, as `with Pool(W) as pool:` would make it."""
        job = self.job
        if job.strategy == "py-threads":
            return _PoolScope(lambda: (multiprocessing.pool.ThreadPool(job.workers), []))
        if job.strategy == "py-items" and self.chunk_log is not None:
            return _PoolScope(lambda: _process_pool(job.workers, _items_worker_init,
                                                    (self.chunk_log,)))
        init = _events_worker_init if job.events else _worker_init
        return _PoolScope(lambda: _process_pool(job.workers, init))

    def pool_scope(self):
        return contextlib.nullcontext(self.pool) if self.pool is not None \
            else self.fresh_pool()


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
            if len(handed_out) < MAX_EVENTS:
                handed_out.append(clock())
            yield iter(items[a:a + chunk])


_MAP_RESULT_SET = None     # multiprocessing.pool.MapResult._set, before _stamp_results


def _held_set(self, i, success_result):
    """MapResult._set, stamped: the parent holds chunk i's result (its result thread has read
    and unpickled it). Kept on the MapResult, for pool_map to read once the map is done."""
    if i < MAX_EVENTS:
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
        global _POOL_PARENT
        _POOL_PARENT = os.getpid()
        # A worker inherits the parent's Python-level SIGTERM handler until the after-fork hook
        # resets it, and Python drops the signals that arrive before that: a pool terminated
        # while a worker is still starting (a one-task map is done by then) would wait for that
        # worker for ever. Blocked, the signal waits for the worker to unblock it. (The pool's
        # threads keep the mask: signals go to the main thread, which handles them anyway.)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _POOL_FORK_SIGNALS)
        try:
            self.pool, workers = self.factory()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        _LIVE_POOLS[self.pool] = workers
        return self.pool

    def __exit__(self, *exc):
        try:
            self.pool.terminate()     # a no-op for a pool pool_map abandoned
        finally:
            _LIVE_POOLS.pop(self.pool, None)
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
    workers = _LIVE_POOLS.get(pool) or list(pool._pool)
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


def _worker_end(proc, when):
    code = proc.exitcode
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "unknown"
        return "Pool worker %d was killed by signal %d (%s) %s" % (proc.pid, -code, name, when)
    return "Pool worker %d exited with status %d %s" % (proc.pid, code, when)


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
    procs = list(pool._pool) + list(_LIVE_POOLS.get(pool, ()))
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
    name = _SHM_PREFIX + str(next(_SEGMENT_COUNTER))
    shm = shared_memory.SharedMemory(name=name, create=True, size=shm_output_offset(n) + n * 8)
    _LIVE_SEGMENTS[name] = shm
    try:
        yield shm
    finally:
        try:
            shm.close()
        except BufferError:    # a view still exported; unlinking is what matters
            pass
        finally:
            _LIVE_SEGMENTS.pop(name, None)
            shm.unlink()


_NUMBA_KERNELS = {}


def numba_kernel(fname):
    """@numba.njit(parallel=True) out[i] = f(x[i]) over numba.prange, one per function."""
    k = _NUMBA_KERNELS.get(fname)
    if k is None:
        numba = _import_numba()
        f = getattr(numpy, fname)
        prange = numba.prange

        @numba.njit(parallel=True)
        def kernel(x, out):
            for i in prange(x.shape[0]):
                out[i] = f(x[i])
        k = _NUMBA_KERNELS[fname] = kernel
    return k


# The strategies. Each runs the tutorial's code once and returns (output, Timing).

def run_sequential(job, setup):
    t = Timing()
    data = setup.data
    func = getattr(numpy, job.function)
    t.t0 = t.ready = clock()
    result = func(data)
    t.joined = t.end = clock()
    return result, t


def run_items(job, setup):
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    func = getattr(numpy, job.function)
    log = setup.chunk_log
    if log is not None:
        log.reset()
    items = data if log is None else \
        _TaskStamps(data, job.effective_chunksize(len(data)))
    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        result = pool_map(pool, func, items, job.chunk_args)   # every item a task, pickled
        result = numpy.asarray(result)
        t.joined = clock()
    t.end = clock()
    if log is not None:
        count, first, last, rows = log.read()
        t.tasks = count
        if count:
            t.first, t.last = first, last
        rows = rows[numpy.argsort(rows[:, 1], kind="stable")] if len(rows) else rows
        t.stamps = [(int(r[0]), int(r[1]), float(r[2]), float(r[3]), int(r[4]), float(r[5]))
                    for r in rows]
        t.handed = items
        if any(s[1] < 0 for s in t.stamps):     # no chunk index found: number by start
            t.stamps.sort(key=lambda s: s[2])
            t.stamps = [(s[0], i) + s[2:] for i, s in enumerate(t.stamps)]
            t.handed = None                     # nor which task the parent's stamps are of
    return result, t


def run_split(job, setup):
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    fn = functools.partial(_timed_call, job.function) if job.events \
        else getattr(numpy, job.function)
    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        parts = numpy.array_split(data, job.splits)
        items = _TaskStamps(parts, job.effective_chunksize(len(parts))) if job.events \
            else parts
        results = pool_map(pool, fn, items, job.chunk_args)
        if job.events:
            stamps = [(r[1], r[2], r[3], r[4], r[0].shape[0]) for r in results]
            results = [r[0] for r in results]
        result = numpy.concatenate(results)
        t.joined = clock()
    t.end = clock()
    if job.events:
        _set_part_stamps(t, job, stamps, items)
    return result, t


def run_shm(job, setup):
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    n = job.size
    fname = job.function
    part = _shm_part if job.events else _shm_part_plain
    bounds = part_bounds(n, job.splits)
    with contextlib.ExitStack() as stack:
        t.t0 = clock()
        with setup.pool_scope() as pool:
            t.ready = clock()
            shm = setup.segment if setup.segment is not None \
                else stack.enter_context(new_segment(n))
            src, dst = _shm_pair(shm, n)
            src[:] = data                                                 # copy in
            tasks = [(shm.name, n, fname, a, b) for (a, b) in bounds]
            if job.events:
                tasks = _TaskStamps(tasks, job.effective_chunksize(len(tasks)))
            stamps = pool_map(pool, part, tasks, job.chunk_args)
            result = dst.copy()                                           # copy out
            t.joined = clock()
            del src, dst
        t.end = clock()
    if job.events:
        _set_part_stamps(t, job, [(s[0], s[1], s[2], s[3], b - a)
                                  for s, (a, b) in zip(stamps, bounds)], tasks)
    return result, t


def run_threads(job, setup):
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    func = getattr(numpy, job.function)
    bounds = part_bounds(job.size, job.splits)
    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        result = numpy.empty_like(data)

        def task(ab):
            start = clock()
            a, b = ab
            func(data[a:b], out=result[a:b])          # NumPy releases the GIL here
            return threading.get_ident(), start, clock()

        def task_plain(ab):
            a, b = ab
            func(data[a:b], out=result[a:b])

        stamps = pool.map(task if job.events else task_plain, bounds, *job.chunk_args)
        t.joined = clock()
    t.end = clock()
    if job.events:     # threads move nothing: no receive, no send
        _set_part_stamps(t, job, [(s[0], None, s[1], s[2], b - a)
                                  for s, (a, b) in zip(stamps, bounds)])
    return result, t


def run_numexpr(job, setup):
    t = Timing()
    data = setup.data
    ne = setup.kernel
    expr = "%s(data)" % job.function
    t.t0 = t.ready = clock()
    out = numpy.empty_like(data)
    ne.evaluate(expr, local_dict={"data": data}, out=out)
    t.joined = t.end = clock()
    return out, t


def run_numba(job, setup):
    t = Timing()
    data = setup.data
    kernel = setup.kernel
    t.t0 = t.ready = clock()
    out = numpy.empty_like(data)
    kernel(data, out)
    t.joined = t.end = clock()
    return out, t


def _set_part_stamps(t, job, stamps, handed=None):
    """The run's first and last instants and task stamps from per-part stamps (owner, asked,
    start, end, items); handed: the map's _TaskStamps, if any."""
    t.first = min(s[2] for s in stamps)
    t.last = max(s[3] for s in stamps)
    tasks = merge_parts(stamps, max(1, job.effective_chunksize(len(stamps))))
    t.handed = handed
    if tasks is None:          # kept as parts: the parent's stamps are of tasks, not parts
        tasks = [(g[0], i, g[2], g[3], g[4], g[1]) for i, g in enumerate(stamps)]
        t.handed = None
    t.tasks = len(tasks)
    t.stamps = tasks[:MAX_EVENTS]


RUNNERS = {
    "py-sequential": run_sequential,
    "py-items": run_items,
    "py-split": run_split,
    "py-shm": run_shm,
    "py-threads": run_threads,
    "py-numexpr": run_numexpr,
    "py-numba": run_numba,
}
assert set(RUNNERS) == set(STRATEGIES)


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
    ok, max_ulp, index, message = verify(job, out, setup.reference)
    del out
    return {"wall_s": wall, "phases": phases_of(t), "events": events,
            "events_truncated": t.tasks is not None and t.tasks > len(events),
            "tasks": t.tasks, "verified": ok, "max_ulp": max_ulp, "mismatch_index": index,
            "error": message}


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


# --------------------------------------------------------------------------------------------
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


def handle_tutorial(req, send):
    """{"op":"tutorial", ...a run request's fields...} -> one sample (with "timing":"tutorial")
    then done, as for run."""
    job = tutorial_job(req)
    sample = run_as_tutorial(job)
    msg = sample_message(job.id, sample)
    msg.update(timing=sample["timing"], data=sample["data"])
    send(msg)
    if not sample["verified"]:
        raise RunFailed(sample["error"])
    send({"type": "done", "id": job.id, "status": "ok"})


def tutorial_main(args):
    """`chunkscope_tutorial.py tutorial ...`: one experiment, timed and printed as the tutorial's
    program prints it (`Took 0.812 seconds`), or its sample as JSON."""
    req = {"id": 1, "strategy": args.strategy, "function": args.function, "size": args.size,
           "workers": args.workers, "splits": args.splits,
           "chunksize": "auto" if args.chunksize == "auto" else _int_arg(1)(args.chunksize)}
    try:
        sample = run_as_tutorial(tutorial_job(req))
    except (BadRequest, RunFailed) as e:
        sys.stderr.write("chunkscope_tutorial.py tutorial: %s\n" % e)
        return 2 if isinstance(e, BadRequest) else 1
    if args.json:
        print(json.dumps(sample))
    else:
        print("Took %.3f seconds" % sample["wall_s"])
    if not sample["verified"]:
        sys.stderr.write("chunkscope_tutorial.py tutorial: %s\n" % sample["error"])
        return 1
    return 0


# --------------------------------------------------------------------------------------------
# serve: the engine's side

class Channel:
    """The protocol's stdin and stdout, private: fd 0 becomes /dev/null and fd 1 stderr, so
    that nothing else (pool workers, stray prints, warnings) can reach the engine's pipe."""

    def __init__(self):
        self.inp = os.dup(0)
        self.out = os.dup(1)          # both non-inheritable (close on exec)
        _PRIVATE_FDS.extend((self.inp, self.out))
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        sys.stdout.flush()
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        sys.stdin = open(os.devnull)
        self.reader = os.fdopen(self.inp, "rb", closefd=False)

    def send(self, obj):
        data = (json.dumps(obj, separators=(",", ":"), allow_nan=False) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[os.write(self.out, view):]

    def lines(self):
        return iter(self.reader.readline, b"")


def hello():
    found = probe_packages()
    msg = {"type": "hello", "protocol": PROTOCOL, "python": platform.python_version(),
           "numpy": numpy.__version__, "numexpr": found.get("numexpr"),
           "numba": found.get("numba"), "pid": os.getpid()}
    for k in ("numexpr_error", "numba_error"):
        if found.get(k):
            msg[k] = found[k]
    msg.update(functions=list(FUNCTIONS), strategies={k: list(v) for k, v in STRATEGIES.items()},
               max_events=MAX_EVENTS, ulp_tolerance=ULP_TOLERANCE)
    return msg


def handle(line, send):
    """One request line -> replies through send. Returns False to quit."""
    rid = None
    try:
        try:
            req = json.loads(line)
        except ValueError as e:
            raise BadRequest("not JSON (%s); allowed: one JSON object per line" % e)
        if not isinstance(req, dict):
            raise BadRequest("a request is not a JSON object but a %s; allowed: one JSON "
                             "object per line" % type(req).__name__)
        rid = req.get("id")
        op = req.get("op")
        if op == "quit":
            return False
        if op == "check":
            extra = sorted(set(req) - {"op", "strategy", "id"})
            if extra:
                raise BadRequest("unknown field(s) %s in check; allowed: op, strategy, id"
                                 % ", ".join(extra))
            reply = check_strategy(req.get("strategy"))
            if rid is not None:
                reply["id"] = rid
            send(reply)
            return True
        if op == "costs":
            extra = sorted(set(req) - {"op", "workers", "id"})
            if extra:
                raise BadRequest("unknown field(s) %s in costs; allowed: op, workers, id"
                                 % ", ".join(extra))
            reply = measure_costs(req.get("workers", os.cpu_count() or 1))
            if rid is not None:
                reply["id"] = rid
            send(reply)
            return True
        if op == "tutorial":
            handle_tutorial(req, send)
            return True
        if op != "run":
            raise BadRequest("unknown op %r; allowed: run, tutorial, check, costs, quit" % (op,))
        job = Job(req)

        def emit(sample):
            send(sample_message(job.id, sample))
        run_job(job, emit)
        send({"type": "done", "id": job.id, "status": "ok"})
    except (BadRequest, RunFailed) as e:
        send({"type": "done", "id": rid, "status": "failed", "error": str(e)})
    except MemoryError:
        send({"type": "done", "id": rid, "status": "failed",
              "error": "out of memory; try a smaller size"})
    except Exception as e:     # a bug here: say so, keep serving
        import traceback
        traceback.print_exc()
        send({"type": "done", "id": rid, "status": "failed",
              "error": "internal error: %s: %s" % (type(e).__name__, e)})
    return True


SAMPLE_FIELDS = ("index", "warmup", "wall_s", "phases", "events", "events_truncated", "tasks",
                 "verified", "max_ulp", "mismatch_index")


def sample_message(rid, sample):
    msg = {"type": "sample", "id": rid}
    msg.update((k, sample[k]) for k in SAMPLE_FIELDS)
    return msg


def serve(args):
    try:
        set_shm_prefix(args.shm_prefix or _SHM_PREFIX)
    except BadRequest as e:
        sys.stderr.write("chunkscope_tutorial.py serve: %s\n" % e)
        return 2
    channel = Channel()
    install_signal_handlers()
    try:
        channel.send(hello())
        for raw in channel.lines():
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            if not handle(line, channel.send):
                break
    except BrokenPipeError:       # the engine went away
        return 1
    return 0


# --------------------------------------------------------------------------------------------
# bench: the tutorial's experiments as a plain script (bench/compare runs it)

# name -> (strategy, knobs); the tutorial's experiments, then the two libraries
EXPERIMENTS = {
    "sequential": ("py-sequential", {}),
    "pool-map-1000": ("py-items", {"chunksize": 1000}),
    "pool-split-64": ("py-split", {"splits": 64, "chunksize": 1}),
    "shared-memory": ("py-shm", {"splits": 64, "chunksize": 1}),
    "threadpool": ("py-threads", {"splits": 64, "chunksize": 1}),
    "numexpr": ("py-numexpr", {}),
    "numba": ("py-numba", {}),
}
DEFAULT_EXPERIMENTS = ("sequential", "pool-map-1000", "pool-split-64", "shared-memory",
                       "threadpool", "sweep")
SWEEP_VALUES = (1, 2, 4, 8, 16, 32, 64, 128)
CAPPED = ("pool-map-1000",)      # ~20 s a repetition at 10M: capped, no warmup
LOCK_PATH = "/tmp/chunkscope-bench.lock"
LOCK_ENV = "CHUNKSCOPE_BENCH_LOCK_HELD"
_BENCH_LOCK = None


def parse_size(text):
    """'10M', '10m', '1e7', '10_000_000', '2.5k', '1G' -> int (decimal suffixes)."""
    s = text.strip().replace("_", "").replace(",", "")
    mult = 1
    suffixes = {"k": 10 ** 3, "m": 10 ** 6, "g": 10 ** 9}
    if s and s[-1].lower() in suffixes:
        mult = suffixes[s[-1].lower()]
        s = s[:-1]
    try:
        value = float(s) * mult
    except ValueError:
        raise argparse.ArgumentTypeError("not a size: %r (examples: 10M, 1e7, 10000000)" % text)
    if not math.isfinite(value) or value < 1 or value != int(value):
        raise argparse.ArgumentTypeError("size must be a whole number >= 1: %r" % text)
    return int(value)


def _int_arg(lo):
    def parse(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("not an integer: %r" % text)
        if v < lo:
            raise argparse.ArgumentTypeError("must be >= %d: %r" % (lo, text))
        return v
    return parse


def numpy_simd():
    """The SIMD features NumPy detects, compiled for, and really dispatches to here."""
    mod = None
    for name in ("numpy.core._multiarray_umath", "numpy._core._multiarray_umath"):
        try:
            mod = __import__(name, fromlist=["__cpu_features__"])
            break
        except ImportError:
            continue
    if mod is None or not hasattr(mod, "__cpu_features__"):
        return {"available": False}
    found = getattr(mod, "__cpu_features__", {})
    dispatch = list(getattr(mod, "__cpu_dispatch__", []))
    return {"baseline": list(getattr(mod, "__cpu_baseline__", [])),
            "dispatch_active": [f for f in dispatch if found.get(f)],
            "dispatch_missing": [f for f in dispatch if not found.get(f)]}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def take_bench_lock():
    """One benchmark at a time on this machine (bench/compare takes the lock itself and says
    so through the environment)."""
    if os.environ.get(LOCK_ENV):
        return None
    import fcntl
    try:
        f = open(LOCK_PATH, "a+")
    except OSError:
        return None
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.seek(0)
        sys.stderr.write("chunkscope_tutorial.py: waiting for another benchmark to finish "
                         "(%s holds %s)\n" % (f.read().strip() or "?", LOCK_PATH))
        fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0)
    f.truncate()
    f.write("pid %d: %s" % (os.getpid(), " ".join(sys.argv)))
    f.flush()
    return f


def bench_job(args, experiment, **over):
    strategy, knobs = EXPERIMENTS[experiment] if experiment in EXPERIMENTS else ("py-split", {})
    req = {"id": experiment, "strategy": strategy, "function": args.function,
           "size": args.size, "seed": args.seed, "repeats": args.repeats,
           "warmup": args.warmup, "workers": args.workers, "pool": args.pool,
           "events": not args.no_events}
    req.update(knobs)
    req.update(over)
    return Job(req)


def bench_samples(job, data, reference):
    samples = []
    run_job(job, samples.append, data, reference)
    return [s for s in samples if not s["warmup"]]


def summarize(samples):
    walls = [s["wall_s"] for s in samples]
    return {"median_s": statistics.median(walls), "min_s": min(walls), "samples": walls,
            "phases_median": {p: statistics.median(s["phases"][p] for s in samples)
                              for p in PHASES},
            "verified": all(s["verified"] for s in samples),
            "max_ulp": max(s["max_ulp"] or 0 for s in samples)}


def bench_sequential_out(args, data, reference):
    """func(data, out=out) into an output allocated and touched beforehand: numpy at one
    core's memory bandwidth, without the first touch of a fresh 80 MB result that
    func(data) pays. The fairest Python figure for a sequential loop."""
    func = getattr(numpy, args.function)
    out = numpy.empty_like(data)
    out.fill(0.0)                       # every page touched outside the timed region
    walls = []
    for i in range(args.warmup + args.repeats):
        t0 = clock()
        func(data, out=out)
        wall = clock() - t0
        if i >= args.warmup:
            walls.append(wall)
    return {"median_s": statistics.median(walls), "min_s": min(walls), "samples": walls,
            "phases_median": {p: (statistics.median(walls) if p == "compute" else 0.0)
                              for p in PHASES},
            "verified": bool(numpy.array_equal(out, reference)), "max_ulp": 0,
            "strategy": "py-sequential", "repeats": args.repeats, "warmup": args.warmup}


def bench_sweep(args, data, reference, log):
    cells = []
    t0 = clock()
    for splits in SWEEP_VALUES:
        for chunksize in SWEEP_VALUES:
            if splits > args.size:
                log("  sweep  splits %4d > size: skipped" % splits)
                continue
            job = bench_job(args, "sweep", splits=splits, chunksize=chunksize, repeats=1,
                            warmup=0, pool="fresh")
            s = bench_samples(job, data, reference)[0]
            cells.append({"splits": splits, "chunksize": chunksize, "seconds": s["wall_s"],
                          "phases": s["phases"]})
            log("  sweep  splits %4d  chunksize %4d  %9.4f s" % (splits, chunksize,
                                                                  s["wall_s"]))
    total = clock() - t0
    return {"total_s": total, "sum_cells_s": sum(c["seconds"] for c in cells),
            "best": min(cells, key=lambda c: c["seconds"]),
            "worst": max(cells, key=lambda c: c["seconds"]), "cells": cells}


def bench(args):
    experiments = [e.strip() for e in args.experiments.split(",") if e.strip()]
    known = tuple(EXPERIMENTS) + ("sequential-out", "sweep")
    bad = [e for e in experiments if e not in known]
    if bad or not experiments:
        sys.stderr.write("chunkscope_tutorial.py bench: unknown experiment(s) %s; choose from "
                         "%s\n" % (", ".join(bad) or "(none given)", ", ".join(known)))
        return 2

    def log(msg):
        if args.verbose or not args.json:
            stream = sys.stderr if args.json else sys.stdout
            stream.write(msg + "\n")
            stream.flush()

    found = probe_packages()
    doc = {"python": platform.python_version(), "python_executable": sys.executable,
           "numpy": numpy.__version__, "numexpr": found.get("numexpr"),
           "numba": found.get("numba"), "numpy_simd": numpy_simd(), "cpu_model": cpu_model(),
           "logical_cores": os.cpu_count(),
           "openblas_env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                            if k in os.environ},
           "start_method": "fork", "module": os.path.abspath(__file__),
           "function": args.function, "size": args.size, "workers": args.workers,
           "repeats": args.repeats, "warmup": args.warmup, "pool": args.pool,
            "events": not args.no_events, "seed": args.seed, "generator": GENERATOR,
            "results": {}}
    doc.update((k, found[k]) for k in ("numexpr_error", "numba_error") if found.get(k))
    if args.info:
        if args.json:
            print(json.dumps(doc))
        else:
            for k in ("python", "numpy", "numexpr", "numba", "cpu_model", "logical_cores",
                      "openblas_env"):
                print("%-14s %s" % (k, doc[k]))
            print("%-14s %s" % ("numpy SIMD", " ".join(doc["numpy_simd"].get(
                "dispatch_active", []))))
        return 0

    install_signal_handlers()
    global _BENCH_LOCK
    _BENCH_LOCK = take_bench_lock()     # held until exit
    data = make_data(args.size, args.seed, args.function)  # outside every timed region
    reference = getattr(numpy, args.function)(data)
    log("python %s  numpy %s  size %d  workers %d  function %s  repeats %d  %s pools"
        % (doc["python"], doc["numpy"], args.size, args.workers, args.function, args.repeats,
           args.pool))
    log("numpy SIMD: %s" % " ".join(doc["numpy_simd"].get("dispatch_active", [])))
    try:
        for name in experiments:
            if name == "sweep":
                log("sweep: 8 x 8 cells, fresh Pool(%d) each" % args.workers)
                sw = doc["sweep"] = bench_sweep(args, data, reference, log)
                log("%-14s total %9.3f s  best %.4f s (splits %d, chunksize %d)"
                    % ("sweep", sw["total_s"], sw["best"]["seconds"], sw["best"]["splits"],
                       sw["best"]["chunksize"]))
                continue
            if name == "sequential-out":
                r = doc["results"][name] = bench_sequential_out(args, data, reference)
                log("%-14s median %9.4f s  min %9.4f s  (%d repetitions)"
                    % (name, r["median_s"], r["min_s"], args.repeats))
                continue
            capped = name in CAPPED
            repeats = min(args.repeats, args.pool_map_repeats) if capped else args.repeats
            warmup = 0 if capped else args.warmup
            job = bench_job(args, name, repeats=repeats, warmup=warmup)
            r = summarize(bench_samples(job, data, reference))
            r.update(strategy=job.strategy, repeats=repeats, warmup=warmup)
            doc["results"][name] = r
            log("%-14s median %9.4f s  min %9.4f s  (%d repetition%s)%s"
                % (name, r["median_s"], r["min_s"], repeats, "" if repeats == 1 else "s",
                   "  max %d ulp" % r["max_ulp"] if r["max_ulp"] else ""))
    except (BadRequest, RunFailed) as e:
        sys.stderr.write("chunkscope_tutorial.py bench: %s\n" % e)
        return 1
    if args.json:
        print(json.dumps(doc))
    return 0


# --------------------------------------------------------------------------------------------

def build_parser():
    p = argparse.ArgumentParser(
        prog="chunkscope_tutorial.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The tutorial's NumPy + multiprocessing strategies: `serve` speaks "
                    "Chunkscope's JSON-lines protocol, `bench` re-runs the tutorial's "
                    "experiments. Run with /usr/bin/python3 (Debian's python3-numpy).")
    sub = p.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("serve", help="JSON-lines protocol on stdin/stdout (see the module's "
                                     "docstring)")
    s.add_argument("--shm-prefix", default=None,
                   help="name prefix of every shared-memory segment (default "
                        "chunkscope-py-PID-)")
    t = sub.add_parser(
        "tutorial", help="one experiment as the tutorial timed it: a fresh interpreter, "
                         "numpy.random.rand(n) inside the clock, one cold run; prints Took")
    t.add_argument("--strategy", choices=tuple(STRATEGIES), default="py-split")
    t.add_argument("--size", type=parse_size, default=parse_size("10M"),
                   help="items in the vector (default 10M)")
    t.add_argument("--workers", type=_int_arg(1), default=os.cpu_count() or 1,
                   help="Pool(W) (default os.cpu_count() = %d)" % (os.cpu_count() or 1))
    t.add_argument("--function", choices=FUNCTIONS, default="exp")
    t.add_argument("--splits", type=_int_arg(1), default=64, help="parts (default 64)")
    t.add_argument("--chunksize", default="1", help='an integer >= 1 or "auto" (default 1)')
    t.add_argument("--json", action="store_true", help="print the run's sample as JSON")
    b = sub.add_parser(
        "bench", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="the tutorial's experiments, timed, as a plain script",
        description=(
            "Re-run the SuperFastPython tutorial's NumPy + multiprocessing experiments.\n"
            "Data: the engine's counter-based vector (counter-v1), made outside the timed region.\n"
            "Every Pool/ThreadPool is made inside the timed region (--pool fresh, the\n"
            "tutorial's way). Start method: fork. Every run is verified against numpy."),
        epilog=(
            "experiments:\n"
            "  sequential     func(data) on the whole vector, one core            (py-sequential)\n"
            "  sequential-out func(data, out=out), out allocated and touched beforehand\n"
            "  pool-map-1000  Pool(W).map(func, data, chunksize=1000): every item a task,\n"
            "                 pickled to a worker and back, then numpy.asarray.     (py-items)\n"
            "                 About 20 s per repetition at 10M, so its repetitions are capped\n"
            "                 at --pool-map-repeats (default 1) and it gets no warmup.\n"
            "  pool-split-64  Pool(W), numpy.array_split(data, 64), pool.map(func, parts,\n"
            "                 chunksize=1), numpy.concatenate                        (py-split)\n"
            "  shared-memory  a multiprocessing.shared_memory segment, 64 parts; copy in,\n"
            "                 workers (attached by name) write in place, copy out     (py-shm)\n"
            "  threadpool     ThreadPool(W), 64 parts, func(data[a:b], out=result[a:b])\n"
            "                                                                     (py-threads)\n"
            "  numexpr        numexpr.evaluate('exp(data)', out=out), W threads   (py-numexpr)\n"
            "  numba          @njit(parallel=True) prange loop, W threads           (py-numba)\n"
            "  sweep          the 8 x 8 grid splits x chunksize in {1,2,4,...,128}, each cell\n"
            "                 a fresh Pool(W) + array_split + map + concatenate, one repetition\n"
            "                 per cell, no warmup; reports the whole sweep's wall time and the\n"
            "                 best cell\n"
            "\n"
            "bench/compare runs it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from\n"
            "the environment."))
    b.add_argument("--size", type=parse_size, default=parse_size("10M"),
                   help="items in the vector; 10M, 1e7 and 10000000 all work (default 10M)")
    b.add_argument("--workers", type=_int_arg(1), default=os.cpu_count() or 1,
                   help="pool workers (default os.cpu_count() = %d)" % (os.cpu_count() or 1))
    b.add_argument("--function", choices=FUNCTIONS, default="exp",
                   help="the numpy function applied to every item (default exp)")
    b.add_argument("--repeats", type=_int_arg(1), default=5,
                   help="timed repetitions per experiment (default 5; pool-map-1000 is capped, "
                        "sweep runs once)")
    b.add_argument("--pool-map-repeats", type=_int_arg(1), default=1,
                   help="cap on pool-map-1000's repetitions (default 1)")
    b.add_argument("--warmup", type=_int_arg(0), default=2,
                   help="untimed runs before the timed ones, per experiment (default 2: with "
                        "glibc's dynamic mmap threshold, NumPy's second call at 128 KiB to "
                        "32 MiB outputs still touches fresh pages; not for pool-map-1000 or "
                        "sweep)")
    b.add_argument("--experiments", default=",".join(DEFAULT_EXPERIMENTS),
                   help="comma list from: %s, sweep (default %s)"
                        % (", ".join(EXPERIMENTS), ",".join(DEFAULT_EXPERIMENTS)))
    b.add_argument("--pool", choices=POOLS, default="fresh",
                   help="fresh: each run makes its pool inside the timed region, as the "
                        "tutorial (default); warm: one pool per experiment, reused")
    b.add_argument("--no-events", action="store_true",
                   help="map the plain numpy function, no per-task timestamps")
    b.add_argument("--seed", type=int, default=20230501,
                   help="the seed of the data's counter-based formula (default 20230501)")
    b.add_argument("--json", action="store_true",
                   help="print one machine-readable JSON document on stdout (progress only "
                        "with --verbose, on stderr)")
    b.add_argument("--info", action="store_true",
                   help="print versions, CPU and NumPy SIMD features, run nothing")
    b.add_argument("--verbose", action="store_true", help="progress on stderr in --json mode")
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.mode == "serve":
        return serve(args)
    if args.mode == "tutorial":
        return tutorial_main(args)
    return bench(args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("chunkscope_tutorial.py: interrupted\n")
        sys.exit(130)

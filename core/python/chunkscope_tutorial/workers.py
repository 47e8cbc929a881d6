# SPDX-License-Identifier: GPL-3.0-or-later
"""What runs inside a pool worker: its initialisers, the stamped functions py-split and py-shm
map, py-shm's segment views, py-items' event buffer, and the two hooks into multiprocessing's
worker (its task queue's reader, its mapstar). Importable by name, so that any start method
(fork, spawn, forkserver) finds them."""

import ctypes
import math
import mmap
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys

import numpy

from . import common, state
from .common import _CTX, clock

_PID = os.getpid()         # this worker's pid, set by the pool initialisers


def _worker_init():
    """Every pool worker: default SIGTERM (Pool.terminate), Ctrl-C left to the parent, SIGKILL
    when the parent dies, no protocol fds. (A pool worker of a run with events starts with
    _events_worker_init or _items_worker_init instead, which call this.)"""
    global _PID
    _PID = os.getpid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, state._POOL_FORK_SIGNALS)   # see _PoolScope
    try:
        ctypes.CDLL(None, use_errno=True).prctl(state._PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != state._POOL_PARENT:   # the parent died before prctl took effect
        os._exit(1)
    for fd in state._PRIVATE_FDS:
        try:
            os.close(fd)
        except OSError:
            pass


def _loky_worker_init(parent):
    """A joblib (loky) worker, a fork + exec'd interpreter: SIGKILL when the interpreter that
    started it dies (it would otherwise outlive it), as _worker_init asks for pool workers."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(state._PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:       # the interpreter died before prctl took effect
        os._exit(1)


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
        self.mm = mmap.mmap(-1, 8 * (self.HEADER + self.COLUMNS * common.MAX_EVENTS))
        self.lock = _CTX.Lock()
        self.buf = numpy.frombuffer(self.mm, dtype=numpy.float64)
        self.rows = self.buf[self.HEADER:].reshape(common.MAX_EVENTS, self.COLUMNS)

    def reset(self):
        self.buf[0] = 0
        self.buf[1] = math.inf
        self.buf[2] = -math.inf

    def read(self):
        count = int(self.buf[0])
        kept = self.rows[:min(count, common.MAX_EVENTS)]
        return count, float(self.buf[1]), float(self.buf[2]), kept


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
    if slot < common.MAX_EVENTS:
        log.rows[slot] = (_PID, task, start, end, len(args[1]),
                          math.nan if _ASKED is None else _ASKED)
    return result

# SPDX-License-Identifier: GPL-3.0-or-later
"""The tutorial's strategies, to be read beside it (SuperFastPython, "parallel NumPy vector math
with multiprocessing"; its experiments are summarised in Chunkscope's docs).

Each run_* function is one of the tutorial's programs, or one of the fixes it points to, run once
on setup.data: it returns the output and a Timing of five instants (t0, ready, first, last,
joined, end: docs/python-protocol.md, Phases). Everything else (the data, the pools made outside
the timed region for pool "warm", verification, the protocol) lives in the other modules; the
calls into them are marked pools.*, workers.* and Timing.

STRATEGIES says which knobs each strategy takes (the engine's registry says the same: a test of
the engine, tests/core/test_pythontable.cpp, compares the two); RUNNERS maps each to its run_*.
"""

import contextlib
import functools
import threading

import numpy

from . import cluster, libraries, pools, workers
from .common import clock
from .data import part_bounds
from .probes import _import_numba
from .timing import Timing, set_part_stamps

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
STRATEGIES.update(libraries.STRATEGIES)     # concurrent.futures, joblib, Dask (libraries.py)
STRATEGIES.update(cluster.STRATEGIES)       # Dask distributed (cluster.py)
PROCESS_POOLS = ("py-items", "py-split", "py-shm")


# The strategies. Each runs the tutorial's code once and returns (output, Timing).

def run_sequential(job, setup):
    """The tutorial's sequential program: exp(data) on the whole vector, one core (its
    "sequential" experiment). No pool: everything from t0 to the end is compute."""
    t = Timing()
    data = setup.data
    func = getattr(numpy, job.function)
    t.t0 = t.ready = clock()
    result = func(data)
    t.joined = t.end = clock()
    return result, t


def run_items(job, setup):
    """The tutorial's first parallel program: Pool(W).map(exp, data, chunksize), every item a
    task pickled to a worker and back, then numpy.asarray (its "Pool.map, default chunksize"
    and "chunksize=1000" experiments; chunksize "auto" passes none, as the tutorial's default).
    With events, the workers' mapstar stamps each chunk into setup.chunk_log."""
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    func = getattr(numpy, job.function)
    log = setup.chunk_log
    if log is not None:
        log.reset()
    items = data if log is None else \
        pools._TaskStamps(data, job.effective_chunksize(len(data)))
    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        result = pools.pool_map(pool, func, items, job.chunk_args)   # every item a task, pickled
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
    """The tutorial's split program: numpy.array_split(data, splits), Pool(W).map(exp, parts,
    chunksize), numpy.concatenate (its "split into 64 parts" experiment, and each cell of its
    sweep). With events, each part is mapped through workers._timed_call, which stamps it."""
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    fn = functools.partial(workers._timed_call, job.function) if job.events \
        else getattr(numpy, job.function)
    t.t0 = clock()
    with setup.pool_scope() as pool:
        t.ready = clock()
        parts = numpy.array_split(data, job.splits)
        items = pools._TaskStamps(parts, job.effective_chunksize(len(parts))) if job.events \
            else parts
        results = pools.pool_map(pool, fn, items, job.chunk_args)
        if job.events:
            stamps = [(r[1], r[2], r[3], r[4], r[0].shape[0]) for r in results]
            results = [r[0] for r in results]
        result = numpy.concatenate(results)
        t.joined = clock()
    t.end = clock()
    if job.events:
        set_part_stamps(t, job, stamps, items)
    return result, t


def run_shm(job, setup):
    """The first fix the tutorial points to: shared memory. One multiprocessing.shared_memory
    segment (input half, output half): the data copied in, each worker gets (segment, a, b) per
    part, attaches by name and writes exp(in[a:b], out=out[a:b]); the result copied out."""
    t = Timing()
    t.warm = setup.pool is not None
    data = setup.data
    n = job.size
    fname = job.function
    part = workers._shm_part if job.events else workers._shm_part_plain
    bounds = part_bounds(n, job.splits)
    with contextlib.ExitStack() as stack:
        t.t0 = clock()
        with setup.pool_scope() as pool:
            t.ready = clock()
            shm = setup.segment if setup.segment is not None \
                else stack.enter_context(pools.new_segment(n))
            src, dst = workers._shm_pair(shm, n)
            src[:] = data                                                 # copy in
            tasks = [(shm.name, n, fname, a, b) for (a, b) in bounds]
            if job.events:
                tasks = pools._TaskStamps(tasks, job.effective_chunksize(len(tasks)))
            stamps = pools.pool_map(pool, part, tasks, job.chunk_args)
            result = dst.copy()                                           # copy out
            t.joined = clock()
            del src, dst
        t.end = clock()
    if job.events:
        set_part_stamps(t, job, [(s[0], s[1], s[2], s[3], b - a)
                                  for s, (a, b) in zip(stamps, bounds)], tasks)
    return result, t


def run_threads(job, setup):
    """The second fix the tutorial points to: threads, since NumPy releases the GIL inside exp.
    multiprocessing.pool.ThreadPool(W), each part written in place with out=; nothing is
    pickled or copied."""
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
        set_part_stamps(t, job, [(s[0], None, s[1], s[2], b - a)
                                  for s, (a, b) in zip(stamps, bounds)])
    return result, t


def run_numexpr(job, setup):
    """What a Python user picks instead of a pool: numexpr.evaluate("exp(data)", out=out) on W
    threads (numexpr.set_num_threads, called by Setup outside the timed region)."""
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
    """The other one: numba's @njit(parallel=True) loop over prange on W threads (numba_kernel),
    compiled by Setup before the timed runs."""
    t = Timing()
    data = setup.data
    kernel = setup.kernel
    t.t0 = t.ready = clock()
    out = numpy.empty_like(data)
    kernel(data, out)
    t.joined = t.end = clock()
    return out, t


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

RUNNERS = {
    "py-sequential": run_sequential,
    "py-items": run_items,
    "py-split": run_split,
    "py-shm": run_shm,
    "py-threads": run_threads,
    "py-numexpr": run_numexpr,
    "py-numba": run_numba,
}
RUNNERS.update(libraries.RUNNERS)
RUNNERS.update(cluster.RUNNERS)


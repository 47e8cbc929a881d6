# SPDX-License-Identifier: GPL-3.0-or-later
"""What the tutorial's mechanisms cost here (the costs request): the figures Chunkscope builds
the Python strategies' own floors from (docs/python-protocol.md, costs)."""

import json
import math

import numpy

from .common import _CTX, FUNCTIONS, MAX_WORKERS, BadRequest, clock
from .data import make_data
from .pools import _PoolScope, _process_pool, pool_map
from .workers import _worker_init

COSTS_ARRAY_BYTES = 1 << 20    # one message of the pickling measurement (about a part of 64 at 10M)
COSTS_TASKS = 1000             # tasks of the per-task measurement
COSTS_ITEMS = 5000             # items of the per-item measurements
COSTS_DASK_CHUNKS = 200        # one-item chunks of the Dask measurement
COSTS_HASH_BYTES = 4 << 20     # the array Dask's from_array hashes (SHA-1 is compute-bound)


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


def _dask_costs(workers):
    """What py-dask pays besides numpy's loop, on Dask's threaded scheduler with a ThreadPool(W)
    as run_dask: da.store(da.exp(x), out) of one chunk (the fixed cost of a store: graph, its
    optimisation, the scheduler) and of COSTS_DASK_CHUNKS one-item chunks, whose difference, less
    numpy's call on each item, is a chunk's cost (two tasks: its compute and its store, built,
    scheduled and handed out); and from_array's hashing of the data (it names the array by
    tokenize, which hashes every byte), per byte. Short runs, each the best of several: a floor
    errs low rather than high on a loaded machine. None when Dask cannot be imported."""
    try:
        import dask.array as da
    except Exception:      # noqa: BLE001 - no Dask, no figures (the probe says why)
        return {"dask_store_s": None, "dask_chunk_s": None, "dask_hash_bytes_per_s": None}
    from multiprocessing.pool import ThreadPool
    n = COSTS_DASK_CHUNKS
    data = make_data(n, 20230501)
    out = numpy.empty_like(data)
    with ThreadPool(workers) as pool:
        def store(chunk):
            x = da.from_array(data, chunks=chunk)
            da.store(da.exp(x), out, lock=False, scheduler="threads", pool=pool)
        store(n)
        one = _best(lambda: store(n), 5)
        many = _best(lambda: store(1), 5)
    items = [data[i:i + 1] for i in range(n)]
    call = _best(lambda: [numpy.exp(v) for v in items], 5) / n
    big = numpy.ones(COSTS_HASH_BYTES // 8)
    small = big[:1].copy()
    hashed = _best(lambda: da.from_array(big, chunks=big.shape), 9) - \
        _best(lambda: da.from_array(small, chunks=small.shape), 9)
    return {"dask_store_s": one, "dask_chunk_s": max(0.0, (many - one) / (n - 1) - call),
            "dask_hash_bytes_per_s": big.nbytes / hashed if hashed > 0 else None}


def measure_costs(workers):
    """The costs request: each figure with its unit in its name; about a second."""
    if not isinstance(workers, int) or isinstance(workers, bool) or not 1 <= workers <= MAX_WORKERS:
        raise BadRequest("workers: got %s; allowed: an integer from 1 to %d"
                         % (json.dumps(workers), MAX_WORKERS))
    t = clock()
    send, receive = _pickle_bandwidth()
    res = {"type": "costs", "workers": workers, "numpy_ns_per_item": _numpy_ns_per_item(),
           "pickle_send_bytes_per_s": send, "unpickle_receive_bytes_per_s": receive}
    res.update(_pool_costs(workers))
    res.update(_item_costs())
    res.update(_dask_costs(workers))
    res["measured_in_s"] = clock() - t
    return res


#!/usr/bin/python3
"""The tutorial's experiments, run for real with NumPy and multiprocessing.

SuperFastPython's "parallel NumPy vector math with multiprocessing" applies one math function
to every item of a vector of numpy.random.rand(n) doubles, sequentially and with
multiprocessing.Pool; this script repeats those experiments (and the two fixes the tutorial
points to: shared memory and threads) so that bench/compare can put Chunkscope's numbers
next to them on the same machine.

Rules kept in every experiment:
  * the data is made with numpy.random.rand(n) outside the timed region;
  * every pool (Pool or ThreadPool) is created and torn down INSIDE the timed region,
    as in the tutorial (`with Pool(W) as pool:` around the work);
  * processes are started with the 'fork' method;
  * time.perf_counter() around the timed region; median and min over the repetitions.

Run it with Debian's Python (/usr/bin/python3), which has python3-numpy.
"""

import argparse
import json
import math
import multiprocessing
import multiprocessing.pool
import os
import platform
import signal
import statistics
import sys
import time

try:
    import numpy
except ImportError:  # pragma: no cover - environment problem, explained to the user
    sys.stderr.write(
        "tutorial.py: numpy is not importable by %s.\n"
        "Run this script with Debian's Python: /usr/bin/python3 bench/tutorial.py ...\n"
        % sys.executable)
    sys.exit(2)

FUNCTIONS = ("exp", "log", "sin", "sqrt", "tanh")
EXPERIMENTS = ("sequential", "pool-map-1000", "pool-split-64", "shared-memory", "threadpool",
               "sweep")
PARTS = 64                                  # parts in pool-split-64, shared-memory, threadpool
SWEEP_VALUES = (1, 2, 4, 8, 16, 32, 64, 128)  # splits x chunksize of the 8 x 8 sweep
# Experiments that take long enough that their repetitions are capped (see --help).
CAPPED = ("pool-map-1000",)


# --------------------------------------------------------------------------------------------
# Helpers

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


def positive_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not an integer: %r" % text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be >= 1: %r" % text)
    return v


def nonnegative_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not an integer: %r" % text)
    if v < 0:
        raise argparse.ArgumentTypeError("must be >= 0: %r" % text)
    return v


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
    baseline = list(getattr(mod, "__cpu_baseline__", []))
    dispatch = list(getattr(mod, "__cpu_dispatch__", []))
    return {
        "baseline": baseline,
        # dispatch targets NumPy was built with that this CPU has: what its loops really use
        "dispatch_active": [f for f in dispatch if found.get(f)],
        "dispatch_missing": [f for f in dispatch if not found.get(f)],
    }


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def summarize(samples):
    return {"median_s": statistics.median(samples), "min_s": min(samples),
            "samples": list(samples)}


def part_bounds(n, parts):
    """[a, b) of each non-empty part, cut like numpy.array_split: the first n % parts parts
    get one item more."""
    base, extra = divmod(n, parts)
    bounds, a = [], 0
    for i in range(parts):
        b = a + base + (1 if i < extra else 0)
        if b > a:
            bounds.append((a, b))
        a = b
    return bounds


def log(args, msg):
    if args.verbose or not args.json:
        stream = sys.stderr if args.json else sys.stdout
        stream.write(msg + "\n")
        stream.flush()


LOCK_PATH = "/tmp/chunkscope-bench.lock"
LOCK_ENV = "CHUNKSCOPE_BENCH_LOCK_HELD"


def take_bench_lock():
    """One benchmark at a time on this machine (shared with bench/compare, which takes the
    lock itself and tells us through the environment)."""
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
        sys.stderr.write("tutorial.py: waiting for another benchmark to finish (%s holds %s)\n"
                         % (f.read().strip() or "?", LOCK_PATH))
        fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0)
    f.truncate()
    f.write("pid %d: %s" % (os.getpid(), " ".join(sys.argv)))
    f.flush()
    return f


def _worker_init():
    # Pool workers: die quietly on terminate() (SIGTERM) and leave Ctrl-C to the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parent_sigterm(signum, frame):
    # Turn SIGTERM into an exception so that `with Pool` and try/finally (shared memory
    # unlink) run before the process exits.
    raise SystemExit(128 + signum)


# --------------------------------------------------------------------------------------------
# Shared-memory worker side (module level so that workers find them after fork)

_shm = None        # this worker's attachment to the segment
_shm_in = None     # input view
_shm_out = None    # output view


def _shm_attach(name, n):
    global _shm, _shm_in, _shm_out
    _worker_init()
    from multiprocessing import shared_memory
    _shm = shared_memory.SharedMemory(name=name)
    _shm_in = numpy.ndarray((n,), dtype=numpy.float64, buffer=_shm.buf, offset=0)
    _shm_out = numpy.ndarray((n,), dtype=numpy.float64, buffer=_shm.buf, offset=n * 8)


def _shm_task(task):
    fname, a, b = task
    getattr(numpy, fname)(_shm_in[a:b], out=_shm_out[a:b])
    return None


# --------------------------------------------------------------------------------------------
# The experiments. Each returns the wall time of one repetition, timed region only.

def run_sequential(ctx, data, func, workers):
    t0 = time.perf_counter()
    result = func(data)
    t1 = time.perf_counter()
    del result
    return t1 - t0


def run_pool_map_1000(ctx, data, func, workers):
    t0 = time.perf_counter()
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        result = pool.map(func, data, chunksize=1000)   # a list of numpy scalars, as the tutorial
    t1 = time.perf_counter()
    assert len(result) == len(data)
    del result
    return t1 - t0


def _split_map(ctx, data, func, workers, splits, chunksize):
    """Pool(W), array_split into `splits`, map with `chunksize`, concatenate; timed."""
    t0 = time.perf_counter()
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        parts = numpy.array_split(data, splits)
        results = pool.map(func, parts, chunksize=chunksize)
        result = numpy.concatenate(results)
    t1 = time.perf_counter()
    assert result.shape == data.shape
    del result, results, parts
    return t1 - t0


def run_pool_split_64(ctx, data, func, workers):
    return _split_map(ctx, data, func, workers, PARTS, 1)


def run_shared_memory(ctx, data, func, workers):
    from multiprocessing import shared_memory
    n = data.shape[0]
    tasks = [(func.__name__, a, b) for (a, b) in part_bounds(n, PARTS)]

    shm = None
    t0 = time.perf_counter()
    try:
        # one segment: input in the first half, output in the second
        shm = shared_memory.SharedMemory(create=True, size=2 * n * 8)
        shm_in = numpy.ndarray((n,), dtype=numpy.float64, buffer=shm.buf, offset=0)
        shm_out = numpy.ndarray((n,), dtype=numpy.float64, buffer=shm.buf, offset=n * 8)
        shm_in[:] = data                                   # copy in
        with ctx.Pool(workers, initializer=_shm_attach, initargs=(shm.name, n)) as pool:
            pool.map(_shm_task, tasks, chunksize=1)
        result = shm_out.copy()                            # copy out
        t1 = time.perf_counter()
        del shm_in, shm_out
    finally:
        if shm is not None:
            try:
                shm.close()
            finally:
                shm.unlink()
    assert result.shape == data.shape
    del result
    return t1 - t0


def run_threadpool(ctx, data, func, workers):
    bounds = part_bounds(data.shape[0], PARTS)
    t0 = time.perf_counter()
    result = numpy.empty_like(data)

    def task(ab):
        a, b = ab
        func(data[a:b], out=result[a:b])                   # NumPy releases the GIL here

    with multiprocessing.pool.ThreadPool(workers) as pool:
        pool.map(task, bounds, chunksize=1)
    t1 = time.perf_counter()
    del result
    return t1 - t0


RUNNERS = {
    "sequential": run_sequential,
    "pool-map-1000": run_pool_map_1000,
    "pool-split-64": run_pool_split_64,
    "shared-memory": run_shared_memory,
    "threadpool": run_threadpool,
}


def run_sweep(args, ctx, data, func):
    cells = []
    t0 = time.perf_counter()
    for splits in SWEEP_VALUES:
        for chunksize in SWEEP_VALUES:
            s = _split_map(ctx, data, func, args.workers, splits, chunksize)
            cells.append({"splits": splits, "chunksize": chunksize, "seconds": s})
            log(args, "  sweep  splits %4d  chunksize %4d  %9.4f s" % (splits, chunksize, s))
    total = time.perf_counter() - t0
    best = min(cells, key=lambda c: c["seconds"])
    worst = max(cells, key=lambda c: c["seconds"])
    return {"total_s": total, "sum_cells_s": sum(c["seconds"] for c in cells),
            "best": best, "worst": worst, "cells": cells}


# --------------------------------------------------------------------------------------------

def build_parser():
    p = argparse.ArgumentParser(
        prog="tutorial.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Re-run the SuperFastPython tutorial's NumPy + multiprocessing experiments for real.\n"
            "Data: numpy.random.rand(size), made outside the timed region. Every Pool/ThreadPool\n"
            "is created inside the timed region. Start method: fork."),
        epilog=(
            "experiments:\n"
            "  sequential     func(data) on the whole vector, one core\n"
            "  pool-map-1000  Pool(W).map(func, data, chunksize=1000): every item is a task,\n"
            "                 pickled to a worker and back (list result, as the tutorial).\n"
            "                 About 20 s per repetition at 10M, so its repetitions are capped at\n"
            "                 --pool-map-repeats (default 1) whatever --repeats says, and it\n"
            "                 gets no warmup.\n"
            "  pool-split-64  Pool(W), numpy.array_split(data, 64), pool.map(func, parts,\n"
            "                 chunksize=1), numpy.concatenate\n"
            "  shared-memory  multiprocessing.shared_memory segment, 64 parts; copy in, workers\n"
            "                 (attached by name once each) write results in place, copy out;\n"
            "                 all of it and Pool(W) timed\n"
            "  threadpool     ThreadPool(W), 64 parts, func(data[a:b], out=result[a:b])\n"
            "  sweep          the 8 x 8 grid splits x chunksize in {1,2,4,...,128}, each cell\n"
            "                 a fresh Pool(W) + array_split + map + concatenate, one repetition\n"
            "                 per cell, no warmup; reports the whole sweep's wall time and the\n"
            "                 best cell\n"
            "\n"
            "Run with /usr/bin/python3 (Debian's python3-numpy). bench/compare runs it with\n"
            "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from the environment."))
    p.add_argument("--size", type=parse_size, default=parse_size("10M"),
                   help="items in the vector; 10M, 1e7 and 10000000 all work (default 10M)")
    p.add_argument("--workers", type=positive_int, default=os.cpu_count() or 1,
                   help="pool workers (default os.cpu_count() = %d)" % (os.cpu_count() or 1))
    p.add_argument("--function", choices=FUNCTIONS, default="exp",
                   help="the numpy function applied to every item (default exp)")
    p.add_argument("--repeats", type=positive_int, default=5,
                   help="timed repetitions per experiment (default 5; pool-map-1000 is capped, "
                        "sweep runs once)")
    p.add_argument("--pool-map-repeats", type=positive_int, default=1,
                   help="cap on pool-map-1000's repetitions (default 1)")
    p.add_argument("--warmup", type=nonnegative_int, default=2,
                   help="untimed runs before the timed ones, per experiment (default 2: with "
                        "glibc's dynamic mmap threshold, NumPy's second call at 128 KiB to "
                        "32 MiB outputs still touches fresh pages; not for pool-map-1000 or "
                        "sweep)")
    p.add_argument("--experiments", default=",".join(EXPERIMENTS),
                   help="comma list from: %s (default all)" % ", ".join(EXPERIMENTS))
    p.add_argument("--seed", type=int, default=20230501,
                   help="numpy.random.seed before rand (default 20230501)")
    p.add_argument("--json", action="store_true",
                   help="print one machine-readable JSON document on stdout (progress only "
                        "with --verbose, on stderr)")
    p.add_argument("--info", action="store_true",
                   help="print versions, CPU and NumPy SIMD features, run nothing")
    p.add_argument("--verbose", action="store_true", help="progress on stderr in --json mode")
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    experiments = [e.strip() for e in args.experiments.split(",") if e.strip()]
    bad = [e for e in experiments if e not in EXPERIMENTS]
    if bad or not experiments:
        sys.stderr.write("tutorial.py: unknown experiment(s) %s; choose from %s\n"
                         % (", ".join(bad) or "(none given)", ", ".join(EXPERIMENTS)))
        return 2

    doc = {
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "numpy": numpy.__version__,
        "numpy_simd": numpy_simd(),
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count(),
        "openblas_env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                         if k in os.environ},
        "start_method": "fork",
        "function": args.function,
        "size": args.size,
        "workers": args.workers,
        "repeats": args.repeats,
        "warmup": args.warmup,
        "results": {},
    }
    if args.info:
        if args.json:
            print(json.dumps(doc))
        else:
            for k in ("python", "numpy", "cpu_model", "logical_cores", "openblas_env"):
                print("%-14s %s" % (k, doc[k]))
            print("%-14s %s" % ("numpy SIMD", " ".join(doc["numpy_simd"].get("dispatch_active",
                                                                             []))))
        return 0

    signal.signal(signal.SIGTERM, _parent_sigterm)
    lock = take_bench_lock()   # held until exit
    ctx = multiprocessing.get_context("fork")
    func = getattr(numpy, args.function)

    numpy.random.seed(args.seed)
    data = numpy.random.rand(args.size)                    # outside every timed region
    log(args, "python %s  numpy %s  size %d  workers %d  function %s  repeats %d"
        % (doc["python"], doc["numpy"], args.size, args.workers, args.function, args.repeats))
    log(args, "numpy SIMD: %s" % " ".join(doc["numpy_simd"].get("dispatch_active", [])))

    for name in experiments:
        if name == "sweep":
            log(args, "sweep: 8 x 8 cells, fresh Pool(%d) each" % args.workers)
            doc["sweep"] = run_sweep(args, ctx, data, func)
            sw = doc["sweep"]
            log(args, "%-14s total %9.3f s  best %.4f s (splits %d, chunksize %d)"
                % ("sweep", sw["total_s"], sw["best"]["seconds"], sw["best"]["splits"],
                   sw["best"]["chunksize"]))
            continue
        runner = RUNNERS[name]
        repeats = min(args.repeats, args.pool_map_repeats) if name in CAPPED else args.repeats
        warmup = 0 if name in CAPPED else args.warmup
        for _ in range(warmup):
            runner(ctx, data, func, args.workers)
        samples = [runner(ctx, data, func, args.workers) for _ in range(repeats)]
        r = summarize(samples)
        r["repeats"] = repeats
        r["warmup"] = warmup
        doc["results"][name] = r
        log(args, "%-14s median %9.4f s  min %9.4f s  (%d repetition%s)"
            % (name, r["median_s"], r["min_s"], repeats, "" if repeats == 1 else "s"))

    if args.json:
        print(json.dumps(doc))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("tutorial.py: interrupted\n")
        sys.exit(130)

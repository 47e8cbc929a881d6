# SPDX-License-Identifier: GPL-3.0-or-later
"""bench: the tutorial's experiments as a plain script (bench/compare runs it), on the same
strategy functions the engine runs."""

import json
import os
import platform
import statistics
import sys

import numpy

from .common import PHASES, BadRequest, RunFailed, clock
from .data import GENERATOR, make_data
from .probes import PROBED, probe_packages
from .request import Job
from .runs import run_job
from .state import install_signal_handlers

# name -> (strategy, knobs); the tutorial's experiments, then the libraries
EXPERIMENTS = {
    "sequential": ("py-sequential", {}),
    "pool-map-1000": ("py-items", {"chunksize": 1000}),
    "pool-split-64": ("py-split", {"splits": 64, "chunksize": 1}),
    "shared-memory": ("py-shm", {"splits": 64, "chunksize": 1}),
    "threadpool": ("py-threads", {"splits": 64, "chunksize": 1}),
    "numexpr": ("py-numexpr", {}),
    "numba": ("py-numba", {}),
    "futures": ("py-futures", {"splits": 64, "chunksize": 1}),
    "joblib": ("py-joblib", {"splits": 64, "chunksize": 1, "memmap": True}),
    "joblib-nomemmap": ("py-joblib", {"splits": 64, "chunksize": 1, "memmap": False}),
    "dask": ("py-dask", {"splits": 64}),
}
DEFAULT_EXPERIMENTS = ("sequential", "pool-map-1000", "pool-split-64", "shared-memory",
                       "threadpool", "sweep")
SWEEP_VALUES = (1, 2, 4, 8, 16, 32, 64, 128)
CAPPED = ("pool-map-1000",)      # ~20 s a repetition at 10M: capped, no warmup
LOCK_PATH = "/tmp/chunkscope-bench.lock"
LOCK_ENV = "CHUNKSCOPE_BENCH_LOCK_HELD"
_BENCH_LOCK = None


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
           "numba": found.get("numba"), "joblib": found.get("joblib"),
           "dask": found.get("dask"), "numpy_simd": numpy_simd(), "cpu_model": cpu_model(),
           "logical_cores": os.cpu_count(),
           "openblas_env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                            if k in os.environ},
           "start_method": "fork", "module": os.path.dirname(os.path.abspath(__file__)),
           "function": args.function, "size": args.size, "workers": args.workers,
           "repeats": args.repeats, "warmup": args.warmup, "pool": args.pool,
            "events": not args.no_events, "seed": args.seed, "generator": GENERATOR,
            "results": {}}
    doc.update((k + "_error", found[k + "_error"]) for k in PROBED if found.get(k + "_error"))
    if args.info:
        if args.json:
            print(json.dumps(doc))
        else:
            for k in ("python", "numpy", "numexpr", "numba", "joblib", "dask", "cpu_model",
                      "logical_cores", "openblas_env"):
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


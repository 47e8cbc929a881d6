# SPDX-License-Identifier: GPL-3.0-or-later
"""The command line: `chunkscope_tutorial.py serve | tutorial | bench ...` (argparse)."""

import argparse
import json
import math
import os
import sys

from .bench import DEFAULT_EXPERIMENTS, EXPERIMENTS, bench
from .common import FUNCTIONS, POOLS, BadRequest, RunFailed
from .protocol import serve
from .runs import run_as_tutorial, tutorial_job
from .strategies import STRATEGIES


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



def build_parser():
    p = argparse.ArgumentParser(
        prog="chunkscope_tutorial.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The tutorial's NumPy + multiprocessing strategies: `serve` speaks "
                    "Chunkscope's JSON-lines protocol, `bench` re-runs the tutorial's "
                    "experiments. Run with /usr/bin/python3 (Debian's python3-numpy).")
    sub = p.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("serve", help="JSON-lines protocol on stdin/stdout (see "
                                     "docs/python-protocol.md)")
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
            "  futures        ProcessPoolExecutor(W).map(func, 64 parts, chunksize=1),\n"
            "                 numpy.concatenate                                    (py-futures)\n"
            "  joblib         Parallel(n_jobs=W, batch_size=1)(delayed(func)(p) for 64 parts),\n"
            "                 loky workers, parts over 1 MB memory-mapped           (py-joblib)\n"
            "  joblib-nomemmap  the same with max_nbytes=None: every part pickled   (py-joblib)\n"
            "  dask           da.exp(da.from_array(data, 64 chunks)) stored into an output,\n"
            "                 threaded scheduler on a ThreadPool(W)                    (py-dask)\n"
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


def run(argv=None):
    """main, with Ctrl-C reported as an interruption (status 130)."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        sys.stderr.write("chunkscope_tutorial.py: interrupted\n")
        return 130

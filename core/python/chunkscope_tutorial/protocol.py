# SPDX-License-Identifier: GPL-3.0-or-later
"""serve: the engine's side. JSON lines on a private stdin and stdout, one request at a time:
run, tutorial, check, costs, dask-costs, quit (docs/python-protocol.md)."""

import json
import os
import platform
import sys

import numpy

from . import common, state
from .common import FUNCTIONS, PROTOCOL, ULP_TOLERANCE, BadRequest, RunFailed
from .costs import measure_costs
from .daskcosts import measure_dask_costs
from .probes import OPTIONAL_PACKAGES, PROBED, probe_packages
from .request import Job
from .runs import run_as_tutorial, run_job, tutorial_job
from .state import install_signal_handlers, set_shm_prefix
from .strategies import STRATEGIES

class Channel:
    """The protocol's stdin and stdout, private: fd 0 becomes /dev/null and fd 1 stderr, so
    that nothing else (pool workers, stray prints, warnings) can reach the engine's pipe."""

    def __init__(self):
        self.inp = os.dup(0)
        self.out = os.dup(1)          # both non-inheritable (close on exec)
        state._PRIVATE_FDS.extend((self.inp, self.out))
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
           "numpy": numpy.__version__}
    msg.update((name, found.get(name)) for name in PROBED)
    msg["pid"] = os.getpid()
    for name in PROBED:
        if found.get(name + "_error"):
            msg[name + "_error"] = found[name + "_error"]
    msg.update(functions=list(FUNCTIONS), strategies={k: list(v) for k, v in STRATEGIES.items()},
               max_events=common.MAX_EVENTS, ulp_tolerance=ULP_TOLERANCE)
    return msg


def only_fields(req, op, allowed):
    """A request of op with no field but the allowed ones, else BadRequest naming both."""
    extra = sorted(set(req) - set(allowed))
    if extra:
        raise BadRequest("unknown field(s) %s in %s; allowed: %s"
                         % (", ".join(extra), op, ", ".join(allowed)))


def with_id(reply, rid):
    """The reply, answering the request's id when it had one."""
    if rid is not None:
        reply["id"] = rid
    return reply


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
            only_fields(req, op, ("op", "strategy", "id"))
            send(with_id(check_strategy(req.get("strategy")), rid))
            return True
        if op == "costs":
            only_fields(req, op, ("op", "workers", "id"))
            send(with_id(measure_costs(req.get("workers", os.cpu_count() or 1)), rid))
            return True
        if op == "dask-costs":
            only_fields(req, op, ("op", "workers", "scheduler", "id"))
            send(with_id(measure_dask_costs(req.get("workers"), req.get("scheduler")), rid))
            return True
        if op == "tutorial":
            handle_tutorial(req, send)
            return True
        if op != "run":
            raise BadRequest("unknown op %r; allowed: run, tutorial, check, costs, dask-costs, quit" % (op,))
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
    if "workers" in sample:     # Dask's workers: address, host, pid, name (cluster.py)
        msg["workers"] = sample["workers"]
    if "lost_workers" in sample:     # the Dask workers the run lost, what ran again (lost.py)
        msg["lost_workers"] = sample["lost_workers"]
    return msg


def serve(args):
    try:
        set_shm_prefix(args.shm_prefix or state._SHM_PREFIX)
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


# SPDX-License-Identifier: GPL-3.0-or-later
"""The optional packages (numexpr, numba, joblib, dask): probed in a forked child, imported only
by the strategy that needs them."""

import json
import os
import sys

from .common import BadRequest

OPTIONAL_PACKAGES = {"py-numexpr": "numexpr", "py-numba": "numba", "py-joblib": "joblib",
                     "py-dask": "dask", "py-dask-cluster": "distributed",
                     "py-dask-distributed": "distributed"}
PROBED = ("numexpr", "numba", "joblib", "dask", "distributed")
_PROBE_IMPORT = {"dask": "dask.array"}     # what the strategy imports, where it is not the package

def probe_packages():
    """numexpr, numba, joblib and dask: version or import error, tried in a forked child so
    that this process does not carry them (a fatter process forks its pools more slowly)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:       # child: import, report, _exit
        try:
            os.close(r)
            res = {}
            for name in PROBED:
                try:
                    __import__(_PROBE_IMPORT.get(name, name))
                    mod = sys.modules[name]
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
        res = {}
        for name in PROBED:
            res.update({name: None, name + "_error": why})
        return res


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


def _import_joblib():
    import joblib
    return joblib


def _import_dask():
    import dask.array
    return dask.array


def _import_optional(package, importer):
    try:
        return importer()
    except Exception as e:     # noqa: BLE001 - reported as a failed request
        raise BadRequest("py-%s needs %s, which cannot be imported here (%s: %s); install it "
                         "with: apt-get install python3-%s"
                         % (package, package, type(e).__name__, e, package))


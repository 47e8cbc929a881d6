# SPDX-License-Identifier: GPL-3.0-or-later
"""Process state: what a signal handler must clean up (live pools, shared-memory segments) and
the signal handlers themselves. Modules that change this state assign state.NAME, so that the
handler sees it."""

import itertools
import os
import shutil
import signal

from .common import BadRequest

_MAIN_PID = os.getpid()
_LIVE_POOLS = {}           # pool -> every worker it forked (a list, or a function returning
                           # one); the SIGTERM handler kills them
_LIVE_FOLDERS = set()      # temporary folders (joblib's memmaps) the SIGTERM handler removes
_LIVE_SEGMENTS = {}        # name -> SharedMemory the SIGTERM handler unlinks
_PRIVATE_FDS = []          # the protocol's fds; pool workers close them
_SEGMENT_COUNTER = itertools.count()
_SHM_PREFIX = "chunkscope-py-%d-" % os.getpid()
_POOL_PARENT = os.getpid()  # the process making pools; a worker whose parent is gone exits
_PR_SET_PDEATHSIG = 1
_POOL_FORK_SIGNALS = {signal.SIGTERM, signal.SIGINT}    # blocked while a pool forks


def _on_signal(signum, frame):
    """SIGTERM / SIGINT in the parent: unlink segments, kill pool workers, remove temporary
    folders, exit now."""
    if os.getpid() != _MAIN_PID:       # a worker forked before its initialiser ran
        os._exit(128 + signum)
    for shm in list(_LIVE_SEGMENTS.values()):
        try:
            shm.unlink()
        except Exception:
            pass
    for pool, logged in list(_LIVE_POOLS.items()):
        try:
            procs = list(getattr(pool, "_pool", ()) or ()) + list(
                logged() if callable(logged) else logged)
        except Exception:
            procs = []
        for proc in procs:
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except (OSError, AttributeError, TypeError):
                pass
    for folder in list(_LIVE_FOLDERS):
        shutil.rmtree(folder, ignore_errors=True)
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

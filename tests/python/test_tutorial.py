# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of core/python/chunkscope_tutorial (the package that chunkscope_tutorial.py runs):
strategies, phases, events, verification, the JSON-lines protocol, shared memory and signals.
Run with Debian's Python:

    /usr/bin/python3 -m unittest -v tests/python/test_tutorial.py
"""

import functools
import glob
import json
import math
import multiprocessing
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE_DIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "core", "python")
MODULE = os.path.join(MODULE_DIR, "chunkscope_tutorial.py")
sys.path.insert(0, MODULE_DIR)

import numpy  # noqa: E402

import chunkscope_tutorial as ct  # noqa: E402

PY = sys.executable


def request(strategy, size=1000, **over):
    """A run request; knobs the strategy does not take are there too, as the engine sends."""
    req = {"id": 1, "strategy": strategy, "function": "exp", "size": size, "seed": 7,
           "workers": 2, "splits": min(8, size), "chunksize": 1, "pool": "fresh",
           "repeats": 1, "warmup": 0}
    req.update(over)
    return req


def run(req):
    samples = []
    ct.run_job(ct.Job(req), samples.append)
    return samples


@functools.lru_cache(maxsize=None)
def have(package):
    """Importable? Asked in a child, as the module does, so that this process does not import
    numba before the module sets NUMBA_NUM_THREADS."""
    return ct.probe_packages().get(package) is not None


def shm_names(prefix):
    return sorted(os.path.basename(p) for p in glob.glob("/dev/shm/" + glob.escape(prefix) + "*"))


def children_of(pid):
    kids = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.split("/")[2]))
    return kids


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.02)
    return not any(alive(p) for p in pids)


def pool_workers(pid):
    """The pool workers among pid's children (not multiprocessing's resource tracker)."""
    kids = []
    for kid in children_of(pid):
        try:
            with open("/proc/%d/cmdline" % kid, "rb") as f:
                if b"resource_tracker" in f.read():
                    continue
        except OSError:
            continue
        kids.append(kid)
    return kids


_STARTED = None     # LostWorkerTest's: a queue its tasks put their pid on, or a counter


def _first_worker_exits():
    ct.workers._worker_init()
    with _STARTED.get_lock():
        _STARTED.value += 1
        if _STARTED.value == 1:
            os._exit(3)


def _report_and_sleep(x):
    _STARTED.put(os.getpid())
    time.sleep(60)
    return x


class CheckSample:
    def check_sample(self, req, s):
        size = req["size"]
        self.assertTrue(s["verified"], s["error"])
        ph = s["phases"]
        self.assertEqual(tuple(ph), ct.PHASES)
        for k, v in ph.items():
            self.assertGreaterEqual(v, 0.0, k)
        self.assertAlmostEqual(sum(ph.values()), s["wall_s"], delta=1e-9)
        self.assertGreater(s["wall_s"], 0)
        if s["tasks"] is None:
            self.assertEqual(s["events"], [])
            return
        events = s["events"]
        self.assertEqual(len(events), s["tasks"])
        self.assertFalse(s["events_truncated"])
        self.assertEqual(sorted(e[1] for e in events), list(range(len(events))))
        self.assertEqual(sum(e[4] for e in events), size)
        workers = {e[0] for e in events}
        self.assertEqual(workers, set(range(len(workers))))
        self.assertLessEqual(len(workers), req["workers"])
        for w, task, start, end, items, receive, send in events:
            self.assertLessEqual(0.0, start)
            self.assertLessEqual(start, end)
            self.assertLessEqual(end, s["wall_s"] + 1e-9)
            # receive, compute and send of a task lie inside the run
            self.assertGreaterEqual(receive, 0.0)
            self.assertGreaterEqual(send, 0.0)
            self.assertGreaterEqual(start - receive, -1e-9)
            self.assertLessEqual(end + send, s["wall_s"] + 1e-9)
            if req["strategy"] == "py-threads":
                self.assertEqual((receive, send), (0.0, 0.0), "threads move nothing")
        # compute spans the tasks: first start .. last end
        first = min(e[2] for e in events)
        last = max(e[3] for e in events)
        self.assertAlmostEqual(ph["compute"], last - first, delta=2e-6)


class ClockTest(unittest.TestCase):
    def test_perf_counter_is_clock_monotonic(self):
        info = time.get_clock_info("perf_counter")
        self.assertEqual(info.implementation, "clock_gettime(CLOCK_MONOTONIC)")
        a = time.clock_gettime(time.CLOCK_MONOTONIC)
        b = time.perf_counter()
        c = time.clock_gettime(time.CLOCK_MONOTONIC)
        self.assertLessEqual(a, b)
        self.assertLessEqual(b, c)

    def test_worker_and_parent_stamps_comparable(self):
        r, w = os.pipe()
        before = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.write(w, repr(time.perf_counter()).encode())
            os._exit(0)
        os.close(w)
        child = float(os.read(r, 100))
        os.waitpid(pid, 0)
        after = time.perf_counter()
        os.close(r)
        self.assertLessEqual(before, child)
        self.assertLessEqual(child, after)


class SegmentsTest(unittest.TestCase, CheckSample):
    """Each task of a process pool carries its receive (the parent handing it out, the worker
    reading and unpickling it) and its send (until the parent holds the result)."""

    def test_process_pools_stamp_receive_and_send(self):
        for strategy in ("py-split", "py-items", "py-shm"):
            for pool in ("fresh", "warm"):
                req = request(strategy, 20000, splits=16, chunksize=2, pool=pool, repeats=2)
                if strategy == "py-items":
                    req["chunksize"] = 2500
                with self.subTest(strategy=strategy, pool=pool):
                    for s in run(req):
                        self.check_sample(req, s)
                        self.assertEqual(len(s["events"]), 8)
                        for e in s["events"]:
                            # pickling or attaching, and a result pipe: never nothing at all
                            self.assertGreater(e[5], 0.0, e)
                            self.assertGreater(e[6], 0.0, e)

    def test_a_worker_does_not_receive_while_it_computes(self):
        # Four tasks on one worker: each one's receive starts after the previous compute ended
        # (the worker was busy until then, however early the parent handed the task out).
        for strategy in ("py-split", "py-items"):
            req = request(strategy, 40000, workers=1, splits=4, chunksize=1)
            if strategy == "py-items":
                req["chunksize"] = 10000
            s, = run(req)
            self.check_sample(req, s)
            events = sorted(s["events"], key=lambda e: e[1])
            self.assertEqual(len(events), 4)
            for before, after in zip(events, events[1:]):
                self.assertGreaterEqual(after[2] - after[5], before[3] - 1e-9, (before, after))

    def test_only_runs_with_events_stamp_the_workers(self):
        for events, init in ((False, ct.workers._worker_init), (True, ct.workers._events_worker_init)):
            job = ct.Job(request("py-split", 1000, events=events))
            with ct.Setup(job) as setup:
                with setup.fresh_pool() as pool:
                    self.assertIs(pool._initializer, init)

    def test_task_stamps_hand_out_tasks_as_pool_map_chunks_them(self):
        items = list(range(10))
        stamps = ct.pools._TaskStamps(items, 4)
        self.assertEqual(len(stamps), 10)
        self.assertEqual(list(stamps), items)
        self.assertEqual(len(stamps.handed_out), 3)
        self.assertEqual(stamps.handed_out, sorted(stamps.handed_out))
        with ct.pools._PoolScope(lambda: ct.pools._process_pool(2, ct.workers._worker_init)) as pool:
            stamps = ct.pools._TaskStamps(items, 3)
            self.assertEqual(ct.pool_map(pool, abs, stamps, (3,)), items)
        self.assertEqual(len(stamps.handed_out), 4)
        self.assertEqual(sorted(stamps.held), [0, 1, 2, 3])
        for k in range(4):
            self.assertLess(stamps.handed_out[k], stamps.held[k])

    def test_task_event_clamps_into_the_run(self):
        t = ct.Timing()
        t.t0 = 10.0
        t.handed = ct.pools._TaskStamps([0], 1)
        t.handed.handed_out = [10.25]
        t.handed.held = {0: 10.75}
        # receive from the later of handed out (10.25) and asked (10.125) to the start (10.5)
        self.assertEqual(ct.task_event(t, (99, 0, 10.5, 10.625, 5, 10.125), 1, 1.0),
                         [1, 0, 0.5, 0.625, 5, 0.25, 0.125])
        # a result held after the run's end is cut there; not asked: no receive
        t.handed.held = {0: 12.0}
        self.assertEqual(ct.task_event(t, (99, 0, 10.5, 10.625, 5, math.nan), 1, 0.875),
                         [1, 0, 0.5, 0.625, 5, 0.0, 0.25])
        t.handed = None
        self.assertEqual(ct.task_event(t, (99, 0, 10.5, 10.625, 5, 10.125), 0, 1.0)[5:],
                         [0.0, 0.0])


class StrategyTest(unittest.TestCase, CheckSample):
    def test_pool_strategies_awkward_sizes(self):
        for strategy in ("py-items", "py-split", "py-shm", "py-threads"):
            for size in (1, 7, 1000, 1001):
                configs = [dict(splits=1, chunksize=1), dict(splits=min(size, 5), chunksize=3),
                           dict(splits=size, chunksize="auto")]
                for over in configs:
                    req = request(strategy, size, **over)
                    with self.subTest(strategy=strategy, size=size, **over):
                        for s in run(req):
                            self.check_sample(req, s)

    def test_items_chunksize_larger_than_data(self):
        req = request("py-items", 1001, chunksize=5000)
        s, = run(req)
        self.check_sample(req, s)
        self.assertEqual(s["tasks"], 1)

    def test_auto_chunksize_is_pythons(self):
        # Pool.map's own default: ceil(n / (4 W)) items a task
        req = request("py-items", 1001, chunksize="auto")
        s, = run(req)
        self.assertEqual(s["tasks"], math.ceil(1001 / math.ceil(1001 / 8)))
        req = request("py-split", 1000, splits=100, chunksize="auto", workers=3)
        s, = run(req)
        self.check_sample(req, s)
        self.assertEqual(s["tasks"], math.ceil(100 / math.ceil(100 / 12)))

    def test_tasks_group_chunksize_parts(self):
        for strategy in ("py-split", "py-shm", "py-threads"):
            req = request(strategy, 1000, splits=10, chunksize=4)
            s, = run(req)
            self.check_sample(req, s)
            self.assertEqual([e[4] for e in sorted(s["events"], key=lambda e: e[1])],
                             [400, 400, 200])

    def test_every_function(self):
        for fname in ct.FUNCTIONS:
            for strategy in ("py-sequential", "py-split", "py-threads"):
                req = request(strategy, 1001, function=fname, splits=7)
                with self.subTest(function=fname, strategy=strategy):
                    s, = run(req)
                    self.check_sample(req, s)
                    self.assertEqual(s["max_ulp"], 0)

    def test_sequential(self):
        for size in (1, 7, 1001):
            req = request("py-sequential", size, repeats=2, warmup=1)
            samples = run(req)
            self.assertEqual([s["warmup"] for s in samples], [True, False, False])
            self.assertEqual([s["index"] for s in samples], [0, 1, 2])
            for s in samples:
                self.check_sample(req, s)
                self.assertEqual(s["phases"]["compute"], s["wall_s"])

    SETTLE = {"tolerance": 0.05, "min_runs": 2, "max_runs": 6, "max_seconds": 3.0}

    def test_warmup_until_settled(self):
        req = request("py-sequential", 2000, repeats=2, warmup="settle", settle=self.SETTLE)
        samples = run(req)
        flags = [s["warmup"] for s in samples]
        warm = flags.count(True)
        self.assertEqual(flags, [True] * warm + [False, False])
        self.assertGreaterEqual(warm, 2)
        self.assertLessEqual(warm, 6)
        walls = [s["wall_s"] for s in samples[:warm]]
        # Ended by agreement, or by the cap: the same rule as core/src/engine/warmup.cpp.
        self.assertTrue(ct.warmup_done(None, self.SETTLE, walls))
        self.assertFalse(ct.warmup_done(None, self.SETTLE, walls[:-1]))

    def test_settle_rule_matches_the_engine(self):
        rule = self.SETTLE
        self.assertFalse(ct.warmup_done(None, rule, [0.369, 0.138, 0.089]))
        self.assertTrue(ct.warmup_done(None, rule, [0.369, 0.138, 0.089, 0.085]))
        self.assertTrue(ct.warmup_done(None, rule, [0.002, 0.001] * 3))   # the cap
        self.assertTrue(ct.warmup_done(None, rule, [5.0, 2.0]))           # max_seconds
        self.assertTrue(ct.warmup_done(2, None, [0.1, 0.5]))

    def test_cell_budget_rule_matches_the_engine(self):
        # The cases of NextRun in tests/core/test_warmup.cpp, with fake walls.
        nr = ct.next_run
        self.assertEqual(nr(2, None, 3, 0, [], []), "warmup")
        self.assertEqual(nr(2, None, 3, 5.0, [], []), "warmup")        # nothing known yet
        self.assertEqual(nr(2, None, 3, 5.0, [3.0], []), "timed")      # 3 + 3 x 4 > 5
        self.assertIsNone(nr(2, None, 3, 5.0, [3.0], [3.0]))           # 6 + 3 > 5
        self.assertEqual(nr(2, None, 3, 5.0, [20.0], []), "timed")     # one timed run at least
        self.assertEqual(nr(2, None, 3, 5.0, [1.5], [1.5]), "timed")   # 3 + 1.5 <= 5
        self.assertIsNone(nr(2, None, 3, 5.0, [1.5], [1.5, 1.5]))      # 4.5 + 1.5 > 5
        self.assertEqual(nr(2, None, 3, 5.0, [0.1], []), "warmup")     # 0.1 + 0.4 <= 5
        self.assertIsNone(nr(2, None, 3, 5.0, [0.1, 0.1], [0.1] * 3))  # all that was asked
        self.assertEqual(nr(0, None, 3, 5.0, [], []), "timed")
        self.assertEqual(nr(None, self.SETTLE, 3, 0, [9.0], []), "warmup")   # no budget
        self.assertTrue(ct.first_run_is_timed(5.0, 0, 54.0))
        self.assertFalse(ct.first_run_is_timed(5.0, 1, 54.0))
        self.assertFalse(ct.first_run_is_timed(5.0, 0, 4.0))
        self.assertFalse(ct.first_run_is_timed(0, 0, 54.0))

    def test_cell_budget_cuts_the_runs(self):
        req = request("py-sequential", 2_000_000, repeats=50, warmup=5, cell_budget_s=0.000001)
        samples = run(req)
        # The first run, longer than the whole budget, is the one timed run.
        self.assertEqual([s["warmup"] for s in samples], [False])

    def test_cell_budget_is_checked(self):
        for bad in (-1, "5", True, 1e9):
            with self.subTest(budget=bad), self.assertRaises(ct.BadRequest) as caught:
                ct.Job(request("py-sequential", 10, cell_budget_s=bad))
            self.assertIn("cell_budget_s: got", str(caught.exception))
        self.assertEqual(ct.Job(request("py-sequential", 10, cell_budget_s=2.5)).cell_budget_s, 2.5)

    def test_splits_more_than_workers_warm_and_fresh(self):
        for pool in ("fresh", "warm"):
            for strategy in ("py-split", "py-shm", "py-threads", "py-items"):
                req = request(strategy, 1001, splits=33, chunksize=2, workers=3, pool=pool,
                              repeats=2)
                with self.subTest(strategy=strategy, pool=pool):
                    for s in run(req):
                        self.check_sample(req, s)
                        if pool == "warm":
                            self.assertEqual(s["phases"]["startup"], 0)
                            self.assertEqual(s["phases"]["shutdown"], 0)
                        else:
                            self.assertGreater(s["phases"]["startup"], 0)

    def test_warm_pool_made_once(self):
        real = ct.pools._process_pool
        for pool, expected in (("warm", 1), ("fresh", 4)):
            for strategy in ("py-split", "py-shm", "py-items"):
                with mock.patch.object(ct.pools, "_process_pool", side_effect=real) as made:
                    run(request(strategy, 1000, pool=pool, repeats=3, warmup=1))
                with self.subTest(strategy=strategy, pool=pool):
                    self.assertEqual(made.call_count, expected)

    def test_warm_pool_same_workers(self):
        job = ct.Job(request("py-split", 1000, pool="warm", splits=16))
        with ct.Setup(job) as setup:
            pids = sorted(p.pid for p in setup.pool._pool)
            for _ in range(3):
                self.assertTrue(ct.run_once(job, setup)["verified"])
                self.assertEqual(sorted(p.pid for p in setup.pool._pool), pids)
        self.assertFalse(ct.state._LIVE_POOLS)

    def test_events_off(self):
        for strategy in ("py-items", "py-split", "py-shm", "py-threads"):
            req = request(strategy, 1000, events=False)
            s, = run(req)
            self.assertTrue(s["verified"])
            self.assertEqual(s["events"], [])
            self.assertIsNone(s["tasks"])

    def test_events_capped(self):
        with mock.patch.object(ct.common, "MAX_EVENTS", 5):
            for strategy in ("py-items", "py-split", "py-threads", "py-shm"):
                req = request(strategy, 1000, splits=20, chunksize=1)
                if strategy == "py-items":
                    req["chunksize"] = 50
                s, = run(req)
                with self.subTest(strategy=strategy):
                    self.assertTrue(s["verified"])
                    self.assertEqual(s["tasks"], 20)
                    self.assertEqual(len(s["events"]), 5)
                    self.assertTrue(s["events_truncated"])
                    self.assertEqual(sorted(e[1] for e in s["events"]), list(range(5)))
                    # phases still see every task
                    self.assertGreater(s["phases"]["compute"], 0)

    def test_shm_segments_named_and_removed(self):
        prefix = "cstest-%d-" % os.getpid()
        with mock.patch.object(ct.state, "_SHM_PREFIX", prefix):
            seen = []
            real = ct.pools.new_segment

            def spy(n):
                seen.append(None)
                self.assertEqual(shm_names(prefix), [])
                return real(n)
            with mock.patch.object(ct.pools, "new_segment", side_effect=spy):
                run(request("py-shm", 1000, repeats=2))
                run(request("py-shm", 1000, repeats=2, pool="warm"))
        self.assertEqual(len(seen), 3)
        self.assertEqual(shm_names(prefix), [])
        self.assertFalse(ct.state._LIVE_SEGMENTS)

    def test_shm_output_never_touches_the_input(self):
        # NumPy runs its SIMD loop only when input and output do not touch (adjacent counts as
        # touching); then py-shm's numpy.exp equals numpy.exp(data) bit for bit.
        for n in list(range(1, 20)) + [1000, 1001, 10 ** 7]:
            gap = ct.shm_output_offset(n) - n * 8
            self.assertGreaterEqual(gap, 64, n)
            self.assertEqual(ct.shm_output_offset(n) % 64, 0, n)
        from multiprocessing import shared_memory
        n = 1001
        shm = shared_memory.SharedMemory(create=True, size=ct.shm_output_offset(n) + n * 8)
        try:
            src, dst = ct.workers._shm_pair(shm, n)
            src[:] = ct.make_data(n, 1)
            numpy.exp(src, out=dst)
            self.assertTrue(numpy.array_equal(dst, numpy.exp(ct.make_data(n, 1))))
            del src, dst
        finally:
            shm.close()
            shm.unlink()


class LostWorkerTest(unittest.TestCase):
    """pool_map, when a process pool's worker is SIGKILLed: Pool would replace the worker and
    wait for its tasks for ever, and Pool.terminate() can hang on the locks the dead worker
    held. Each task sleeps for a minute, so the map is running whenever the kill lands."""

    def setUp(self):
        global _STARTED
        _STARTED = ct.common._CTX.SimpleQueue()
        self.addCleanup(_STARTED.close)

    def started(self):
        self.assertTrue(_STARTED._reader.poll(30), "no task started")
        return _STARTED.get()

    def lose_a_worker(self, items, pick):
        t0 = time.monotonic()
        with ct.pools._PoolScope(lambda: ct.pools._process_pool(2, ct.workers._worker_init)) as pool:
            pids = [p.pid for p in pool._pool]
            result = {}

            def kill():
                victim = result["victim"] = pick(self.started(), pids)
                os.kill(victim, signal.SIGKILL)
            killer = threading.Thread(target=kill)
            killer.start()
            with self.assertRaises(ct.WorkerDied) as caught:
                ct.pool_map(pool, _report_and_sleep, items, ())
            killer.join()
            threads = (pool._worker_handler, pool._task_handler, pool._result_handler)
            self.assertFalse([t for t in threads if t.is_alive()], "the pool's threads end")
        self.assertLess(time.monotonic() - t0, 10.0)
        self.assertTrue(wait_gone(pids, 2.0), "every worker is killed")
        self.assertFalse(set(children_of(os.getpid())) & set(pids))
        self.assertEqual(str(caught.exception), "Pool worker %d was killed by signal 9 "
                         "(SIGKILL) during Pool.map" % result["victim"])

    def test_busy_worker_killed(self):
        self.lose_a_worker([1, 2, 3, 4], lambda busy, pids: busy)

    def test_idle_worker_killed(self):
        # The idle worker waits for a task holding the task pipe's read lock: Pool.terminate()
        # would wait for that lock for ever.
        self.lose_a_worker([1], lambda busy, pids: next(p for p in pids if p != busy))

    def test_warm_pool_worker_lost_between_maps(self):
        with ct.pools._PoolScope(lambda: ct.pools._process_pool(2, ct.workers._worker_init)) as pool:
            self.assertEqual(ct.pool_map(pool, abs, [-1, 2], ()), [1, 2])
            victim = pool._pool[0].pid
            os.kill(victim, signal.SIGKILL)
            self.assertTrue(wait_gone([victim], 5.0))
            with self.assertRaises(ct.WorkerDied) as caught:
                ct.pool_map(pool, abs, [-1, 2], ())
        self.assertEqual(str(caught.exception), "Pool worker %d was killed by signal 9 "
                         "(SIGKILL) before Pool.map" % victim)

    def test_worker_lost_while_the_pool_is_made(self):
        # Pool may replace it before Pool() returns; its first map still fails, at once.
        global _STARTED
        _STARTED = ct.common._CTX.Value("i", 0)
        t0 = time.monotonic()
        with ct.pools._PoolScope(lambda: ct.pools._process_pool(2, _first_worker_exits)) as pool:
            logged = ct.state._LIVE_POOLS[pool]
            while len(logged) < 3 and time.monotonic() - t0 < 10:     # replaced
                time.sleep(0.01)
            self.assertEqual(len(logged), 3)
            # Whichever of the first two reached the initializer first exited (not always the
            # first started); Pool removed it before it made the third (logged when made).
            gone = [p for p in logged[:2] if p not in pool._pool]
            self.assertEqual(len(gone), 1, "one of the first two workers was replaced")
            with self.assertRaises(ct.WorkerDied) as caught:
                ct.pool_map(pool, abs, [-1, 2], ())
        self.assertLess(time.monotonic() - t0, 10.0)
        self.assertRegex(str(caught.exception), r"^Pool worker \d+ exited with status 3 before "
                                                r"Pool.map$")

    def test_run_job_names_the_run(self):
        req = request("py-split", 4_000_000, splits=64, repeats=1000, pool="warm")
        job = ct.Job(req)
        errors = []

        def go():
            try:
                ct.run_job(job, lambda sample: None)
            except ct.RunFailed as e:
                errors.append(str(e))
        runner = threading.Thread(target=go)
        runner.start()
        deadline = time.monotonic() + 30
        while len(pool_workers(os.getpid())) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        victim = pool_workers(os.getpid())[0]
        os.kill(victim, signal.SIGKILL)
        runner.join(10)
        self.assertFalse(runner.is_alive(), "the job ends")
        self.assertEqual(len(errors), 1)
        self.assertRegex(errors[0], r"^py-split exp n=4000000 W=2 splits=64 chunksize=1 warm "
                                    r"pool, run \d+: Pool worker %d was killed by signal 9 "
                                    r"\(SIGKILL\) (during|before) Pool.map" % victim)
        self.assertFalse(ct.state._LIVE_POOLS)


@unittest.skipUnless(have("numexpr") or have("numba"), "neither numexpr nor numba")
class LibraryTest(unittest.TestCase, CheckSample):
    def test_numexpr(self):
        if not have("numexpr"):
            self.skipTest("numexpr not installed")
        for size in (1, 7, 1001):
            for fname in ("exp", "tanh"):
                req = request("py-numexpr", size, function=fname, workers=2)
                s, = run(req)
                self.check_sample(req, s)
                self.assertIsInstance(s["max_ulp"], int)
                self.assertLessEqual(s["max_ulp"], ct.ULP_TOLERANCE)

    def test_numba(self):
        if not have("numba"):
            self.skipTest("numba not installed")
        for size in (1, 7, 1001):
            req = request("py-numba", size, function="tanh", workers=2, warmup=1)
            for s in run(req):
                self.check_sample(req, s)
                self.assertIsInstance(s["max_ulp"], int)

    def test_too_many_threads(self):
        if have("numexpr"):
            with self.assertRaisesRegex(ct.BadRequest, "workers must be 1 to 64"):
                run(request("py-numexpr", 10, workers=65))


class DataTest(unittest.TestCase):
    """make_data is the engine's counter-v1 generator (core/include/chunkscope/generator.h):
    the same values as tests/core/test_generator.cpp checks on the C++ side."""

    # (seed, index, value) as the C++ test has them.
    GOLDEN = [(20230501, 0, "0x1.1246527dfd968p-4"), (20230501, 1, "0x1.6ac31c80d241cp-3"),
              (20230501, 2, "0x1.b857d021cd9bap-2"), (20230501, 1234567, "0x1.a2097c74a616dp-1"),
              (20230501, 3000000000, "0x1.1412251c6169bp-1"), (7, 0, "0x1.7169852efd579p-1"),
              (7, 2 ** 40 + 5, "0x1.e3518827b36fcp-3")]

    def test_the_engines_values_bit_for_bit(self):
        self.assertEqual(ct.GENERATOR, "counter-v1")
        for seed, index, value in self.GOLDEN:
            got = ct.make_data(1, seed, begin=index)[0]
            self.assertEqual(float(got).hex(), value, (seed, index))
        whole = ct.make_data(1234568, 20230501)
        self.assertEqual(float(whole[1234567]).hex(), "0x1.a2097c74a616dp-1")

    def test_any_slice_and_block_size_is_that_part_of_the_whole(self):
        n = 200003
        whole = ct.make_data(n, 42)
        for block in (999, 4096, 1 << 16, 1 << 20):
            self.assertTrue(numpy.array_equal(ct.make_data(n, 42, block=block).view(numpy.uint64),
                                              whole.view(numpy.uint64)), block)
        at, length, parts = 0, 1, []
        while at < n:
            parts.append(ct.make_data(min(length, n - at), 42, begin=at))
            at += length
            length = length * 7 % 70001 + 1
        self.assertTrue(numpy.array_equal(numpy.concatenate(parts), whole))
        self.assertEqual(ct.make_data(0, 42).shape, (0,))

    def test_inside_every_functions_domain(self):
        for function in ct.FUNCTIONS:
            data = ct.make_data(1 << 18, 20230501, function)
            lo, hi = ct.INPUT_RANGE[function]
            self.assertEqual((lo, hi), (0.0, 1.0))
            self.assertGreater(data.min(), lo)
            self.assertLess(data.max(), hi)
            self.assertAlmostEqual(data.mean(), 0.5, delta=0.01)
            self.assertTrue(numpy.isfinite(getattr(numpy, function)(data)).all(), function)

    def test_a_request_computes_on_that_vector(self):
        job = ct.Job(request("py-sequential", size=1000, function="log"))
        with ct.Setup(job) as setup:
            self.assertTrue(numpy.array_equal(setup.data, ct.make_data(1000, 7, "log")))
            self.assertTrue(numpy.array_equal(setup.reference, numpy.log(setup.data)))


class VerifyTest(unittest.TestCase):
    def test_ulp_diff(self):
        a = numpy.array([1.0, 0.0, -0.0, 5e-324, numpy.nan, numpy.nan, -1.0, numpy.inf])
        b = numpy.array([numpy.nextafter(1.0, 2.0), -0.0, 0.0, -5e-324, numpy.nan, 1.0,
                         numpy.nextafter(numpy.nextafter(-1.0, -2.0), -2.0), numpy.inf])
        d = ct.ulp_diff(a, b)
        self.assertEqual(d.tolist(), [1, 0, 0, 2, 0, 2 ** 64 - 1, 2, 0])
        big = ct.ulp_diff(numpy.array([-numpy.inf]), numpy.array([numpy.inf]))
        self.assertEqual(int(big[0]), 2 * 0x7FF0000000000000)

    def test_mismatch_reported(self):
        job = ct.Job(request("py-split", 100))
        ref = numpy.exp(ct.make_data(100, 7))
        out = ref.copy()
        out[42] = numpy.nextafter(out[42], 10.0)
        ok, max_ulp, index, msg = ct.verify(job, out, ref)
        self.assertFalse(ok)
        self.assertEqual((max_ulp, index), (1, 42))
        self.assertIn("index 42", msg)
        ok, max_ulp, index, msg = ct.verify(job, out[:50], ref)
        self.assertFalse(ok)
        self.assertIn("float64[100]", msg)
        libjob = ct.Job(request("py-numexpr", 100))
        ok, max_ulp, index, msg = ct.verify(libjob, out, ref)
        self.assertTrue(ok)
        self.assertEqual(max_ulp, 1)
        out[7] = 0.0
        ok, max_ulp, index, msg = ct.verify(libjob, out, ref)
        self.assertFalse(ok)
        self.assertEqual(index, 7)

    def test_wrong_output_fails_the_run(self):
        job = ct.Job(request("py-threads", 100, repeats=3))
        data = ct.make_data(100, 7)
        ref = numpy.exp(data)
        ref[3] = 0.5
        samples = []
        with self.assertRaisesRegex(ct.RunFailed, "index 3"):
            ct.run_job(job, samples.append, data, ref)
        self.assertEqual(len(samples), 1)
        self.assertFalse(samples[0]["verified"])
        self.assertEqual(samples[0]["mismatch_index"], 3)


class RequestTest(unittest.TestCase):
    BAD = [
        (dict(strategy="py-nope"), "unknown strategy 'py-nope'; allowed: py-sequential"),
        (dict(function="cos"), 'unknown function "cos"; allowed: exp, log'),
        (dict(size=0), "size: got 0; allowed: >= 1"),
        (dict(size=2.5), "size: got 2.5, not a whole number; allowed: >= 1"),
        (dict(size=True), "size: got true, not a whole number"),
        (dict(splits=2000), "splits: got 2000; allowed: 1 to size (1000)"),
        (dict(workers=0), "workers: got 0; allowed: 1 to 256"),
        (dict(workers=257), "workers: got 257; allowed: 1 to 256"),
        (dict(intensity=2), "intensity: got 2, which the Python strategies do not support; "
                            "allowed: 1"),
        (dict(chunksize=0), 'chunksize: got 0; allowed: >= 1 or "auto"'),
        (dict(chunksize="big"), 'chunksize: got "big", not a whole number'),
        (dict(pool="tepid"), 'pool: got "tepid"; allowed: fresh, warm'),
        (dict(repeats=0), "repeats: got 0; allowed: 1 to"),
        (dict(warmup=-1), "warmup: got -1; allowed: 0 to"),
        (dict(warmup="settle"), 'settle: got null; allowed: an object with tolerance'),
        (dict(warmup="settle", settle={"tolerance": 0.05, "min_runs": 5, "max_runs": 2,
                                       "max_seconds": 1}), "min_runs (5) is above max_runs (2)"),
        (dict(seed=-3), "seed: got -3; allowed: >= 0"),
        (dict(colour="red"), "unknown field(s) colour; allowed:"),
        (dict(events="yes"), 'events: got "yes"; allowed: true, false'),
    ]

    def test_bad_requests(self):
        for over, message in self.BAD:
            with self.subTest(**{k: repr(v) for k, v in over.items()}):
                with self.assertRaises(ct.BadRequest) as cm:
                    ct.Job(dict(request("py-split"), **over))
                self.assertIn(message, str(cm.exception))

    def test_missing_fields(self):
        req = request("py-split")
        del req["splits"], req["seed"]
        with self.assertRaisesRegex(ct.BadRequest, r"missing field\(s\) seed, splits; "
                                                   r"py-split needs \(allowed\): id, "):
            ct.Job(req)
        seq = {"id": 1, "strategy": "py-sequential", "function": "exp", "size": 5, "seed": 1,
               "repeats": 1, "warmup": 0}
        self.assertEqual(ct.Job(seq).workers, 1)       # no knobs needed

    def test_knobs_of_other_strategies_ignored(self):
        job = ct.Job(request("py-numexpr", 10, splits=0, chunksize=0, pool="?"))
        self.assertIsNone(job.splits)


class CostsTest(unittest.TestCase):
    """The costs request: what the mechanisms the Python strategies use cost here."""

    def test_each_mechanism_measured_with_its_unit(self):
        r = ct.measure_costs(2)
        self.assertEqual((r["type"], r["workers"]), ("costs", 2))
        self.assertEqual(set(r["numpy_ns_per_item"]), set(ct.FUNCTIONS))
        for name, ns in r["numpy_ns_per_item"].items():
            self.assertGreater(ns, 0, name)
        for key in ("pickle_send_bytes_per_s", "unpickle_receive_bytes_per_s",
                    "pool_close_s",
                    "pool_task_s", "item_pickle_s", "item_call_s"):
            self.assertGreater(r[key], 0, key)
        # Fixed and per-worker parts of a Pool's start come from two noisy timings: either may
        # be 0 here, not both.
        self.assertGreaterEqual(r["pool_start_s"], 0)
        self.assertGreaterEqual(r["pool_start_per_worker_s"], 0)
        self.assertGreater(r["pool_start_s"] + r["pool_start_per_worker_s"], 0)
        # Dask's threaded scheduler: a store, each chunk more, from_array's hashing per byte
        for key in ("dask_store_s", "dask_chunk_s", "dask_hash_bytes_per_s"):
            if have("dask"):
                self.assertGreater(r[key], 0, key)
            else:
                self.assertIsNone(r[key], key)
        self.assertEqual(ct.state._LIVE_POOLS, {}, "every pool it made is gone")
        self.assertEqual(children_of(os.getpid()), [], "and every process it forked")

    def test_bad_workers_refused(self):
        for bad in (0, 257, "2", True, 1.5):
            with self.subTest(workers=bad):
                with self.assertRaisesRegex(ct.BadRequest, "allowed: an integer from 1 to 256"):
                    ct.measure_costs(bad)


class ProcessTest(unittest.TestCase):
    """The protocol end to end, through a subprocess."""

    def setUp(self):
        self.pending = {}

    def start(self, prefix=None, new_session=False):
        prefix = prefix or "cstest-%d-%d-" % (os.getpid(), time.monotonic_ns() % 10 ** 9)
        proc = subprocess.Popen([PY, "-u", MODULE, "serve", "--shm-prefix", prefix],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                stderr=subprocess.PIPE, start_new_session=new_session)
        self.addCleanup(self.stop, proc, prefix)
        hello = self.read(proc)
        return proc, prefix, hello

    def stop(self, proc, prefix):
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for f in (proc.stdin, proc.stdout, proc.stderr):
            f.close()
        for name in shm_names(prefix):      # segments, and joblib's folders
            path = "/dev/shm/" + name
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)

    def send(self, proc, obj):
        proc.stdin.write(((obj if isinstance(obj, str) else json.dumps(obj)) + "\n").encode())
        proc.stdin.flush()

    def read(self, proc, timeout=30):
        """The next reply line (read from the fd itself: select() cannot see what a buffered
        reader already holds)."""
        buf = self.pending.setdefault(proc.pid, b"")
        deadline = time.monotonic() + timeout
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([proc.stdout], [], [], max(0, left))
            self.assertTrue(ready, "no reply within %s s" % timeout)
            chunk = os.read(proc.stdout.fileno(), 1 << 20)
            self.assertTrue(chunk, "EOF, after %r" % buf[-200:])
            buf += chunk
        line, self.pending[proc.pid] = buf.split(b"\n", 1)
        return json.loads(line)

    def until_done(self, proc):
        replies = []
        while True:
            r = self.read(proc)
            replies.append(r)
            if r["type"] == "done":
                return replies

    def test_hello_run_bad_requests_quit(self):
        proc, prefix, hello = self.start()
        self.assertEqual(hello["type"], "hello")
        self.assertEqual(hello["protocol"], 1)
        self.assertEqual(hello["pid"], proc.pid)
        self.assertEqual(hello["numpy"], numpy.__version__)
        self.assertEqual(hello["python"], "%d.%d.%d" % sys.version_info[:3])
        for pkg in ("numexpr", "numba", "joblib", "dask"):
            self.assertIn(pkg, hello)
            if hello[pkg] is None:
                self.assertIn(pkg + "_error", hello)
        self.assertEqual(set(hello["strategies"]), set(ct.STRATEGIES))

        req = request("py-shm", 1001, op="run", id=7, splits=9, repeats=2, warmup=1)
        self.send(proc, req)
        replies = self.until_done(proc)
        self.assertEqual([r["type"] for r in replies], ["sample"] * 3 + ["done"])
        self.assertEqual(replies[-1], {"type": "done", "id": 7, "status": "ok"})
        self.assertEqual([r["warmup"] for r in replies[:3]], [True, False, False])
        self.assertEqual(set(replies[0]), {"type", "id", "index", "warmup", "wall_s", "phases",
                                           "events", "events_truncated", "tasks", "verified",
                                           "max_ulp", "mismatch_index"})
        for r in replies[:3]:
            self.assertEqual(r["id"], 7)
            self.assertTrue(r["verified"])
            self.assertAlmostEqual(sum(r["phases"].values()), r["wall_s"], delta=1e-9)
        self.assertEqual(shm_names(prefix), [])

        bad = ["{", "[1]", {"op": "dance", "id": 3}, {"id": 4, "strategy": "py-split"},
               dict(request("py-split"), op="run", id=5, workers=300),
               dict(request("py-split"), op="run", id=6, intensity=4),
               {"op": "check", "strategy": "py-what", "id": 8}]
        for b in bad:
            self.send(proc, b)
            r = self.read(proc)
            self.assertEqual(r["type"], "done", r)
            self.assertEqual(r["status"], "failed")
            self.assertIn("allowed", r["error"])
        self.send(proc, {"op": "check", "strategy": "py-split"})
        r = self.read(proc)
        self.assertEqual((r["type"], r["available"]), ("check", True))
        self.send(proc, {"op": "check", "strategy": "py-numexpr"})
        r = self.read(proc)
        self.assertEqual(r["available"], hello["numexpr"] is not None)
        if not r["available"]:
            self.assertEqual(r["install"], "apt-get install python3-numexpr")
        self.send(proc, dict(request("py-threads", 50), op="run", id=9))
        self.assertEqual(self.until_done(proc)[-1]["status"], "ok")
        self.send(proc, {"op": "quit"})
        self.assertEqual(proc.wait(10), 0)
        self.assertEqual(self.pending[proc.pid] + proc.stdout.read(), b"")

    def test_killed_pool_worker_fails_the_request_and_the_next_runs(self):
        proc, prefix, hello = self.start()
        items = {"py-items": dict(size=30_000, chunksize=100)}    # pickled one by one: slow
        for strategy in ct.PROCESS_POOLS:
            with self.subTest(strategy=strategy):
                over = dict(dict(size=4_000_000, splits=64, chunksize=1),
                            **items.get(strategy, {}))
                self.send(proc, dict(request(strategy, repeats=1000, pool="warm", id=11,
                                             **over), op="run"))
                self.assertEqual(self.read(proc)["type"], "sample")
                workers = pool_workers(proc.pid)
                self.assertEqual(len(workers), 2)
                t0 = time.monotonic()
                os.kill(workers[0], signal.SIGKILL)
                done = self.until_done(proc)[-1]
                # Not a hang (1000 repetitions would take minutes); a bound, not a timing: a
                # fresh CI clone took 5.25 s here once, on a shared machine.
                self.assertLess(time.monotonic() - t0, 15.0)
                self.assertEqual((done["id"], done["status"]), (11, "failed"), done)
                self.assertIn("Pool worker %d was killed by signal 9 (SIGKILL)" % workers[0],
                              done["error"])
                self.assertTrue(wait_gone(workers, 2.0))
                self.assertEqual(pool_workers(proc.pid), [])
                self.assertEqual(shm_names(prefix), [])
                self.send(proc, dict(request(strategy, 1000, id=12, chunksize=100), op="run"))
                self.assertEqual(self.until_done(proc)[-1]["status"], "ok")
        self.assertIsNone(proc.poll())

    def test_one_task_maps_on_fresh_pools_end(self):
        # One task: the map is done while the second worker may still be starting, and
        # terminate()'s SIGTERM must not get lost in it (the interpreter has its own handler).
        proc, prefix, hello = self.start()
        self.send(proc, dict(request("py-split", 300, splits=4, chunksize=32, repeats=200,
                                     id=13), op="run"))
        replies = []
        while not replies or replies[-1]["type"] != "done":
            replies.append(self.read(proc, timeout=20))
        self.assertEqual(replies[-1], {"type": "done", "id": 13, "status": "ok"})
        self.assertEqual(len(replies), 201)

    def test_eof_exits_zero(self):
        proc, prefix, hello = self.start()
        proc.stdin.close()
        self.assertEqual(proc.wait(10), 0)

    def test_sigterm_mid_run_cleans_up(self):
        proc, prefix, hello = self.start()
        self.send(proc, dict(request("py-shm", 2_000_000, splits=16, repeats=1000), op="run"))
        self.assertEqual(self.read(proc)["type"], "sample")
        workers = children_of(proc.pid)
        self.assertTrue(workers)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(5)
        self.assertLess(time.monotonic() - t0, 2.0)
        self.assertEqual(proc.returncode, 128 + signal.SIGTERM)
        self.assertTrue(wait_gone(workers, 2.0), "workers outlived the interpreter")
        # the resource tracker may need a moment too, but the segments are gone already
        self.assertEqual(shm_names(prefix), [])

    def test_sigkill_leaves_only_prefixed_segments_and_no_workers(self):
        for group in (True, False):
            with self.subTest(kill_group=group):
                proc, prefix, hello = self.start(new_session=True)
                self.send(proc, dict(request("py-shm", 2_000_000, splits=16, repeats=1000,
                                             pool="warm"), op="run"))
                self.assertEqual(self.read(proc)["type"], "sample")
                workers = [p for p in children_of(proc.pid)]
                self.assertGreaterEqual(len(workers), 2)
                if group:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()       # the interpreter alone: workers get PR_SET_PDEATHSIG
                proc.wait(5)
                self.assertTrue(wait_gone(workers, 2.0), "workers outlived the interpreter")
                for name in shm_names(prefix):        # what the engine removes by prefix
                    self.assertRegex(name[len(prefix):], r"^[0-9]+$")

    def test_stdout_stays_clean(self):
        code = ("import os, sys; sys.path.insert(0, %r); import chunkscope_tutorial as ct; "
                "c = ct.Channel(); print('stray'); os.write(1, b'raw\\n'); "
                "import warnings; warnings.warn('careful'); c.send({'a': 1}); "
                "pid = os.fork()\n"
                "if pid == 0:\n    print('child'); sys.stdout.flush(); os._exit(0)\n"
                "os.waitpid(pid, 0); c.send({'b': 2})" % MODULE_DIR)
        out = subprocess.run([PY, "-c", code], capture_output=True, timeout=30)
        self.assertEqual(out.stdout, b'{"a":1}\n{"b":2}\n')
        for word in (b"stray", b"raw", b"careful", b"child"):
            self.assertIn(word, out.stderr)


def temp_folders(prefix=None):
    """joblib's temporary folders made under a shared-memory prefix (libraries.new_temp_folder
    names them with it; by default this process's), wherever made."""
    name = glob.escape(prefix or ct.state._SHM_PREFIX) + "joblib-*"
    return glob.glob("/dev/shm/" + name) + glob.glob(os.path.join(tempfile.gettempdir(), name))


def descendants(pid):
    kids = children_of(pid)
    return kids + [d for k in kids for d in descendants(k)]


LIBRARIES = (("py-futures", None), ("py-joblib", "joblib"), ("py-dask", "dask"))


class PythonLibrariesTest(unittest.TestCase, CheckSample):
    """concurrent.futures, joblib and Dask (libraries.py), as issue 27 asks for them."""

    def library(self, strategy, package):
        if package is not None and not have(package):
            self.skipTest("%s cannot be imported here (apt-get install python3-%s)"
                          % (package, package))

    def test_knob_tables(self):
        self.assertEqual(ct.STRATEGIES["py-futures"], ("workers", "splits", "chunksize", "pool"))
        self.assertEqual(ct.STRATEGIES["py-joblib"],
                         ("workers", "splits", "chunksize", "pool", "memmap"))
        self.assertEqual(ct.STRATEGIES["py-dask"], ("workers", "splits", "pool"))
        for name, _ in LIBRARIES:
            self.assertIn(name, ct.RUNNERS)
        self.assertEqual(ct.probes.OPTIONAL_PACKAGES["py-joblib"], "joblib")
        self.assertEqual(ct.probes.OPTIONAL_PACKAGES["py-dask"], "dask")
        self.assertNotIn("py-futures", ct.probes.OPTIONAL_PACKAGES)      # the standard library

    def test_memmap_knob(self):
        req = request("py-joblib", 100)
        self.assertIs(ct.Job(req).memmap, True)                  # absent: joblib's default
        self.assertIs(ct.Job(dict(req, memmap=False)).memmap, False)
        self.assertIn("memmap off", ct.Job(dict(req, memmap=False)).describe())
        for bad in ("yes", 1, None):
            with self.subTest(memmap=bad), self.assertRaises(ct.BadRequest) as caught:
                ct.Job(dict(req, memmap=bad))
            self.assertIn("memmap: got %s; allowed: true" % json.dumps(bad), str(caught.exception))
        self.assertIsNone(ct.Job(request("py-split", 100, memmap="ignored")).memmap)

    def test_missing_package_names_the_debian_package(self):
        def missing():
            raise ImportError("No module named 'joblib'")
        with self.assertRaises(ct.BadRequest) as caught:
            ct.probes._import_optional("joblib", missing)
        self.assertIn("apt-get install python3-joblib", str(caught.exception))
        found = ct.probe_packages()
        for package in ("joblib", "dask"):
            self.assertIn(package, found)
            self.assertTrue(found[package] is not None or found[package + "_error"])

    def test_awkward_shapes(self):
        for strategy, package in LIBRARIES:
            with self.subTest(strategy=strategy):
                self.library(strategy, package)
                for size in (1, 7, 1001):
                    configs = [dict(splits=1, chunksize=1), dict(splits=size, chunksize="auto"),
                               dict(splits=min(size, 5), chunksize=3, workers=3),
                               dict(splits=min(size, 4), chunksize=50, pool="warm", repeats=2)]
                    for over in configs:
                        req = request(strategy, size, **over)
                        with self.subTest(size=size, **over):
                            for s in run(req):
                                self.check_sample(req, s)
                                self.assertEqual(s["max_ulp"], 0)
        self.assertEqual(temp_folders(), [])
        self.assertFalse(ct.state._LIVE_POOLS)

    def test_tasks_per_library(self):
        # futures: chunksize parts a task, "auto" is 1 (not Pool.map's rule); joblib: an event
        # a part, whatever its batches; dask: a chunk a task.
        for strategy, package, chunksize, tasks in (
                ("py-futures", None, 4, 3), ("py-futures", None, "auto", 10),
                ("py-joblib", "joblib", 4, 10), ("py-joblib", "joblib", "auto", 10),
                ("py-dask", "dask", 4, 10)):
            with self.subTest(strategy=strategy, chunksize=chunksize):
                self.library(strategy, package)
                req = request(strategy, 1000, splits=10, chunksize=chunksize)
                s, = run(req)
                self.check_sample(req, s)
                self.assertEqual(s["tasks"], tasks)

    def test_dask_events_are_its_task_records(self):
        # Each chunk one event: receive from the scheduler's hand-out of its compute task
        # (_pretask) to the wrapper's start, compute the wrapper's stamps, send from its end to
        # the notice of its store task (_posttask); on at most W threads.
        self.library("py-dask", "dask")
        for size, splits, workers in ((100_000, 8, 2), (1001, 7, 3), (5, 5, 1), (1, 1, 2)):
            req = request("py-dask", size, splits=splits, workers=workers, repeats=2, warmup=1)
            with self.subTest(size=size, splits=splits, workers=workers):
                samples = run(req)
                for s in samples:
                    self.check_sample(req, s)
                    self.assertEqual(sorted(e[1] for e in s["events"]), list(range(splits)))
                    for w, task, start, end, items, receive, send in s["events"]:
                        hand_out, notice = start - receive, end + send
                        self.assertGreater(receive, 0.0, task)
                        self.assertGreater(send, 0.0, task)
                        self.assertLessEqual(0.0, hand_out)
                        self.assertLessEqual(hand_out, start)
                        self.assertLessEqual(start, end)
                        self.assertLessEqual(end, notice)
                        self.assertLessEqual(notice, s["wall_s"] + 1e-9)
                    self.assertLessEqual(len({e[0] for e in s["events"]}), workers)
        # the callbacks are the run's: none left registered with Dask
        from dask.callbacks import Callback
        self.assertEqual(Callback.active, set())

    def test_dask_auto_chunks(self):
        # splits "auto": Dask's own chunks="auto" (its config's array.chunk-size), checked against
        # the engine's count; only a strategy with a chunk rule of its own takes it.
        self.library("py-dask", "dask")
        import dask
        req = request("py-dask", 1000, splits="auto", auto_chunks=1)
        self.assertIn("splits=auto", ct.Job(req).describe())
        s, = run(req)
        self.check_sample(req, s)
        self.assertEqual([e[4] for e in s["events"]], [1000])        # 8 KB: one chunk
        with dask.config.set({"array.chunk-size": "800B"}):          # 100 items a chunk
            req = request("py-dask", 1001, splits="auto", auto_chunks=11)
            s, = run(req)
            self.check_sample(req, s)
            self.assertEqual(sorted(e[4] for e in s["events"]), [1] + [100] * 10)
            with self.assertRaises(ct.RunFailed) as caught:
                run(request("py-dask", 1001, splits="auto", auto_chunks=1))
        for words in ("makes 11 chunk(s) of 100 items", "800B", "engine expects 1"):
            self.assertIn(words, str(caught.exception))
        with self.assertRaises(ct.BadRequest) as caught:
            ct.Job(request("py-split", 1000, splits="auto"))
        self.assertIn('splits: got "auto", not a whole number; allowed: 1 to size (1000)',
                      str(caught.exception))
        with self.assertRaises(ct.BadRequest) as caught:
            ct.Job(request("py-dask", 1000, splits="auto", auto_chunks=0))
        self.assertIn("auto_chunks: got 0", str(caught.exception))

    def test_events_off(self):
        for strategy, package in LIBRARIES:
            with self.subTest(strategy=strategy):
                self.library(strategy, package)
                s, = run(request(strategy, 1000, events=False))
                self.assertTrue(s["verified"])
                self.assertEqual((s["events"], s["tasks"]), ([], None))

    def test_joblib_memmap_on_and_off_leave_no_folder(self):
        self.library("py-joblib", "joblib")
        made = []
        real = ct.libraries.new_temp_folder

        def spy():
            made.append(real())
            return made[-1]
        # 2 parts of 1.6 MB: over joblib's 1 MB, memory-mapped when memmap is on
        with mock.patch.object(ct.libraries, "new_temp_folder", side_effect=spy):
            for memmap in (True, False):
                for pool in ("fresh", "warm"):
                    req = request("py-joblib", 400_000, splits=2, memmap=memmap, pool=pool,
                                  repeats=2)
                    with self.subTest(memmap=memmap, pool=pool):
                        for s in run(req):
                            self.check_sample(req, s)
        self.assertEqual(len(made), 2 * 2 + 2)          # a folder a fresh run, one a warm job
        for folder in made:
            self.assertTrue(folder.startswith(("/dev/shm/", tempfile.gettempdir())), folder)
            self.assertFalse(os.path.exists(folder), folder)
        self.assertEqual(temp_folders(), [])
        self.assertFalse(ct.state._LIVE_FOLDERS)

    def test_warm_pools_released(self):
        before = set(pool_workers(os.getpid()))     # a forkserver another test started, say
        for strategy, package in LIBRARIES:
            with self.subTest(strategy=strategy):
                self.library(strategy, package)
                run(request(strategy, 1000, pool="warm", repeats=2))
                self.assertFalse(ct.state._LIVE_POOLS)
                left = set(pool_workers(os.getpid())) - before
                self.assertTrue(wait_gone(left, 5.0), left)

    def test_killed_worker_fails_the_run_and_leaves_nothing(self):
        proc, prefix, hello = self.start()
        for strategy, package, what in (("py-futures", None, "ProcessPoolExecutor worker"),
                                        ("py-joblib", "joblib", "joblib \\(loky\\) worker")):
            if package is not None and not have(package):
                continue
            with self.subTest(strategy=strategy):
                self.send(proc, dict(request(strategy, 4_000_000, splits=64, repeats=1000,
                                             pool="warm", id=21), op="run"))
                self.assertEqual(self.read(proc)["type"], "sample")
                workers = pool_workers(proc.pid)
                self.assertEqual(len(workers), 2)
                os.kill(workers[0], signal.SIGKILL)
                done = self.until_done(proc)[-1]
                self.assertEqual((done["id"], done["status"]), (21, "failed"), done)
                # the worker by pid when the watch saw it first, else loky's exit codes
                self.assertRegex(done["error"], r"run \d+: (%s %d was killed by signal 9 "
                                 r"\(SIGKILL\)|a joblib \(loky\) worker was killed during "
                                 r"Parallel \(exit codes \{SIGKILL\(-9\)\}\))"
                                 % (what, workers[0]))
                self.assertTrue(wait_gone(workers, 5.0))
                self.assertEqual(pool_workers(proc.pid), [])
                self.assertEqual(temp_folders(prefix), [])
                self.send(proc, dict(request(strategy, 1000, id=22), op="run"))
                self.assertEqual(self.until_done(proc)[-1]["status"], "ok")

    def test_sigterm_ends_every_worker_and_removes_the_folder(self):
        for strategy, package in LIBRARIES:
            for pool in ("warm", "fresh"):
                if package is not None and not have(package):
                    continue
                with self.subTest(strategy=strategy, pool=pool):
                    proc, prefix, hello = self.start()
                    self.send(proc, dict(request(strategy, 2_000_000, splits=16,
                                                 repeats=1000, pool=pool), op="run"))
                    self.assertEqual(self.read(proc)["type"], "sample")
                    self.assertEqual(self.read(proc)["type"], "sample")
                    kids = descendants(proc.pid)
                    if strategy == "py-joblib":
                        self.assertEqual(len(temp_folders(prefix)), 1)
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(5)
                    self.assertEqual(proc.returncode, 128 + signal.SIGTERM)
                    self.assertTrue(wait_gone(kids, 5.0), "a worker outlived the interpreter")
                    self.assertEqual(temp_folders(prefix), [])

    def test_sigkilled_interpreter_leaves_no_loky_worker(self):
        # loky's workers are fork + exec'd: they ask for PR_SET_PDEATHSIG in their initializer
        self.library("py-joblib", "joblib")
        proc, prefix, hello = self.start(new_session=True)
        self.send(proc, dict(request("py-joblib", 2_000_000, splits=16, repeats=1000,
                                     pool="warm"), op="run"))
        self.assertEqual(self.read(proc)["type"], "sample")
        kids = descendants(proc.pid)
        self.assertGreaterEqual(len(kids), 2)
        proc.kill()          # the interpreter alone
        proc.wait(5)
        self.assertTrue(wait_gone(kids, 5.0), "a loky worker outlived the interpreter")
        for folder in temp_folders(prefix):      # what only a SIGTERM removes
            shutil.rmtree(folder)

    # ProcessTest's way of speaking to a serving interpreter (not its tests)
    setUp, start, stop, send, read, until_done = (
        ProcessTest.setUp, ProcessTest.start, ProcessTest.stop, ProcessTest.send,
        ProcessTest.read, ProcessTest.until_done)


class BenchTest(unittest.TestCase):
    def test_bench_json(self):
        out = subprocess.run([PY, MODULE, "bench", "--json", "--size", "300", "--repeats", "2",
                              "--warmup", "1", "--experiments",
                              "sequential,pool-map-1000,pool-split-64,shared-memory,"
                              "threadpool,sweep"],
                             capture_output=True, timeout=120,
                             env=dict(os.environ, CHUNKSCOPE_BENCH_LOCK_HELD="test"))
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        doc = json.loads(out.stdout)
        self.assertEqual(doc["size"], 300)
        for name in ("sequential", "pool-map-1000", "pool-split-64", "shared-memory",
                     "threadpool"):
            r = doc["results"][name]
            self.assertTrue(r["verified"])
            self.assertEqual(len(r["samples"]), 1 if name == "pool-map-1000" else 2)
            self.assertEqual(set(r["phases_median"]), set(ct.PHASES))
        self.assertEqual(len(doc["sweep"]["cells"]), 64)
        self.assertIn("total_s", doc["sweep"])

    @unittest.skipUnless(have("numexpr") and have("numba"), "needs numexpr and numba")
    def test_bench_libraries_with_w_threads(self):
        # bench/compare's rows against the libraries: the same run code as py-numexpr/py-numba
        out = subprocess.run([PY, MODULE, "bench", "--json", "--size", "3000", "--repeats", "2",
                              "--warmup", "1", "--workers", "2", "--experiments",
                              "numexpr,numba"], capture_output=True, timeout=300,
                             env=dict(os.environ, CHUNKSCOPE_BENCH_LOCK_HELD="test"))
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        doc = json.loads(out.stdout)
        self.assertEqual(doc["workers"], 2)
        self.assertNotIn("numexpr_error", doc)
        for name, strategy in (("numexpr", "py-numexpr"), ("numba", "py-numba")):
            r = doc["results"][name]
            self.assertEqual(r["strategy"], strategy)
            self.assertTrue(r["verified"])
            self.assertLessEqual(r["max_ulp"], ct.ULP_TOLERANCE)
            self.assertEqual(len(r["samples"]), 2)

    def test_bench_python_libraries(self):
        # bench/compare's rows for concurrent.futures, joblib and Dask: the same runners
        names = [("futures", "py-futures", None), ("joblib", "py-joblib", "joblib"),
                 ("joblib-nomemmap", "py-joblib", "joblib"), ("dask", "py-dask", "dask")]
        names = [n for n in names if n[2] is None or have(n[2])]
        with subprocess.Popen([PY, MODULE, "bench", "--json", "--size", "3000", "--repeats",
                               "2", "--warmup", "1", "--workers", "2", "--experiments",
                               ",".join(n[0] for n in names)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE,
                              env=dict(os.environ, CHUNKSCOPE_BENCH_LOCK_HELD="test")) as bench:
            stdout, stderr = bench.communicate(timeout=300)
        self.assertEqual(bench.returncode, 0, stderr.decode())
        doc = json.loads(stdout)
        for name, strategy, _ in names:
            r = doc["results"][name]
            self.assertEqual(r["strategy"], strategy)
            self.assertTrue(r["verified"])
            self.assertEqual(len(r["samples"]), 2)
        self.assertEqual(temp_folders("chunkscope-py-%d-" % bench.pid), [])

    def test_bench_info_and_bad_experiment(self):
        out = subprocess.run([PY, MODULE, "bench", "--info", "--json"], capture_output=True,
                             timeout=60)
        self.assertEqual(out.returncode, 0)
        info = json.loads(out.stdout)
        self.assertEqual(info["numpy"], numpy.__version__)
        self.assertIn("dispatch_active", info["numpy_simd"])
        out = subprocess.run([PY, MODULE, "bench", "--experiments", "nope"],
                             capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 2)
        self.assertIn(b"choose from", out.stderr)


class PackageTest(unittest.TestCase):
    """The package runs the same three ways, and its pool workers' functions are found by name."""

    def test_run_as_a_script_a_directory_and_a_module(self):
        package = os.path.join(MODULE_DIR, "chunkscope_tutorial")
        for how, args, cwd in (("script", [MODULE], None), ("directory", [package], None),
                               ("module", ["-m", "chunkscope_tutorial"], MODULE_DIR)):
            out = subprocess.run([PY] + args + ["bench", "--info", "--json"], cwd=cwd,
                                 capture_output=True, timeout=60)
            with self.subTest(how=how):
                self.assertEqual(out.returncode, 0, out.stderr.decode())
                self.assertEqual(json.loads(out.stdout)["module"], package)

    def test_worker_functions_found_by_every_start_method(self):
        # A spawned or forkserver worker imports what it runs by name: the mapped functions
        # live in the package's modules, not in a __main__. (Not _worker_init: it checks that
        # its parent is the process that forked the pool, which a spawned worker cannot know.)
        data = ct.make_data(1000, 7)
        parts = numpy.array_split(data, 4)
        for method in ("fork", "spawn", "forkserver"):
            ctx = multiprocessing.get_context(method)
            with ctx.Pool(2) as pool:
                out = pool.map(functools.partial(ct.workers._timed_call, "exp"), parts)
            with self.subTest(method=method):
                self.assertTrue(numpy.array_equal(numpy.concatenate([o[0] for o in out]),
                                                  numpy.exp(data)))


class AsTutorialTest(unittest.TestCase):
    """One run timed as the tutorial's programs time it: a fresh interpreter, rand in the clock."""

    # ProcessTest's way of speaking to a serving interpreter (not its tests).
    setUp, start, stop, send, read, until_done = (
        ProcessTest.setUp, ProcessTest.start, ProcessTest.stop, ProcessTest.send,
        ProcessTest.read, ProcessTest.until_done)

    def test_one_cold_run_with_rand_in_the_clock(self):
        proc, prefix, hello = self.start()
        req = dict(request("py-split", 20_000, splits=16), op="tutorial", id=3)
        for key in ("repeats", "warmup", "pool"):
            req.pop(key)
        self.send(proc, req)
        replies = self.until_done(proc)
        self.assertEqual([r["type"] for r in replies], ["sample", "done"])
        s = replies[0]
        self.assertEqual((s["id"], s["index"], s["warmup"]), (3, 0, False))
        self.assertEqual(s["timing"], "tutorial")
        self.assertIn("numpy.random.rand", s["data"])
        self.assertTrue(s["verified"])
        self.assertEqual(s["events"], [])             # the plain program: no stamping wrapper
        self.assertGreater(s["phases"]["startup"], 0)  # the data's and the pool's making
        self.assertAlmostEqual(sum(s["phases"].values()), s["wall_s"], delta=1e-9)
        self.assertEqual(replies[-1]["status"], "ok")
        # The interpreter is no longer fresh: a second tutorial request is refused, with why.
        self.send(proc, dict(req, id=4))
        r = self.read(proc)
        self.assertEqual((r["type"], r["status"]), ("done", "failed"))
        self.assertIn("fresh interpreter", r["error"])
        self.assertEqual(shm_names(prefix), [])

    def test_warm_or_repeated_is_refused_before_it_runs(self):
        proc, prefix, hello = self.start()
        for over in ({"repeats": 3}, {"warmup": 1}, {"pool": "warm"}, {"events": True}):
            with self.subTest(**over):
                self.send(proc, dict(request("py-split", 1000), op="tutorial", id=5, **over))
                r = self.read(proc)
                self.assertEqual((r["type"], r["status"]), ("done", "failed"))
                self.assertIn("allowed", r["error"])
                self.assertIn("one cold run", r["error"])
        # Nothing ran: the interpreter is still fresh.
        self.send(proc, dict(request("py-sequential", 1000), op="tutorial", id=6))
        self.assertEqual(self.until_done(proc)[-1]["status"], "ok")

    def test_a_run_request_before_makes_it_not_fresh(self):
        proc, prefix, hello = self.start()
        self.send(proc, dict(request("py-sequential", 100), op="run", id=1))
        self.assertEqual(self.until_done(proc)[-1]["status"], "ok")
        self.send(proc, dict(request("py-sequential", 100), op="tutorial", id=2))
        r = self.read(proc)
        self.assertEqual(r["status"], "failed")
        self.assertIn("fresh interpreter", r["error"])

    def test_script_prints_took_as_the_tutorial(self):
        out = subprocess.run([PY, MODULE, "tutorial", "--strategy", "py-items", "--size", "3000",
                              "--workers", "2", "--chunksize", "auto"],
                             capture_output=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        self.assertRegex(out.stdout.decode(), r"^Took \d+\.\d{3} seconds\n$")
        out = subprocess.run([PY, MODULE, "tutorial", "--strategy", "py-threads", "--size",
                              "3000", "--splits", "8", "--json"], capture_output=True,
                             timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr.decode())
        sample = json.loads(out.stdout)
        self.assertEqual(sample["timing"], "tutorial")
        self.assertTrue(sample["verified"])
        out = subprocess.run([PY, MODULE, "tutorial", "--size", "10", "--splits", "64"],
                             capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 2)
        self.assertIn(b"splits", out.stderr)


if __name__ == "__main__":
    unittest.main()

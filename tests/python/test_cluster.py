# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of core/python/chunkscope_tutorial/cluster.py: py-dask-cluster and py-dask-distributed
on dask.distributed's LocalCluster. A cluster takes a second or two to start: the tests share
the module's warm cluster where they can. Run with Debian's Python:

    /usr/bin/python3 -m unittest -v tests/python/test_cluster.py
"""

import glob
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE_DIR = os.path.join(os.path.dirname(os.path.dirname(HERE)), "core", "python")
MODULE = os.path.join(MODULE_DIR, "chunkscope_tutorial.py")
sys.path.insert(0, MODULE_DIR)
sys.path.insert(0, HERE)

import numpy  # noqa: E402

import chunkscope_tutorial as ct  # noqa: E402
from test_tutorial import CheckSample, alive, descendants, have, request, run  # noqa: E402

CLUSTER = ("py-dask-cluster", "py-dask-distributed")


def folders(prefix):
    """The scratch folders made under a shared-memory prefix (cluster.py names them with it)."""
    return glob.glob("/dev/shm/" + glob.escape(prefix) + "dask-*")


def needs_distributed(test):
    return unittest.skipUnless(have("distributed"), "dask.distributed cannot be imported here "
                               "(apt-get install python3-distributed)")(test)


@needs_distributed
class ClusterTest(unittest.TestCase, CheckSample):
    """The strategies in this process: one warm cluster per W, shared by the shapes."""

    @classmethod
    def tearDownClass(cls):
        ct.cluster._close_kept()

    def check_cluster_sample(self, req, s):
        self.check_sample(req, s)
        self.assertEqual(s["tasks"], req["splits"])
        places = s["workers"]
        self.assertEqual([p["worker"] for p in places], list(range(len(places))))
        self.assertLessEqual(len(places), req["workers"])
        self.assertEqual({e[0] for e in s["events"]}, set(range(len(places))))
        for p in places:
            self.assertTrue(p["address"].startswith("tcp://"))
            self.assertGreater(p["pid"], 0)
            self.assertTrue(p["host"])
        self.assertNotIn("lost_workers", s, "no worker lost, none said")

    def test_awkward_shapes_on_a_warm_cluster(self):
        for strategy in CLUSTER:
            for workers in (1, 2):
                for size, splits in ((1, 1), (7, 7), (1001, 5), (1001, 1)):
                    req = request(strategy, size, workers=workers, splits=splits, pool="warm",
                                  repeats=2)
                    with self.subTest(strategy=strategy, workers=workers, size=size,
                                      splits=splits):
                        for s in run(req):
                            self.check_cluster_sample(req, s)
                            self.assertEqual(s["phases"]["startup"], 0.0)
                            self.assertEqual(s["phases"]["shutdown"], 0.0)
        self.assertIsNotNone(ct.cluster._KEPT)
        kept = ct.cluster._KEPT.folder
        self.assertTrue(os.path.isdir(kept))
        ct.cluster._close_kept()
        self.assertFalse(os.path.exists(kept))
        self.assertEqual(folders(ct.state._SHM_PREFIX), [])
        self.assertFalse(ct.state._LIVE_POOLS)

    def test_fresh_cluster_is_started_and_closed_in_the_run(self):
        req = request("py-dask-cluster", 1001, workers=1, splits=3, pool="fresh")
        ct.cluster._close_kept()       # (another test's warm cluster)
        s, = run(req)
        self.check_cluster_sample(req, s)
        self.assertGreater(s["phases"]["startup"], 0.0)      # the cluster's start
        self.assertGreater(s["phases"]["shutdown"], 0.0)     # its close
        self.assertEqual(folders(ct.state._SHM_PREFIX), [])
        self.assertFalse(ct.state._LIVE_POOLS)
        self.assertEqual([k for k in descendants(os.getpid()) if alive(k)
                          and b"spawn_main" in _cmdline(k)], [])

    def test_events_off(self):
        s, = run(request("py-dask-distributed", 100, workers=1, splits=4, pool="warm",
                         events=False))
        self.assertTrue(s["verified"])
        self.assertEqual((s["events"], s["tasks"]), ([], None))
        self.assertNotIn("workers", s)


@needs_distributed
class LoseWorkerTest(unittest.TestCase, CheckSample):
    """lose_worker (--dask-lose-worker): a worker of a fresh LocalCluster of 2 killed in the run
    (lost.py). The run finishes, verified, and says which worker and what ran again."""

    def lose(self, strategy):
        ct.cluster._close_kept()       # (another test's warm cluster)
        req = request(strategy, 20000, workers=2, splits=8, pool="fresh", lose_worker=True)
        s, = run(req)
        self.check_sample(req, s)      # verified
        lost = s["lost_workers"]
        self.assertTrue(lost["caused"])
        self.assertEqual(len(lost["workers"]), 1)
        w = lost["workers"][0]
        self.assertTrue(w["address"].startswith("tcp://127.0.0.1:"))
        self.assertGreater(w["pid"], 0)
        self.assertFalse(alive(w["pid"]), "killed")
        self.assertIn(w["name"], ("0", "1"))
        self.assertEqual(w["host"], socket.gethostname())
        # Nothing of the cluster is left: its workers (the one started in the lost one's place
        # too) and its folder.
        self.assertEqual(folders(ct.state._SHM_PREFIX), [])
        self.assertFalse(ct.state._LIVE_POOLS)
        self.assertEqual([k for k in descendants(os.getpid()) if alive(k)
                          and b"spawn_main" in _cmdline(k)], [])
        return lost

    def test_py_dask_distributed_runs_the_lost_tasks_again(self):
        lost = self.lose("py-dask-distributed")
        # And the engine gets it: serve's sample message carries it.
        self.assertEqual(ct.protocol.sample_message(1, dict(
            {k: None for k in ct.protocol.SAMPLE_FIELDS}, lost_workers=lost))["lost_workers"], lost)
        self.assertGreaterEqual(lost["tasks_rerun"], 1)
        self.assertGreaterEqual(lost["results_recomputed"], 1, "the worker held a result")
        self.assertEqual(lost["chunks_rescattered"], 0)

    def test_py_dask_cluster_scatters_the_lost_chunks_again(self):
        lost = self.lose("py-dask-cluster")
        self.assertGreaterEqual(lost["chunks_rescattered"], 1, "the worker held a chunk")
        self.assertLessEqual(lost["chunks_rescattered"], 8)

    def test_a_warm_cluster_gets_its_worker_back_for_the_next_run(self):
        ct.cluster._close_kept()
        req = request("py-dask-distributed", 20000, workers=2, splits=8, pool="warm", repeats=2,
                      lose_worker=True)
        samples = run(req)
        self.assertEqual(len(samples), 2)
        # Another process each time (the Nanny's new worker may listen on the port the lost one
        # had: the address can repeat, the pid cannot while the first is known dead).
        lost = [s["lost_workers"]["workers"][0]["pid"] for s in samples]
        self.assertNotEqual(lost[0], lost[1], "the second run lost another worker")
        for s in samples:
            self.check_sample(req, s)
        kept = ct.cluster._KEPT
        self.assertTrue(kept.healthy(), "the Nanny's new worker is back: W workers")
        self.assertEqual(len(kept.known_places()), 2)
        ct.cluster._close_kept()
        self.assertEqual(folders(ct.state._SHM_PREFIX), [])

    def test_refused_before_anything_runs(self):
        cases = (
            (dict(scheduler="tcp://127.0.0.1:1"), "the cluster at tcp://127.0.0.1:1 is not Chunkscope's, "
                                                  "nor are its workers ours to kill"),
            (dict(workers=1), "got 1 worker; allowed: 2 or more"),
            (dict(lose_worker="yes"), "lose_worker: got \"yes\"; allowed: true, false"),
        )
        for over, words in cases:
            for strategy in CLUSTER:
                with self.subTest(strategy=strategy, over=over), \
                        self.assertRaises(ct.BadRequest) as caught:
                    ct.Job(dict(request(strategy, 100, lose_worker=True), **over))
                self.assertIn(words, str(caught.exception))
        with self.assertRaises(ct.BadRequest) as caught:
            ct.Job(request("py-split", 100, lose_worker=True))
        self.assertIn("applies to py-dask-cluster and py-dask-distributed only",
                      str(caught.exception))


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read()
    except OSError:
        return b""


class ClusterRequestTest(unittest.TestCase):
    """What is refused before anything runs, and the checksums' verification."""

    def test_knobs_and_refusals(self):
        for strategy in CLUSTER:
            self.assertEqual(ct.STRATEGIES[strategy], ("workers", "splits", "pool"))
            self.assertIn(strategy, ct.RUNNERS)
            self.assertEqual(ct.probes.OPTIONAL_PACKAGES[strategy], "distributed")
            with self.assertRaises(ct.BadRequest) as caught:
                ct.Job(request(strategy, 5, splits=6))
            self.assertIn("splits: got 6; allowed: 1 to size (5)", str(caught.exception))
        with self.assertRaises(ct.BadRequest) as caught:
            ct.runs.tutorial_job(dict(request("py-dask-distributed", 100), repeats=1))
        self.assertIn("makes its data on its workers", str(caught.exception))

    def test_checksums(self):
        job = ct.Job(request("py-dask-distributed", 1001, splits=3))
        ref = ct.cluster.reference_checksums(job)
        self.assertEqual(ref.dtype, numpy.uint64)
        # The chunks' checksums add up to the whole's, wherever the vector is cut.
        whole = ct.cluster.reference_checksums(ct.Job(request("py-dask-distributed", 1001,
                                                              splits=1)))
        with numpy.errstate(over="ignore"):
            self.assertEqual(int(ref.sum(dtype=numpy.uint64)), int(whole[0]))
        self.assertEqual(ct.cluster.verify_checksums(job, ref.copy(), ref), (True, 0, None, ""))
        bad = ref.copy()
        bad[1] ^= numpy.uint64(1)
        ok, _, index, message = ct.cluster.verify_checksums(job, bad, ref)
        self.assertFalse(ok)
        self.assertEqual(index, 334)           # chunk 1's first item
        self.assertIn("the checksum of chunk 1 (items from 334)", message)
        # One bit of one item changes its chunk's checksum.
        x = ct.make_data(334, 7, "exp", begin=334)
        numpy.exp(x, out=x)
        y = x.copy()
        y.view(numpy.uint64)[5] ^= numpy.uint64(1)
        self.assertNotEqual(ct.cluster.chunk_checksum(x, 334), ct.cluster.chunk_checksum(y, 334))


@needs_distributed
class ClusterProcessTest(unittest.TestCase):
    """Through `serve`: SIGTERM and SIGKILL of the interpreter leave no worker; SIGTERM no
    folder either (after a SIGKILL the engine removes it by the prefix)."""

    def start(self):
        prefix = "cstest-%d-%d-" % (os.getpid(), time.monotonic_ns() % 10 ** 9)
        proc = subprocess.Popen([sys.executable, "-u", MODULE, "serve", "--shm-prefix", prefix],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop, proc, prefix)
        self.buf = b""
        self.assertEqual(self.read(proc)["type"], "hello")
        return proc, prefix

    def stop(self, proc, prefix):
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()
        for path in folders(prefix):
            shutil.rmtree(path, ignore_errors=True)

    def read(self, proc, timeout=60):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            ready, _, _ = select.select([proc.stdout], [], [], max(0, deadline - time.monotonic()))
            self.assertTrue(ready, "no reply within %s s" % timeout)
            chunk = os.read(proc.stdout.fileno(), 1 << 20)
            self.assertTrue(chunk, "EOF after %r" % self.buf[-200:])
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def warm_cluster(self, proc):
        """A warm cluster of 2 workers, kept after its request: its worker pids."""
        proc.stdin.write((json.dumps(dict(request("py-dask-cluster", 1000, pool="warm"),
                                          op="run")) + "\n")
                         .encode())
        while True:
            r = self.read(proc)
            if r["type"] == "sample":
                pids = [p["pid"] for p in r["workers"]]
            if r["type"] == "done":
                self.assertEqual(r["status"], "ok", r)
                return pids

    def test_sigterm_and_sigkill_leave_no_worker(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with self.subTest(signal=sig):
                proc, prefix = self.start()
                pids = self.warm_cluster(proc)
                self.assertTrue(pids and all(alive(p) for p in pids))
                self.assertEqual(len(folders(prefix)), 1)
                proc.send_signal(sig)
                proc.wait(10)
                deadline = time.monotonic() + 20     # a bound on a hang, not a timing
                while any(alive(p) for p in pids) and time.monotonic() < deadline:
                    time.sleep(0.05)
                self.assertEqual([p for p in pids if alive(p)], [])
                if sig == signal.SIGTERM:
                    self.assertEqual(proc.returncode, 128 + sig)
                    self.assertEqual(folders(prefix), [])


def free_port():
    """A TCP port nothing listens on now (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_distributed
class ExistingClusterTest(unittest.TestCase, CheckSample):
    """--dask-scheduler: a dask-scheduler and two dask-workers (one thread each) that this test
    starts on a port it picks, and stops."""

    @classmethod
    def setUpClass(cls):
        if not shutil.which("dask-scheduler") or not shutil.which("dask-worker"):
            raise unittest.SkipTest("dask-scheduler and dask-worker are not on PATH "
                                    "(apt-get install python3-distributed)")
        cls.folder = tempfile.mkdtemp(prefix="cstest-dask-")
        cls.address = "tcp://127.0.0.1:%d" % free_port()
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        cls.procs = [subprocess.Popen(["dask-scheduler", "--host", "127.0.0.1", "--port",
                                       cls.address.rsplit(":", 1)[1], "--no-dashboard"], **quiet)]
        cls.procs.append(subprocess.Popen(
            ["dask-worker", cls.address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
             "--host", "127.0.0.1", "--local-directory", cls.folder], **quiet))
        try:
            client = ct.cluster._import_distributed().Client(cls.address, timeout=30,
                                                              set_as_default=False)
            try:
                client.wait_for_workers(2, timeout=60)
            finally:
                client.close()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        ct.cluster._close_kept()
        # SIGTERM first, as a user's Ctrl-C: dask-worker closes its nannies and their workers,
        # which unlink their multiprocessing semaphores (/dev/shm/sem.mp-*, left by a SIGKILL);
        # then SIGKILL for whatever of each group (a session of its own: ours) is left.
        for proc in reversed(cls.procs):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_runs_on_its_workers_and_says_which(self):
        workers = set(p for proc in self.procs[1:] for p in descendants(proc.pid))
        for strategy in CLUSTER:
            for pool in ("fresh", "warm"):
                req = request(strategy, 1001, splits=5, pool=pool, scheduler=self.address)
                with self.subTest(strategy=strategy, pool=pool):
                    s, = run(req)
                    self.check_sample(req, s)
                    self.assertEqual(s["tasks"], 5)
                    for p in s["workers"]:
                        self.assertIn(p["pid"], workers, "one of the dask-workers' processes")
                        self.assertEqual(p["host"], socket.gethostname())
        self.assertEqual(folders(ct.state._SHM_PREFIX), [], "no LocalCluster folder")

    def test_more_workers_than_it_has_are_refused(self):
        with self.assertRaises(ct.BadRequest) as caught:
            run(request("py-dask-cluster", 100, workers=3, splits=4, scheduler=self.address))
        self.assertIn("has 2 worker(s); allowed: 1 to 2", str(caught.exception))

    def test_an_address_that_does_not_answer_fails_within_seconds_naming_it(self):
        address = "tcp://127.0.0.1:%d" % free_port()
        start = time.monotonic()
        with self.assertRaises(ct.RunFailed) as caught:
            run(request("py-dask-distributed", 100, splits=4, scheduler=address))
        self.assertLess(time.monotonic() - start, 30)    # the 3 s connect, not a hang (CI is loaded)
        self.assertIn("nothing answers at the Dask scheduler %s" % address, str(caught.exception))
        for bad in ("127.0.0.1:8786", 8786):
            with self.subTest(scheduler=bad), self.assertRaises(ct.BadRequest):
                ct.Job(request("py-dask-cluster", 100, scheduler=bad))


if __name__ == "__main__":
    unittest.main()

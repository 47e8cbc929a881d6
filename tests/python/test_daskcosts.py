# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of core/python/chunkscope_tutorial/daskcosts.py: the dask-costs request (machine --dask)
measures a real LocalCluster and leaves no worker and no folder. A few seconds. Run with
Debian's Python:

    /usr/bin/python3 -m unittest -v tests/python/test_daskcosts.py
"""

import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "core", "python"))
sys.path.insert(0, HERE)

import chunkscope_tutorial as ct  # noqa: E402
import test_cluster  # noqa: E402
from test_cluster import _cmdline, folders, free_port, needs_distributed  # noqa: E402
from test_tutorial import alive, descendants  # noqa: E402


def handled(req):
    replies = []
    ct.handle(json.dumps(req), replies.append)
    return replies


def spawned_workers():
    return [k for k in descendants(os.getpid()) if alive(k) and b"spawn_main" in _cmdline(k)]


class DaskCostsRequestTest(unittest.TestCase):
    """What is refused before anything starts: a clear message, the server serving on."""

    def test_bad_fields_are_refused_naming_what_is_allowed(self):
        for req, says in (
                ({"op": "dask-costs", "id": 3}, "workers: got null; allowed: an integer from 1 to 256"),
                ({"op": "dask-costs", "workers": 0}, "workers: got 0; allowed: an integer from 1 to 256"),
                ({"op": "dask-costs", "workers": 257}, "workers: got 257"),
                ({"op": "dask-costs", "workers": True}, "workers: got true"),
                ({"op": "dask-costs", "workers": 1.5}, "workers: got 1.5"),
                ({"op": "dask-costs", "workers": 1, "scheduler": "127.0.0.1:8786"},
                 'scheduler: got "127.0.0.1:8786"; allowed: "tcp://HOST:PORT"'),
                ({"op": "dask-costs", "workers": 1, "splits": 4},
                 "unknown field(s) splits in dask-costs; allowed: op, workers, scheduler, id")):
            with self.subTest(req=req):
                reply, = handled(req)
                self.assertEqual((reply["type"], reply["status"]), ("done", "failed"))
                self.assertIn(says, reply["error"])
                self.assertEqual(reply["id"], req.get("id"))
        self.assertEqual(spawned_workers(), [])

    @needs_distributed
    def test_a_scheduler_that_does_not_answer_is_named(self):
        address = "tcp://127.0.0.1:%d" % free_port()
        reply, = handled({"op": "dask-costs", "workers": 1, "scheduler": address, "id": 4})
        self.assertEqual(reply["status"], "failed")
        self.assertIn("nothing answers at the Dask scheduler %s" % address, reply["error"])


@needs_distributed
class DaskCostsTest(unittest.TestCase):
    def test_a_local_cluster_is_measured_and_leaves_nothing(self):
        reply, = handled({"op": "dask-costs", "workers": 2, "id": 5})
        self.assertEqual((reply["type"], reply["id"], reply["workers"]), ("dask-costs", 5, 2))
        self.assertIsNone(reply["scheduler"])
        for key in ("close_s", "task_s", "scatter_bytes_per_s", "gather_bytes_per_s",
                    "measured_in_s"):
            with self.subTest(figure=key):
                self.assertGreater(reply[key], 0)
        # Fixed + per worker: either part may come out 0 on a noisy machine, not their sum.
        self.assertGreaterEqual(reply["start_s"], 0)
        self.assertGreaterEqual(reply["start_per_worker_s"], 0)
        self.assertGreater(reply["start_s"] + 2 * reply["start_per_worker_s"], 0)
        self.assertGreaterEqual(reply["round_trip_s"], 0)
        self.assertEqual(folders(ct.state._SHM_PREFIX), [])
        self.assertFalse(ct.state._LIVE_POOLS)
        self.assertFalse(ct.state._LIVE_FOLDERS)
        self.assertEqual(spawned_workers(), [])


@needs_distributed
class DaskCostsOnAnExistingClusterTest(unittest.TestCase):
    """--dask-scheduler: test_cluster's dask-scheduler and two dask-workers, started and stopped
    here the same way."""
    setUpClass = test_cluster.ExistingClusterTest.__dict__["setUpClass"]
    tearDownClass = test_cluster.ExistingClusterTest.__dict__["tearDownClass"]

    def test_its_workers_are_measured_its_start_and_close_are_not_ours(self):
        reply, = handled({"op": "dask-costs", "workers": 2, "scheduler": self.address})
        self.assertEqual((reply["type"], reply["scheduler"]), ("dask-costs", self.address), reply)
        self.assertEqual((reply["start_s"], reply["start_per_worker_s"], reply["close_s"]),
                         (0.0, 0.0, 0.0))
        for key in ("task_s", "scatter_bytes_per_s", "gather_bytes_per_s"):
            self.assertGreater(reply[key], 0, key)
        self.assertTrue(all(p.poll() is None for p in self.procs), "the cluster is still up")
        reply, = handled({"op": "dask-costs", "workers": 3, "scheduler": self.address})
        self.assertEqual(reply["status"], "failed")
        self.assertIn("has 2 worker(s); allowed: 1 to 2", reply["error"])


if __name__ == "__main__":
    unittest.main()

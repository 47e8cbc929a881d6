# SPDX-License-Identifier: GPL-3.0-or-later
"""A run's instants, cut into five phases, and its task stamps turned into events
(docs/python-protocol.md, Phases and Task events)."""

import math

from . import common

class Timing:
    """The instants of one run (docs/python-protocol.md, Phases) and its task stamps."""

    made = 0               # runs timed in this interpreter (the tutorial's timing wants none)

    def __init__(self):
        Timing.made += 1
        self.t0 = self.ready = self.joined = self.end = None
        self.first = self.last = None
        self.stamps = None     # [(owner, task, start, end, items, asked)], task order
        self.tasks = None      # tasks in the run (>= len(stamps) when some were not kept)
        self.handed = None     # the parent's _TaskStamps of the map, or None: no receive, send
        self.warm = False      # a warm pool: no startup, no shutdown
        self.places = None     # Dask: worker -> {"address", "host", "pid", "name"}
        self.loss = None       # Dask: the workers the run lost (lost.Loss), or None


def phases_of(t):
    """Five non-negative phases that add up to end - t0 (instants clamped into order)."""
    def clamp(v, lo, hi):
        return min(max(v, lo), hi)
    end = max(t.end, t.t0)
    ready = t.t0 if t.warm else clamp(t.ready, t.t0, end)
    joined = end if t.warm else clamp(t.joined, ready, end)
    first = ready if t.first is None else clamp(t.first, ready, joined)
    last = joined if t.last is None else clamp(t.last, first, joined)
    return {"startup": ready - t.t0, "scatter": first - ready, "compute": last - first,
            "gather": joined - last, "shutdown": end - joined}


def merge_parts(stamps, chunk):
    """Per-part stamps [(owner, asked, start, end, items)] -> per-task [(owner, task, start,
    end, items, asked)], `chunk` consecutive parts a task (they ran back to back on one worker,
    from one message: one asked). None: not Pool's grouping after all (a task's parts on two
    workers), which the caller keeps as parts."""
    tasks = []
    for t, k in enumerate(range(0, len(stamps), chunk)):
        group = stamps[k:k + chunk]
        if len({g[0] for g in group}) != 1:
            return None
        tasks.append((group[0][0], t, min(g[2] for g in group), max(g[3] for g in group),
                      sum(g[4] for g in group), group[0][1]))
    return tasks


def task_event(t, stamp, worker, wall):
    """One task's event, [worker, task, start_s, end_s, items, receive_s, send_s], seconds from
    t0 and inside [0, wall] (docs/python-protocol.md, Task events)."""
    _, task, start, end, items, asked = stamp

    def since_t0(v, lo, hi):
        return round(min(max(v - t.t0, lo), hi), 9)
    a = since_t0(start, 0.0, wall)
    b = since_t0(end, 0.0, wall)
    receive = send = 0.0
    handed = t.handed
    if handed is not None:
        out = handed.handed_out[task] if task < len(handed.handed_out) else None
        if out is not None and asked is not None and not math.isnan(asked):
            receive = round(a - since_t0(max(out, asked), 0.0, a), 9)
        held = handed.held.get(task)
        if held is not None:
            send = round(since_t0(held, b, wall) - b, 9)
    return [worker, task, a, b, items, receive, send]


def set_part_stamps(t, job, stamps, handed=None):
    """The run's first and last instants and task stamps from per-part stamps (owner, asked,
    start, end, items); handed: the map's pools._TaskStamps, if any."""
    t.first = min(s[2] for s in stamps)
    t.last = max(s[3] for s in stamps)
    tasks = merge_parts(stamps, max(1, job.effective_chunksize(len(stamps))))
    t.handed = handed
    if tasks is None:          # kept as parts: the parent's stamps are of tasks, not parts
        tasks = [(g[0], i, g[2], g[3], g[4], g[1]) for i, g in enumerate(stamps)]
        t.handed = None
    t.tasks = len(tasks)
    t.stamps = tasks[:common.MAX_EVENTS]

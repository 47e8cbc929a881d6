// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkfacts.h"

#include "forkmessages.h"
#include "floorterms.h"

#include <algorithm>

namespace chunkscope::facts {

using detail::floor_terms;
using detail::FloorTerms;
using detail::pages;

namespace {

// The parent's fork() of one worker (older measurements have only fork + exit: half of it).
double fork_cost(const MechanismCosts& m) { return m.fork_s > 0 ? m.fork_s : m.fork_exit_s / 2; }

// A worker's exit and reaping, what the parent waits for at the end.
double exit_cost(const MechanismCosts& m) { return std::max(0.0, m.fork_exit_s - fork_cost(m)); }

// A fork floor: nothing without the measured mechanisms; else the forks before (a fresh pool),
// about one exit after, and between them what `body` makes of the terms.
template <void (*Body)(OwnFloor&, const FloorTerms&, bool fresh, const MechanismCosts&, const RunConfig&)>
OwnFloor fork_floor(const RunConfig& c, const SpeedLimits& l, int cores)
{
    OwnFloor f;
    const MechanismCosts& m = l.mechanisms;
    if (!m.measured())
        return f;
    const FloorTerms t = floor_terms(c, l, cores);
    const bool fresh = c.pool == PoolLifetime::Fresh;
    f.phases.startup_s = fresh ? t.workers * fork_cost(m) : 0;
    f.phases.shutdown_s = fresh ? exit_cost(m) : 0;
    Body(f, t, fresh, m, c);
    return f;
}

void fork_pipes(OwnFloor& f, const FloorTerms& t, bool fresh, const MechanismCosts& m, const RunConfig& c)
{
    // The parent forks its workers one after another; every item then goes through its
    // pipes there and back, and every task costs it a message out and its reply back
    // besides their bytes. Out, it copies the items itself (at the rate it writes to two
    // readers when it deals to more than one, to one reader's otherwise), except a task's of
    // 64 KiB and more: it hands their pages over by vmsplice (at its measured rate doing so),
    // and the workers' reads are the copy, beside their arithmetic. Back, it reads them into
    // place (at the rate it reads from two writers, or from one). Each worker maps its scratch
    // (one block: it streams a task through it) while the parent deals, so that joins the
    // arithmetic. The workers exit together: the parent waits for about one exit.
    const double scratch =
        kItemBytes * static_cast<double>(std::min<std::size_t>(largest_task_items(c), detail::kStreamItems));
    const double touch = m.touch_huge_s > 0 ? m.touch_huge_s * std::max(1.0, scratch / (2 << 20))
                                            : m.touch_private_s * pages(scratch, m);
    const bool many = t.workers >= 2;
    const double pipe = many && m.pipe_fanout_bandwidth > 0 ? m.pipe_fanout_bandwidth : m.pipe_bandwidth;
    const double spliced = many && m.pipe_splice_fanout_bandwidth > 0 ? m.pipe_splice_fanout_bandwidth
                                                                      : m.pipe_splice_bandwidth;
    const bool by_splice = spliced > 0 && m.pipe_splice_handover_bandwidth > 0 &&
                           kItemBytes * static_cast<double>(largest_task_items(c)) >=
                               static_cast<double>(detail::kSpliceBytes);
    const double messages = static_cast<double>(task_count(c)) * m.pipe_message_s;
    f.phases.scatter_s = t.n * kItemBytes / (by_splice ? m.pipe_splice_handover_bandwidth : pipe) + messages / 2;
    const double fanin = many && m.pipe_fanin_two_bandwidth > 0 ? m.pipe_fanin_two_bandwidth : m.pipe_fanin_bandwidth;
    f.phases.gather_s = t.n * kItemBytes / (fanin > 0 ? fanin : pipe) + messages / 2;
    f.phases.compute_s = t.compute_s + (fresh ? t.workers * touch / t.busy : 0) +
                         (by_splice ? t.n * kItemBytes / spliced : 0);
    // Tasks are pipelined: the parent's copies and the workers' arithmetic overlap.
    f.total_s = f.phases.startup_s + std::max(f.phases.scatter_s + f.phases.gather_s, f.phases.compute_s) +
                f.phases.shutdown_s;
}

void fork_shm(OwnFloor& f, const FloorTerms& t, bool fresh, const MechanismCosts& m, const RunConfig& /*c*/)
{
    // Only messages travel; a fresh child maps every shared page it touches (in and out),
    // in bulk where the kernel can, the mapping spread over the workers.
    const double per_page = m.populate_shared_s > 0 ? m.populate_shared_s : m.touch_shared_s;
    const double mapping = fresh ? pages(2 * t.n * kItemBytes, m) * per_page / t.busy : 0;
    f.phases.compute_s = t.compute_s + mapping;
    f.total_s = f.phases.startup_s + f.phases.compute_s + f.phases.shutdown_s;
}

constexpr std::string_view kForkPipesFloorModel =
    "fresh: W forks, one exit at the end; then the larger of 2 N 8 bytes through the parent's\n"
    "pipes (out at its measured writing rate, or by vmsplice at its rate handing pages over for tasks\n"
    "of 64 KiB and more; back at its reading rate) with each task's message and reply, and the\n"
    "machine floor plus the workers' scratch pages and reads of handed-over pages (they overlap).";

} // namespace

constinit const StrategyFacts kForkItems{
    .own_floor = fork_floor<fork_pipes>,
    .floor_model = kForkPipesFloorModel,
    .lesson = "With small chunks every task is a message through a pipe, so the cost per task (pickling in "
        "Python, system calls here) dominates: the chunksize decides everything."};

constinit const StrategyFacts kForkSplit{
    .own_floor = fork_floor<fork_pipes>,
    .floor_model = kForkPipesFloorModel,
    .lesson = "The input goes to the workers and the output comes back through pipes, 16 bytes per item: "
        "scatter and gather take the time, not the math. A large task's items go out by vmsplice (the "
        "pipe takes the input's pages, not a copy), so the gather, copied both ways, weighs most."};

constinit const StrategyFacts kForkShm{
    .own_floor = fork_floor<fork_shm>,
    .floor_model = "fresh: W forks, one exit at the end; the machine floor plus mapping the 2 N 8 bytes of\n"
        "shared pages in the children (pre-faulted in bulk where the kernel can), over min(W, cores).",
    .lesson = "Nothing is copied: the time goes to starting processes and to each new process's first touch of "
        "every page of shared memory, which shows as compute; a warm pool has touched them already."};

} // namespace chunkscope::facts

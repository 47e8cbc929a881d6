// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkstrategy.h"

#include "clock.h"
#include "tasks.h"

#include <algorithm>

namespace chunkscope::detail {

void ForkStrategy::start_pool(int workers)
{
    // A pool that cannot start is reported by the next run, which then starts a fresh one.
    if (!pool_.start(workers).empty())
        pool_.kill();
}

RunSample ForkStrategy::run(const Job& job)
{
    RunSample s;
    const ForkDataPath transport = kind_ == StrategyKind::ForkShm ? ForkDataPath::Shm : ForkDataPath::Pipe;
    std::vector<TaskEvent> events(std::min(task_total(job), kMaxEventsKept));
    const bool warm = pool_.running() && pool_.size() == job.workers;
    ForkPool fresh;
    ForkPool& pool = warm ? pool_ : fresh;

    const double t0 = now_s();
    if (!warm) {
        std::string err = fresh.start(job.workers);
        if (!err.empty()) {
            s.status = Status::Failed;
            s.error = std::move(err);
            return s;
        }
    }
    const double t_started = warm ? t0 : now_s();
    const MapResult m = pool.map(job, transport, t0, events);
    const double t_mapped = now_s();
    if (!warm)
        fresh.stop();
    const double t_end = now_s();

    s.status = m.status;
    s.error = m.error;
    s.wall_s = t_end - t0;
    s.phases.startup_s = t_started - t0;
    s.phases.scatter_s = m.scatter_s;
    s.phases.gather_s = m.gather_s;
    s.phases.compute_s = std::max(0.0, (t_mapped - t_started) - m.scatter_s - m.gather_s);
    s.phases.shutdown_s = t_end - t_mapped;
    events.resize(m.events);
    s.events = std::move(events);
    s.events_truncated = m.events_truncated;
    return s;
}

} // namespace chunkscope::detail

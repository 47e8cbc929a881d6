// SPDX-License-Identifier: GPL-3.0-or-later
#include "ompstrategy.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "openmpfacts.h"
#include "tasks.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

namespace chunkscope::detail {

namespace {

// One run's record (tasks.h): a task is chunksize parts, the loop's iteration; each iteration is
// one event, as the threads strategy's tasks are.
struct Team : TeamRecord {
    using TeamRecord::TeamRecord;
    int size = 0;   // the team OpenMP gave
};

void task(Team& team, int w, std::size_t t)
{
    const Job& j = team.job;
    if (cancelled(j))
        return; // an OpenMP loop cannot be left early: the rest of its iterations do nothing
    const TaskRange r = task_range(j, t);
    const double ts = now_s();
    apply_kernel(j.function, j.kernel, j.intensity, j.in + r.begin, j.out + r.begin, r.size());
    team.task_ran(w, t, ts, now_s(), r.size());
}

// The loop as it is written, one pragma per schedule: chunk 1 task (= chunksize parts) for
// static, dynamic and guided; OpenMP's default is static with no chunk, one block per thread.
void loop(Team& team, int w)
{
    const auto n = static_cast<long long>(team.total);
    switch (team.job.schedule) {
    case Schedule::Static:
#pragma omp for schedule(static, 1) nowait
        for (long long t = 0; t < n; ++t)
            task(team, w, static_cast<std::size_t>(t));
        break;
    case Schedule::Dynamic:
#pragma omp for schedule(dynamic, 1) nowait
        for (long long t = 0; t < n; ++t)
            task(team, w, static_cast<std::size_t>(t));
        break;
    case Schedule::Guided:
#pragma omp for schedule(guided, 1) nowait
        for (long long t = 0; t < n; ++t)
            task(team, w, static_cast<std::size_t>(t));
        break;
    case Schedule::Default:
#pragma omp for schedule(static) nowait
        for (long long t = 0; t < n; ++t)
            task(team, w, static_cast<std::size_t>(t));
        break;
    }
}

} // namespace

OmpStrategy::~OmpStrategy() { stop_pool(); }

void OmpStrategy::start_pool(int workers)
{
    // The runtime starts the team at its first parallel region and keeps it for the next (a
    // region with nothing in it would be compiled away).
    std::atomic<int> started{0};
#pragma omp parallel num_threads(workers)
    started.fetch_add(1, std::memory_order_relaxed);
    warm_workers_ = started.load();
}

void OmpStrategy::stop_pool()
{
    if (warm_workers_ > 0 && kOmpReleasesThreads)
        omp_pause_resource_all(omp_pause_soft);
    warm_workers_ = 0;
}

RunSample OmpStrategy::run(const Job& job)
{
    const bool warm = warm_workers_ == job.workers;
    // A fresh team: the runtime's threads are released before the clock starts.
    if (!warm && kOmpReleasesThreads)
        omp_pause_resource_all(omp_pause_hard);
    Team team(job);
    team.start();
#pragma omp parallel num_threads(job.workers)
    {
        const int w = omp_get_thread_num();
        team.began[static_cast<std::size_t>(w)] = now_s();
#pragma omp single nowait
        team.size = omp_get_num_threads();
        loop(team, w);
        team.finish[static_cast<std::size_t>(w)] = now_s();
    }
    const double t_end = now_s();
    // Nor does a fresh team outlive its run (a 256-thread team would idle on in the window).
    if (!warm && kOmpReleasesThreads)
        omp_pause_resource_all(omp_pause_hard);

    // Startup lasts until every thread of a fresh team runs; compute until the last leaves the
    // loop; shutdown is the region's end (the implicit barrier and the join), as for threads.
    RunSample s = team.sample(!warm, t_end);
    if (s.status == Status::Ok && team.size != job.workers) {
        s.status = Status::Failed;
        s.error = "OpenMP gave a team of " + std::to_string(team.size) + " threads where " +
                  std::to_string(job.workers) + " were asked (OMP_THREAD_LIMIT or OMP_DYNAMIC limit it): " +
                  "the run is not what its workers say";
    }
    return s;
}

} // namespace chunkscope::detail

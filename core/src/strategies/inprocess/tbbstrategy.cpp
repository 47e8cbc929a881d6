// SPDX-License-Identifier: GPL-3.0-or-later
#include "tbbstrategy.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "tasks.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <vector>

namespace chunkscope::detail {

std::size_t allowed_parallelism(int workers)
{
    const auto current = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    return std::max<std::size_t>(current, static_cast<std::size_t>(workers));
}

struct TbbStrategy::Warm {
    explicit Warm(int workers)
        : limit(tbb::global_control::max_allowed_parallelism, allowed_parallelism(workers))
        , arena(workers)
    {
        arena.initialize();
    }
    tbb::global_control limit;
    tbb::task_arena arena;
    tbb::affinity_partitioner affinity; // remembers where chunks ran, across runs
};

TbbStrategy::TbbStrategy() = default;
TbbStrategy::~TbbStrategy() = default;

void TbbStrategy::start_pool(int workers) { warm_ = std::make_unique<Warm>(workers); }
void TbbStrategy::stop_pool() { warm_.reset(); }
bool TbbStrategy::pool_running() const { return warm_ != nullptr; }

namespace {

struct Events {
    explicit Events(std::size_t parts)
        : list(std::min(parts, kMaxEventsKept))
    {
    }
    std::vector<TaskEvent> list;
    std::atomic<std::size_t> count{0};
    std::atomic<bool> dropped{false};
    double t0 = 0;
    std::atomic<double> compute_end{0};
};

void run_parallel_for(const Job& j, Events& ev, tbb::affinity_partitioner& affinity)
{
    tbb::task_group_context ctx;
    const tbb::blocked_range<std::size_t> range(0, j.splits, j.chunksize);
    auto body = [&](const tbb::blocked_range<std::size_t>& r) {
        if (cancelled(j)) {
            ctx.cancel_group_execution();
            return;
        }
        const std::size_t b = part_begin(j.size, j.splits, r.begin());
        const std::size_t e = part_begin(j.size, j.splits, r.end());
        const double ts = now_s();
        apply_kernel(j.function, j.kernel, j.intensity, j.in + b, j.out + b, e - b);
        const double te = now_s();
        const std::size_t k = ev.count.fetch_add(1, std::memory_order_relaxed);
        if (k < ev.list.size()) {
            const int w = tbb::this_task_arena::current_thread_index();
            ev.list[k] = {w, static_cast<std::uint32_t>(k), ts - ev.t0, te - ev.t0, 0, e - b};
        } else {
            ev.dropped.store(true, std::memory_order_relaxed);
        }
        double seen = ev.compute_end.load(std::memory_order_relaxed);
        while (te > seen && !ev.compute_end.compare_exchange_weak(seen, te, std::memory_order_relaxed)) {
        }
    };
    switch (j.partitioner) {
    case Partitioner::Simple:
        tbb::parallel_for(range, body, tbb::simple_partitioner(), ctx);
        break;
    case Partitioner::Auto:
        tbb::parallel_for(range, body, tbb::auto_partitioner(), ctx);
        break;
    case Partitioner::Static:
        tbb::parallel_for(range, body, tbb::static_partitioner(), ctx);
        break;
    case Partitioner::Affinity:
        tbb::parallel_for(range, body, affinity, ctx);
        break;
    }
}

} // namespace

RunSample TbbStrategy::run(const Job& job)
{
    Events ev(job.splits);
    RunSample s;
    const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, allowed_parallelism(job.workers));
    const bool warm = warm_ && warm_->arena.max_concurrency() == job.workers;
    ev.t0 = now_s();
    double t_started = ev.t0;
    if (warm) {
        warm_->arena.execute([&] { run_parallel_for(job, ev, warm_->affinity); });
    } else {
        tbb::task_arena arena(job.workers);
        arena.initialize();
        t_started = now_s();
        tbb::affinity_partitioner affinity;
        arena.execute([&] { run_parallel_for(job, ev, affinity); });
        ev.compute_end = std::max(ev.compute_end.load(), t_started);
        arena.terminate();
    }
    const double t_end = now_s();
    const double compute_end = std::clamp(ev.compute_end.load(), t_started, t_end);
    s.wall_s = t_end - ev.t0;
    s.phases.startup_s = t_started - ev.t0;
    s.phases.compute_s = compute_end - t_started;
    s.phases.shutdown_s = t_end - compute_end;
    ev.list.resize(std::min(ev.count.load(), ev.list.size()));
    s.events = std::move(ev.list);
    s.events_truncated = ev.dropped.load();
    if (cancelled(job)) {
        s.status = Status::Cancelled;
        s.error = "cancelled";
    }
    return s;
}

} // namespace chunkscope::detail

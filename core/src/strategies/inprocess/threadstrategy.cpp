// SPDX-License-Identifier: GPL-3.0-or-later
#include "threadstrategy.h"

#include "chunkscope/kernels.h"
#include "clock.h"
#include "tasks.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace chunkscope::detail {

// The queue of one run: an atomic cursor over task numbers, which is all a queue of
// equal-cost task descriptors needs to be. Outside the anonymous namespace below because
// ThreadStrategy::Pool holds one.
struct WorkState {
    // Allocated before the clock starts; start() marks the beginning of the timed run.
    WorkState(const Job& j, int workers)
        : job(j)
        , total(task_total(j))
        , events(std::min(total, kMaxEventsKept))
        , began(static_cast<std::size_t>(workers))
        , finish(static_cast<std::size_t>(workers))
    {
    }
    void start()
    {
        t0 = now_s();
        std::fill(began.begin(), began.end(), t0);
        std::fill(finish.begin(), finish.end(), t0);
    }
    const Job& job;
    std::size_t total;
    double t0 = 0;
    std::atomic<std::size_t> next{0};
    std::vector<TaskEvent> events;
    std::vector<double> began;   // when each worker started running
    std::vector<double> finish;  // when each worker found the queue empty
};

namespace {

void work(WorkState& st, int w)
{
    const Job& j = st.job;
    st.began[static_cast<std::size_t>(w)] = now_s();
    for (;;) {
        if (cancelled(j))
            break;
        const std::size_t t = st.next.fetch_add(1, std::memory_order_relaxed);
        if (t >= st.total)
            break;
        const TaskRange r = task_range(j, t);
        const double ts = now_s();
        apply_kernel(j.function, j.kernel, j.intensity, j.in + r.begin, j.out + r.begin, r.size());
        const double te = now_s();
        if (t < st.events.size())
            st.events[t] = {w, static_cast<std::uint32_t>(t), ts - st.t0, te - st.t0, 0, r.size()};
    }
    st.finish[static_cast<std::size_t>(w)] = now_s();
}

// Startup lasts until every worker runs (on a busy machine a new thread may wait for a core);
// compute until the last worker finds the queue empty; shutdown is joining them.
RunSample finish_sample(WorkState& st, bool fresh, double t_end)
{
    RunSample s;
    const double last_finish = *std::max_element(st.finish.begin(), st.finish.end());
    const double t_started =
        fresh ? std::min(last_finish, *std::max_element(st.began.begin(), st.began.end())) : st.t0;
    const double compute_end = std::max(t_started, last_finish);
    s.wall_s = t_end - st.t0;
    s.phases.startup_s = t_started - st.t0;
    s.phases.compute_s = compute_end - t_started;
    s.phases.shutdown_s = t_end - compute_end;
    s.events = std::move(st.events);
    s.events_truncated = st.total > kMaxEventsKept;
    if (cancelled(st.job)) {
        s.status = Status::Cancelled;
        s.error = "cancelled";
    }
    return s;
}

} // namespace

// A warm pool: threads created once, woken for each run.
class ThreadStrategy::Pool {
public:
    explicit Pool(int workers)
    {
        threads_.reserve(static_cast<std::size_t>(workers));
        for (int w = 0; w < workers; ++w)
            threads_.emplace_back([this, w] { loop(w); });
    }
    ~Pool()
    {
        {
            std::lock_guard lock(mutex_);
            quit_ = true;
        }
        wake_.notify_all();
        for (auto& t : threads_)
            t.join();
    }
    int size() const { return static_cast<int>(threads_.size()); }

    void run(WorkState& st)
    {
        std::unique_lock lock(mutex_);
        state_ = &st;
        busy_ = size();
        ++generation_;
        wake_.notify_all();
        done_.wait(lock, [this] { return busy_ == 0; });
        state_ = nullptr;
    }

private:
    void loop(int w)
    {
        unsigned seen = 0;
        for (;;) {
            WorkState* st = nullptr;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return quit_ || generation_ != seen; });
                if (quit_)
                    return;
                seen = generation_;
                st = state_;
            }
            work(*st, w);
            std::lock_guard lock(mutex_);
            if (--busy_ == 0)
                done_.notify_one();
        }
    }

    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    WorkState* state_ = nullptr;
    unsigned generation_ = 0;
    int busy_ = 0;
    bool quit_ = false;
};

ThreadStrategy::ThreadStrategy() = default;
ThreadStrategy::~ThreadStrategy() = default;

void ThreadStrategy::start_pool(int workers) { pool_ = std::make_unique<Pool>(workers); }
void ThreadStrategy::stop_pool() { pool_.reset(); }

RunSample ThreadStrategy::run(const Job& job)
{
    if (pool_ && pool_->size() == job.workers) {
        WorkState st(job, job.workers);
        st.start();
        pool_->run(st);
        const double t_end = now_s();
        return finish_sample(st, false, t_end);
    }
    WorkState st(job, job.workers);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(job.workers));
    st.start();
    for (int w = 0; w < job.workers; ++w)
        threads.emplace_back(work, std::ref(st), w);
    for (auto& t : threads)
        t.join();
    return finish_sample(st, true, now_s());
}

} // namespace chunkscope::detail

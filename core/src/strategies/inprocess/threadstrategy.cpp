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
struct WorkState : TeamRecord {
    using TeamRecord::TeamRecord;
    std::atomic<std::size_t> next{0};
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
        st.task_ran(w, t, ts, now_s(), r.size());
    }
    st.finish[static_cast<std::size_t>(w)] = now_s();
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
        WorkState st(job);
        st.start();
        pool_->run(st);
        return st.sample(false, now_s());
    }
    WorkState st(job);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(job.workers));
    st.start();
    for (int w = 0; w < job.workers; ++w)
        threads.emplace_back(work, std::ref(st), w);
    for (auto& t : threads)
        t.join();
    return st.sample(true, now_s());
}

} // namespace chunkscope::detail

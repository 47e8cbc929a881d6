// SPDX-License-Identifier: GPL-3.0-or-later
// mpi: the tutorial's split version across ranks. Rank 0 holds the vector, cuts it into splits
// parts (as numpy.array_split) and hands a task of chunksize parts to each worker rank; a
// worker that sends its result back gets the next task (Pool.map's dealing, one task in flight
// per worker). Results are received straight into place. Rank 0 only deals, as fork-split's
// parent does, so W workers compute in both.

#include "cellwork.h"

#include "chunkscope/kernels.h"
#include "chunkscope/generator.h"
#include "chunkscope/strategy.h"
#include "clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <time.h>

namespace chunkscope::mpi {

namespace {

using detail::now_s;

// A worker's word that a task is done, with when it computed (on the worker's clock).
struct Notice {
    double start = 0;
    double end = 0;
};

struct Range {
    std::size_t begin = 0, end = 0;
    int count() const { return static_cast<int>(end - begin); }
};

// MPI_Waitany, but after a few hundred tests it sleeps between them: rank 0 waiting for its
// workers leaves them the cores, as fork-split's parent sleeping in poll() does.
void wait_any(std::vector<MPI_Request>& pending, int& index)
{
    int done = 0;
    for (int tries = 0;; ++tries) {
        MPI_Testany(static_cast<int>(pending.size()), pending.data(), &index, &done, MPI_STATUS_IGNORE);
        if (done)
            return;
        if (tries > 200) {
            const timespec pause{0, 20'000};
            nanosleep(&pause, nullptr);
        }
    }
}

class Dealer final : public CellWork {
public:
    Dealer(const detail::MpiCell& cell, const Ranks& ranks)
        : cell_(cell), ranks_(ranks), w_(detail::workload_of(cell)),
          tasks_((cell.splits + cell.chunksize - 1) / cell.chunksize)
    {
        if (ranks_.root()) {
            in_.resize(cell_.size);
            out_.resize(cell_.size);
            fill_data(in_.data(), 0, in_.size(), w_);
        } else {
            // The first parts are the largest (array_split puts the extra items there).
            buffer_.resize(std::max<std::size_t>(1, task(0).end - task(0).begin));
        }
        sync_clocks();
    }

    void prepare() override
    {
        // A marker in every item, so an item no worker wrote cannot pass the check.
        std::fill(out_.begin(), out_.end(), std::numeric_limits<double>::quiet_NaN());
    }

    RunTimes run() override { return ranks_.root() ? deal() : work(); }

    // Rank 0 holds the whole output; a differing item is put down to the rank whose task held it.
    detail::MpiRunCheck check() override
    {
        if (!ranks_.root())
            return {};
        detail::MpiRunCheck c = detail::check_mpi_slice(w_, out_.data(), 0, out_.size(), 0);
        if (c.rank >= 0)
            for (std::size_t t = 0; t < tasks_; ++t)
                if (const Range r = task(t); r.begin <= c.item && c.item < r.end)
                    c.rank = t < computed_by_.size() ? computed_by_[t] : 0;
        return c;
    }

private:
    Range task(std::size_t t) const
    {
        const std::size_t first = t * cell_.chunksize;
        const std::size_t last = std::min<std::size_t>(first + cell_.chunksize, cell_.splits);
        return {part_begin(cell_.size, cell_.splits, first), part_begin(cell_.size, cell_.splits, last)};
    }

    // Rank 0 learns how far each worker's clock is from its own (the round trip with the least
    // delay of a few), so that task times from other hosts land on rank 0's timeline.
    void sync_clocks()
    {
        offset_.assign(static_cast<std::size_t>(ranks_.size), 0.0);
        for (int w = 1; w < ranks_.size; ++w) {
            double best = std::numeric_limits<double>::infinity();
            for (int k = 0; k < 5; ++k) {
                if (ranks_.root()) {
                    double theirs = 0;
                    const double t1 = now_s();
                    MPI_Send(&t1, 1, MPI_DOUBLE, w, kTagSync, MPI_COMM_WORLD);
                    MPI_Recv(&theirs, 1, MPI_DOUBLE, w, kTagSync, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    const double t2 = now_s();
                    if (t2 - t1 < best) {
                        best = t2 - t1;
                        offset_[static_cast<std::size_t>(w)] = theirs - (t1 + t2) / 2;
                    }
                } else if (ranks_.rank == w) {
                    double t1 = 0;
                    MPI_Recv(&t1, 1, MPI_DOUBLE, 0, kTagSync, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    const double mine = now_s();
                    MPI_Send(&mine, 1, MPI_DOUBLE, 0, kTagSync, MPI_COMM_WORLD);
                }
            }
        }
    }

    RunTimes deal()
    {
        RunTimes t;
        const int workers = ranks_.size - 1;
        std::vector<std::size_t> current(static_cast<std::size_t>(workers), 0);
        std::vector<Notice> notice(static_cast<std::size_t>(workers));
        std::vector<MPI_Request> pending(static_cast<std::size_t>(workers), MPI_REQUEST_NULL);
        std::vector<double> sent(static_cast<std::size_t>(workers), 0.0);   // when each task's send began
        t.events.reserve(std::min(tasks_, kMaxEventsKept));
        computed_by_.assign(tasks_, 0);
        std::size_t next = 0, done = 0;
        const double t0 = now_s();
        const auto give = [&](int i) {
            const Range r = task(next);
            current[static_cast<std::size_t>(i)] = next++;
            const double ts = now_s();
            sent[static_cast<std::size_t>(i)] = ts;
            MPI_Send(in_.data() + r.begin, r.count(), MPI_DOUBLE, i + 1, kTagTask, MPI_COMM_WORLD);
            MPI_Irecv(&notice[static_cast<std::size_t>(i)], sizeof(Notice), MPI_BYTE, i + 1, kTagNotice,
                      MPI_COMM_WORLD, &pending[static_cast<std::size_t>(i)]);
            t.scatter_s += now_s() - ts;
        };
        for (int i = 0; i < workers && next < tasks_; ++i)
            give(i);
        while (done < tasks_) {
            int i = MPI_UNDEFINED;
            wait_any(pending, i);
            if (i == MPI_UNDEFINED)
                break;   // cannot happen: every task is in flight until its notice
            const std::size_t id = current[static_cast<std::size_t>(i)];
            const Range r = task(id);
            computed_by_[id] = i + 1;
            const double tg = now_s();
            MPI_Recv(out_.data() + r.begin, r.count(), MPI_DOUBLE, i + 1, kTagResult, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
            const double held = now_s();
            t.gather_s += held - tg;
            const Notice& n = notice[static_cast<std::size_t>(i)];
            const double shift = offset_[static_cast<std::size_t>(i + 1)] + t0;
            // Receive: from rank 0's send to the compute's start; send: from its end until rank 0
            // holds the result (on rank 0's clock, the worker's shifted onto it).
            const double start = n.start - shift, end = n.end - shift;
            if (t.events.size() < kMaxEventsKept)
                t.events.push_back({i, static_cast<std::uint32_t>(id), start, end,
                                    2 * static_cast<std::uint64_t>(r.count()) * sizeof(double) + sizeof(Notice),
                                    static_cast<std::uint64_t>(r.count()),
                                    std::max(0.0, start - (sent[static_cast<std::size_t>(i)] - t0)),
                                    std::max(0.0, (held - t0) - end)});
            else
                t.events_truncated = true;
            ++done;
            if (next < tasks_)
                give(i);
        }
        t.wall_s = now_s() - t0;
        t.compute_s = std::max(0.0, t.wall_s - t.scatter_s - t.gather_s);
        for (int w = 1; w <= workers; ++w)
            MPI_Send(nullptr, 0, MPI_DOUBLE, w, kTagStop, MPI_COMM_WORLD);
        return t;
    }

    RunTimes work()
    {
        for (;;) {
            MPI_Status st;
            MPI_Recv(buffer_.data(), static_cast<int>(buffer_.size()), MPI_DOUBLE, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
            if (st.MPI_TAG == kTagStop)
                return {};
            int n = 0;
            MPI_Get_count(&st, MPI_DOUBLE, &n);
            Notice notice;
            notice.start = now_s();
            apply_kernel(w_.function, w_.kernel, w_.intensity, buffer_.data(), buffer_.data(), static_cast<std::size_t>(n));
            notice.end = now_s();
            MPI_Send(&notice, sizeof notice, MPI_BYTE, 0, kTagNotice, MPI_COMM_WORLD);
            MPI_Send(buffer_.data(), n, MPI_DOUBLE, 0, kTagResult, MPI_COMM_WORLD);
        }
    }

    const detail::MpiCell cell_;
    const Ranks ranks_;
    const Workload w_;
    const std::size_t tasks_;
    std::vector<double> in_, out_, buffer_;
    std::vector<double> offset_;   // rank 0: each rank's clock minus rank 0's
    std::vector<std::int32_t> computed_by_;   // rank 0: the rank that computed each task (0: none)
};

} // namespace

std::unique_ptr<CellWork> make_dealer(const detail::MpiCell& cell, const Ranks& ranks)
{
    return std::make_unique<Dealer>(cell, ranks);
}

} // namespace chunkscope::mpi

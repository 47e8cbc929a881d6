// SPDX-License-Identifier: GPL-3.0-or-later
#include "forkmap.h"

#include "clock.h"
#include "forkmessages.h"
#include "tasks.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <utility>

#include <fcntl.h> // vmsplice
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

// Keep a few tasks queued per worker so it never waits for the parent, but not so many
// that one worker hoards the work: about 256 KiB of items, at least 2 tasks.
std::size_t queue_depth(const Job& job, std::size_t total)
{
    const std::size_t items_per_task = std::max<std::size_t>(1, job.size / std::max<std::size_t>(1, total));
    return std::clamp<std::size_t>(32768 / items_per_task, 2, 256);
}

} // namespace

struct ForkMap::Channel {
    // Sending: the task being written, and how many of its bytes are out.
    bool sending = false;
    TaskMsg msg;
    std::size_t sent = 0;
    std::size_t payload = 0; // bytes of items after the message
    // Receiving: the result being read (its head, its items straight into place, its end).
    ResultMsg res;
    ResultEnd end;
    std::size_t got = 0;
    std::deque<std::uint64_t> in_flight; // tasks sent or being sent, oldest first
};

ForkMap::ForkMap(ForkPool& pool, const Job& job, ForkDataPath transport, double t0, std::vector<TaskEvent>& events)
    : pool_(pool)
    , job_(job)
    , transport_(transport)
    , t0_(t0)
    , events_(events)
    , piped_(transport == ForkDataPath::Pipe)
    , total_(task_total(job))
    , depth_(queue_depth(job, total_))
{
}

bool ForkMap::assign(Channel& c)
{
    if (c.sending || c.in_flight.size() >= depth_ || next_ >= total_)
        return false;
    const TaskRange r = task_range(job_, next_);
    c.msg = TaskMsg{next_,
                    r.begin,
                    r.size(),
                    static_cast<std::int32_t>(job_.function),
                    static_cast<std::int32_t>(job_.kernel),
                    job_.intensity,
                    static_cast<std::int32_t>(transport_),
                    job_.in,
                    job_.out};
    c.sending = true;
    c.sent = 0;
    c.payload = piped_ ? r.size() * sizeof(double) : 0;
    c.in_flight.push_back(next_);
    ++next_;
    return true;
}

void ForkMap::fail(Status st, std::string msg)
{
    pool_.kill();
    out_.status = st;
    out_.error = std::move(msg);
    out_.events = recorded_;
}

MapResult ForkMap::run()
{
    const std::size_t nw = pool_.workers_.size();
    std::vector<Channel> ch(nw);
    std::vector<pollfd> fds(2 * nw);

    while (done_ < total_) {
        if (cancelled(job_)) {
            fail(Status::Cancelled, "cancelled");
            return out_;
        }
        // Hand out tasks to every worker with room.
        for (std::size_t w = 0; w < nw && next_ < total_; ++w)
            assign(ch[w]);
        for (std::size_t w = 0; w < nw; ++w) {
            fds[2 * w] = {pool_.workers_[w].task_fd, static_cast<short>(ch[w].sending ? POLLOUT : 0), 0};
            fds[2 * w + 1] = {pool_.workers_[w].result_fd, POLLIN, 0};
        }
        const int ready = poll(fds.data(), fds.size(), 50);
        if (ready < 0 && errno != EINTR) {
            fail(Status::Failed, std::string("poll failed: ") + std::strerror(errno));
            return out_;
        }
        if (ready <= 0)
            continue;

        for (std::size_t w = 0; w < nw; ++w) {
            Channel& c = ch[w];
            if (c.sending && (fds[2 * w].revents & (POLLOUT | POLLERR | POLLHUP)) && !scatter(w, c))
                return out_;
            if ((fds[2 * w + 1].revents & (POLLIN | POLLERR | POLLHUP)) && !gather(w, c))
                return out_;
        }
    }
    out_.events = recorded_;
    return out_;
}

// Scatter: hand the pipe as much of the current task as it takes. A small task goes out in one
// writev, message and items. A large one's items go with vmsplice after the message: it puts
// references to the input's own pages in the pipe instead of a copy (the input does not change
// while tasks are out, and the pages stay alive until the worker has read them), so the
// worker's read is their only copy on the way out.
bool ForkMap::scatter(std::size_t w, Channel& c)
{
    const double ts = now_s();
    const std::size_t header = sizeof(TaskMsg);
    const int fd = pool_.workers_[w].task_fd;
    while (c.sending) {
        const bool splicing = splice_ && c.payload >= kSpliceBytes;
        const std::size_t pdone = c.sent > header ? c.sent - header : 0;
        iovec iov[2];
        int cnt = 0;
        if (c.sent < header)
            iov[cnt++] = {reinterpret_cast<char*>(&c.msg) + c.sent, header - c.sent};
        if (c.payload > pdone && !(splicing && cnt > 0)) {
            auto* items = reinterpret_cast<const char*>(job_.in + c.msg.begin);
            iov[cnt++] = {const_cast<char*>(items) + pdone, c.payload - pdone};
        }
        const bool by_splice = splicing && c.sent >= header;
        const ssize_t n = by_splice ? vmsplice(fd, iov, 1, SPLICE_F_NONBLOCK) : writev(fd, iov, cnt);
        if (n < 0 && by_splice && (errno == EINVAL || errno == ENOSYS)) {
            splice_ = false; // vmsplice is refused here: copy from now on
            continue;
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                break;
            out_.scatter_s += now_s() - ts;
            fail(Status::Failed, pool_.death_message(w, "while it was being sent a task"));
            return false;
        }
        c.sent += static_cast<std::size_t>(n);
        if (c.sent == header + c.payload) {
            c.sending = false;
            assign(c); // keep the pipe full while it takes more
        }
    }
    out_.scatter_s += now_s() - ts;
    return true;
}

// Gather: read results straight into place.
bool ForkMap::gather(std::size_t w, Channel& c)
{
    const double ts = now_s();
    for (;;) {
        void* dst;
        std::size_t want;
        const std::size_t header = sizeof(ResultMsg);
        const std::size_t items = piped_ ? c.res.count * sizeof(double) : 0;   // valid once the head is in
        if (c.got < header) {
            dst = reinterpret_cast<char*>(&c.res) + c.got;
            want = header - c.got;
        } else if (c.res.begin + c.res.count > job_.size) {
            fail(Status::Failed, "worker " + std::to_string(w) + " sent a malformed result");
            return false;
        } else if (c.got < header + items) {
            dst = reinterpret_cast<char*>(job_.out + c.res.begin) + (c.got - header);
            want = header + items - c.got;
        } else {
            dst = reinterpret_cast<char*>(&c.end) + (c.got - header - items);
            want = header + items + sizeof(ResultEnd) - c.got;
        }
        ssize_t n = 0;
        if (want > 0) {
            n = read(pool_.workers_[w].result_fd, dst, want);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && errno == EAGAIN)
                break;
            if (n <= 0) {
                out_.gather_s += now_s() - ts;
                const std::string when = c.in_flight.empty()
                    ? std::string("while idle")
                    : "while running task " + std::to_string(c.in_flight.front());
                fail(Status::Failed, pool_.death_message(w, when.c_str()));
                return false;
            }
            c.got += static_cast<std::size_t>(n);
        }
        if (c.got >= header && c.got == header + (piped_ ? c.res.count * sizeof(double) : 0) + sizeof(ResultEnd)) {
            if (recorded_ < events_.size()) {
                const std::uint64_t moved = piped_ ? 2 * c.res.count * sizeof(double) : 0;
                // The result is here: it was sent from the compute's end until now.
                const double held = now_s();
                events_[recorded_++] = {static_cast<int>(w),
                                        static_cast<std::uint32_t>(c.res.task),
                                        c.end.start - t0_,
                                        c.end.end - t0_,
                                        moved + sizeof(TaskMsg) + sizeof(ResultMsg) + sizeof(ResultEnd),
                                        c.res.count,
                                        std::max(0.0, c.end.start - c.res.received),
                                        std::max(0.0, held - c.end.end)};
            } else {
                out_.events_truncated = true;
            }
            if (!c.in_flight.empty())
                c.in_flight.pop_front();
            c.got = 0;
            ++done_;
        }
    }
    out_.gather_s += now_s() - ts;
    return true;
}

} // namespace chunkscope::detail

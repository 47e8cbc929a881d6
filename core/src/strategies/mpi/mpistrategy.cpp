// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpistrategy.h"

#include "chunkscope/checksum.h"
#include "chunkscope/mpi.h"
#include "clock.h"
#include "mpicheck.h"
#include "mpiprotocol.h"
#include "tasks.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <cstdio>

namespace chunkscope::detail {

namespace {

using MessageJson = nlohmann::json;

std::string hex(std::uint64_t v)
{
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(v));
    return text;
}

} // namespace

RunSample MpiStrategy::run(const Job&)
{
    RunSample s;
    s.status = Status::Failed;
    s.error = "the mpi strategies run whole cells (Runner::run), on the ranks' own data";
    return s;
}

std::optional<std::uint64_t> MpiStrategy::expected_checksum(const Workload& w, const std::atomic<bool>* cancel)
{
    if (checksum_ && checksum_->first == w)
        return checksum_->second;
    constexpr std::size_t kBlock = std::size_t{1} << 16;
    bool stopped = false;
    const std::uint64_t sum = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, (w.size + kBlock - 1) / kBlock), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t acc) {
            for (std::size_t b = r.begin(); b != r.end(); ++b) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    stopped = true;
                    return acc;
                }
                acc += reference_checksum(w, b * kBlock, std::min(kBlock, w.size - b * kBlock));
            }
            return acc;
        },
        [](std::uint64_t a, std::uint64_t b) { return a + b; });
    if (stopped)
        return std::nullopt;
    checksum_ = {w, sum};
    return sum;
}

bool MpiStrategy::launch(const RunConfig& config, const std::atomic<bool>* cancel)
{
    const Launch want{mpi_ranks(config), config.mpi};
    const std::string dir = config.mpi.transport == MpiTransport::Shm ? next_mpi_shm_dir() : std::string();
    launched_ = want;
    return launcher_.start(mpirun_command(config.mpi, want.ranks, dir), dir, cancel);
}

bool MpiStrategy::collect(int id, int repeats, bool budget, std::uint64_t expected, CellRuns& out,
                          const std::function<void(RunSample&&, bool)>& take, const std::atomic<bool>* cancel)
{
    const auto fail = [&](Status status, std::string error) {
        out.status = status;
        out.error = std::move(error);
        return false;
    };
    const auto broken = [&](const char* what) {
        launcher_.kill();
        return fail(Status::Failed, std::string("rank 0 sent a reply the protocol does not have: ") + what);
    };
    for (int seen = 0;;) {
        const auto reply = launcher_.next(cancel);
        if (!reply)
            return launcher_.error() == "cancelled" ? fail(Status::Cancelled, "cancelled")
                                                    : fail(Status::Failed, launcher_.error());
        try {
            const std::string type = reply->at("type").get<std::string>();
            if (type == "error")
                return fail(Status::Failed, "rank 0: " + reply->value("error", std::string()));
            if (reply->value("id", 0) != id)
                continue;   // a reply to a request given up on
            if (type == "done") {
                if (reply->at("status").get<std::string>() != "ok")
                    return fail(Status::Failed, "rank 0: " + reply->value("error", std::string("the run failed")));
                // A cell budget may stop rank 0 after fewer timed runs, never before the first.
                if (seen != repeats && !(budget && seen >= 1 && seen < repeats))
                    return fail(Status::Failed, "rank 0 reported " + std::to_string(seen) + " timed runs of " +
                                                    std::to_string(repeats));
                return true;
            }
            if (type != "sample")
                continue;
            const bool warmup = reply->at("warmup").get<bool>();
            seen += warmup ? 0 : 1;
            if (!reply->at("verified").get<bool>())
                return fail(Status::Failed, mpi_mismatch_message(*reply));
            const std::uint64_t got = reply->at("checksum").get<std::uint64_t>();
            if (got != expected)
                return fail(Status::Failed, "the output's checksum from rank 0 (" + hex(got) +
                                                ") differs from the engine's for the same workload (" + hex(expected) +
                                                ")");
            take(sample_of(*reply, EventBytes::Stated), warmup);
        } catch (const MessageJson::exception& e) {
            return broken(e.what());
        } catch (const BadReply& e) {
            return broken(e.what());
        }
    }
}

Strategy::CellRuns MpiStrategy::run_cell(const RunConfig& config, const std::function<void(double)>& progress,
                                         const std::atomic<bool>* cancel)
{
    CellRuns out;
    const auto failed = [&](Status status, std::string error) {
        out.status = status;
        out.error = std::move(error);
        out.samples.clear();
        return out;
    };
    const auto expected = expected_checksum(config.workload, cancel);
    if (!expected)
        return failed(Status::Cancelled, "cancelled");
    int done = 0;
    const auto take = [&](RunSample&& s, bool warmup) {
        ++done;
        if (progress)
            progress(static_cast<double>(done) /
                     std::max(done + 1, std::max(1, warmup_min_runs(config.warmup)) + config.repeats));
        if (warmup)
            out.warmup_walls.push_back(s.wall_s);
        else
            out.samples.push_back(std::move(s));
    };
    const auto places = [&] {
        out.ranks = launcher_.places();
        for (RankPlace& p : out.ranks)
            p.worker = config.strategy == StrategyKind::Mpi ? p.rank - 1 : p.rank;
    };

    if (config.pool == PoolLifetime::Warm) {
        if (!launcher_.running() || !(launched_ == Launch{mpi_ranks(config), config.mpi})) {
            launcher_.stop();
            if (!launch(config, cancel))
                return failed(launcher_.error() == "cancelled" ? Status::Cancelled : Status::Failed, launcher_.error());
        }
        places();
        const int id = next_id_++;
        if (!launcher_.send(mpi_run_request(config, id, config.warmup, config.repeats, config.cell_budget_s)))
            return failed(Status::Failed, launcher_.error());
        if (!collect(id, config.repeats, config.cell_budget_s > 0, *expected, out, take, cancel))
            return failed(out.status, out.error);
        return out;
    }

    // fresh: a new job for every run, timed from the launch to mpirun's end.
    launcher_.stop();
    std::vector<double> timed;   // the timed runs' wall times, for the cell budget
    for (;;) {
        const NextRun next = next_run(config.warmup, config.repeats, config.cell_budget_s, out.warmup_walls, timed);
        if (next == NextRun::Stop)
            break;
        const double t0 = now_s();
        if (!launch(config, cancel))
            return failed(launcher_.error() == "cancelled" ? Status::Cancelled : Status::Failed, launcher_.error());
        const double t_up = now_s();
        places();
        const int id = next_id_++;
        if (!launcher_.send(mpi_run_request(config, id, 0, 1, 0)))
            return failed(Status::Failed, launcher_.error());
        std::optional<RunSample> sample;
        const auto keep = [&](RunSample&& s, bool) { sample = std::move(s); };
        if (!collect(id, 1, false, *expected, out, keep, cancel))
            return failed(out.status, out.error);
        const double t_quit = now_s();
        if (!launcher_.stop())
            return failed(Status::Failed, launcher_.error());
        const double t_end = now_s();
        RunSample& s = *sample;
        s.phases.startup_s = t_up - t0;
        s.phases.shutdown_s = t_end - t_quit;
        for (TaskEvent& e : s.events) {
            e.start_s += s.phases.startup_s;
            e.end_s += s.phases.startup_s;
        }
        s.wall_s += s.phases.startup_s + s.phases.shutdown_s;
        const bool warming = next == NextRun::Warmup &&
                             !first_run_is_timed(config.cell_budget_s, out.warmup_walls.size(), s.wall_s);
        if (!warming)
            timed.push_back(s.wall_s);
        take(std::move(s), warming);
    }
    return out;
}

} // namespace chunkscope::detail

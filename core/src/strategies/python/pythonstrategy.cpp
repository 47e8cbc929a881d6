// SPDX-License-Identifier: GPL-3.0-or-later
#include "pythonstrategy.h"

#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "tasks.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace chunkscope::detail {

namespace {

using MessageJson = nlohmann::json;

MessageJson request(const RunConfig& c, int id)
{
    const StrategyInfo& s = strategy_info(c.strategy);
    MessageJson r{{"op", "run"},
                  {"id", id},
                  {"strategy", s.name},
                  {"function", to_string(c.workload.function)},
                  {"size", c.workload.size},
                  {"seed", c.workload.seed},
                  {"repeats", c.repeats},
                  {"warmup", c.warmup == kWarmupSettle ? MessageJson("settle") : MessageJson(c.warmup)},
                  {"intensity", c.workload.intensity}};
    // The module warms up by the engine's rule (warmup.h), not one of its own.
    if (c.warmup == kWarmupSettle)
        r["settle"] = {{"tolerance", kSettleRule.tolerance},
                       {"min_runs", kSettleRule.min_runs},
                       {"max_runs", kSettleRule.max_runs},
                       {"max_seconds", kSettleRule.max_seconds}};
    // And stops by the engine's cell budget (warmup.h's next_run).
    if (c.cell_budget_s > 0)
        r["cell_budget_s"] = c.cell_budget_s;
    if (s.uses(Knob::Workers))
        r["workers"] = c.workers;
    // splits auto: the library's own chunks, and how many the engine expects (effective_splits),
    // which the module checks against the library's (py-dask: dask.array.core.normalize_chunks).
    if (s.uses(Knob::Splits) && c.splits_auto) {
        r["splits"] = "auto";
        r["auto_chunks"] = effective_splits(c);
    } else if (s.uses(Knob::Splits)) {
        r["splits"] = c.splits;
    }
    if (s.uses(Knob::Chunksize))
        r["chunksize"] = c.chunksize_auto ? MessageJson("auto") : MessageJson(c.chunksize);
    if (s.uses(Knob::Pool))
        r["pool"] = to_string(c.pool);
    if (s.uses(Knob::Memmap))
        r["memmap"] = c.memmap;
    // The Dask clusters: an existing one's scheduler instead of a LocalCluster.
    if (!c.dask_scheduler.empty() && s.uses(Knob::DaskScheduler))
        r["scheduler"] = c.dask_scheduler;
    // And one of a LocalCluster's workers killed in each run (dask_lose_worker_problem checked it).
    if (c.dask_lose_worker && s.uses(Knob::DaskScheduler))
        r["lose_worker"] = true;
    // One cold run as the tutorial timed it (chunkscope_tutorial.py's tutorial op).
    if (c.as_tutorial)
        r["op"] = "tutorial";
    return r;
}

// A sample's "lost_workers" (docs/python-protocol.md): the Dask workers its run lost, added to the
// cell's.
void add_worker_loss(WorkerLoss& loss, const MessageJson& lost)
{
    if (!lost.is_object())
        throw BadReply("lost_workers is not an object");
    for (const auto& w : lost.at("workers"))
        loss.workers.push_back({w.at("address").get<std::string>(), w.value("host", std::string()),
                                w.value("pid", std::int64_t{0}), w.value("name", std::string())});
    ++loss.runs;
    loss.caused = loss.caused || lost.value("caused", false);
    loss.tasks_rerun += lost.value("tasks_rerun", std::uint64_t{0});
    loss.results_recomputed += lost.value("results_recomputed", std::uint64_t{0});
    loss.chunks_rescattered += lost.value("chunks_rescattered", std::uint64_t{0});
}

} // namespace

RunSample PythonStrategy::run(const Job&)
{
    RunSample s;
    s.status = Status::Failed;
    s.error = "the Python strategies run whole cells (Runner::run), on the interpreter's own data";
    return s;
}

Strategy::CellRuns PythonStrategy::run_cell(const RunConfig& config, const std::function<void(double)>& progress,
                                            const std::atomic<bool>* cancel)
{
    if (!config.as_tutorial)
        return run_request(config, progress, cancel);
    // Timed as the tutorial: a fresh interpreter for the one run, gone after it (the one kept
    // for the next cells would be warm).
    server_.stop();
    CellRuns out = run_request(config, progress, cancel);
    server_.stop();
    return out;
}

Strategy::CellRuns PythonStrategy::run_request(const RunConfig& config, const std::function<void(double)>& progress,
                                               const std::atomic<bool>* cancel)
{
    CellRuns out;
    const auto fail = [&](Status status, std::string error) {
        out.status = status;
        out.error = std::move(error);
        out.samples.clear();
        return out;
    };
    const auto broken = [&](const char* what) {
        server_.kill();
        return fail(Status::Failed, std::string("the Python interpreter sent a reply the protocol does not have: ") + what);
    };
    if (!server_.running() && !server_.start(python_interpreter(), python_module_path()))
        return fail(Status::Failed, server_.error());
    const int id = next_id_++;
    if (!server_.send(request(config, id)))
        return fail(Status::Failed, server_.error());
    const bool processes = strategy_info(config.strategy).processes;
    for (int done = 0;;) {
        const auto reply = server_.next(cancel);
        if (!reply)
            return server_.error() == "cancelled" ? fail(Status::Cancelled, "cancelled") : fail(Status::Failed, server_.error());
        try {
            const std::string type = reply->at("type").get<std::string>();
            if (reply->value("id", MessageJson()).is_number() && reply->at("id").get<int>() != id)
                continue;   // a reply to a request given up on
            if (type == "done") {
                if (reply->at("status").get<std::string>() != "ok")
                    return fail(Status::Failed, reply->value("error", std::string("the Python run failed")));
                return out;
            }
            if (type != "sample")
                continue;
            const bool warmup = reply->at("warmup").get<bool>();
            ++done;
            if (progress)
                progress(static_cast<double>(done) /
                         std::max(done + 1, std::max(1, warmup_min_runs(config.warmup)) + config.repeats));
            out.max_ulp = std::max(out.max_ulp, reply->value("max_ulp", 0.0));
            if (!reply->at("verified").get<bool>()) {
                const MessageJson index = reply->value("mismatch_index", MessageJson());
                return fail(Status::Failed, "the Python output differs from numpy's own sequential result" +
                                                (index.is_number() ? " at item " + index.dump() : std::string()) +
                                                " (largest difference " + std::to_string(out.max_ulp) + " ulp)");
            }
            // Dask's workers (py-dask-cluster, py-dask-distributed): where each ran, in the order
            // of the events' worker numbers; the cell keeps its last run's.
            if (const auto workers = reply->find("workers"); workers != reply->end() && workers->is_array()) {
                out.ranks.clear();
                for (const auto& w : *workers) {
                    const int worker = w.at("worker").get<int>();
                    out.ranks.push_back({worker, worker, w.value("pid", std::int64_t{0}), w.value("host", std::string())});
                }
            }
            if (const auto lost = reply->find("lost_workers"); lost != reply->end())
                add_worker_loss(out.worker_loss, *lost);
            if (warmup)
                out.warmup_walls.push_back(reply->at("wall_s").get<double>());
            else
                out.samples.push_back(
                    sample_of(*reply, processes ? EventBytes::TwiceTheItems : EventBytes::None));
        } catch (const nlohmann::json::exception& e) {
            return broken(e.what());
        } catch (const BadReply& e) {
            return broken(e.what());
        }
    }
}

} // namespace chunkscope::detail

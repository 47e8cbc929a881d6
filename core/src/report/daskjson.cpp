// SPDX-License-Identifier: GPL-3.0-or-later
#include "daskjson.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace chunkscope::detail {

using Json = nlohmann::ordered_json;   // as reporters.cpp says it (one alias in a unity batch)

namespace {

Json lost_json(const WorkerLoss& loss)
{
    if (loss.empty())
        return nullptr;
    Json workers = Json::array();
    for (const LostWorker& w : loss.workers)
        workers.push_back(Json{{"address", w.address}, {"host", w.host}, {"pid", w.pid}, {"name", w.name}});
    return Json{{"caused", loss.caused},
                {"runs", loss.runs},
                {"tasks_rerun", loss.tasks_rerun},
                {"results_recomputed", loss.results_recomputed},
                {"chunks_rescattered", loss.chunks_rescattered},
                {"workers", std::move(workers)}};
}

// A whole number >= 0 at lost.key, else a message naming "dask.lost.key".
std::uint64_t lost_count(const Json& lost, const char* key)
{
    const Json& v = lost.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
        throw std::runtime_error(std::string("dask.lost.") + key + ": expected a whole number >= 0, found " + v.dump());
    return v.get<std::uint64_t>();
}

WorkerLoss read_lost(const Json& lost)
{
    if (!lost.is_object() || !lost.contains("workers") || !lost.at("workers").is_array())
        throw std::runtime_error("dask.lost: expected null or an object with a \"workers\" array, found " +
                                 lost.dump());
    WorkerLoss loss;
    if (!lost.value("caused", Json(false)).is_boolean())
        throw std::runtime_error("dask.lost.caused: expected true or false");
    loss.caused = lost.value("caused", false);
    loss.runs = static_cast<int>(lost_count(lost, "runs"));
    loss.tasks_rerun = lost_count(lost, "tasks_rerun");
    loss.results_recomputed = lost_count(lost, "results_recomputed");
    loss.chunks_rescattered = lost_count(lost, "chunks_rescattered");
    for (const Json& w : lost.at("workers")) {
        if (!w.is_object() || !w.contains("address") || !w.at("address").is_string())
            throw std::runtime_error("dask.lost.workers: expected objects with an \"address\", found " + w.dump());
        loss.workers.push_back({w.at("address").get<std::string>(), w.value("host", std::string()),
                                w.value("pid", std::int64_t{0}), w.value("name", std::string())});
    }
    if (loss.runs < 1)
        throw std::runtime_error("dask.lost.runs: expected 1 or more for a loss, found 0");
    return loss;
}

} // namespace

Json dask_cell_json(const CellResult& r)
{
    const RunConfig& c = r.config;
    Json workers = Json::array();
    for (const RankPlace& p : r.ranks)
        workers.push_back(Json{{"worker", p.worker}, {"pid", p.pid}, {"host", p.host}});
    return Json{{"scheduler", c.dask_scheduler.empty() ? Json(nullptr) : Json(c.dask_scheduler)},
                {"lose_worker", c.dask_lose_worker},
                {"workers", std::move(workers)},
                {"lost", lost_json(r.worker_loss)}};
}

void read_dask_cell(const Json& cell, CellResult& r)
{
    if (!cell.contains("dask") || !cell.at("dask").is_object())
        return;
    const Json& dask = cell.at("dask");
    if (dask.value("scheduler", Json()).is_string())
        r.config.dask_scheduler = dask.at("scheduler").get<std::string>();
    if (dask.contains("lose_worker")) {
        if (!dask.at("lose_worker").is_boolean())
            throw std::runtime_error("dask.lose_worker: expected true or false, found " + dask.at("lose_worker").dump());
        r.config.dask_lose_worker = dask.at("lose_worker").get<bool>();
    }
    if (dask.contains("workers"))
        for (const Json& w : dask.at("workers"))
            if (w.is_object() && w.contains("worker") && w.at("worker").is_number_integer())
                r.ranks.push_back({w.at("worker").get<int>(), w.at("worker").get<int>(), w.value("pid", std::int64_t{0}),
                                   w.value("host", std::string())});
    if (dask.contains("lost") && !dask.at("lost").is_null())
        r.worker_loss = read_lost(dask.at("lost"));
}

} // namespace chunkscope::detail

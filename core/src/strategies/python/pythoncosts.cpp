// SPDX-License-Identifier: GPL-3.0-or-later
// The Python mechanisms' costs: one costs request to the module, on the interpreter the
// Python strategies use.

#include "chunkscope/pythoncosts.h"

#include "chunkscope/python.h"
#include "pythonserver.h"

#include <optional>
#include <string>

namespace chunkscope {

namespace {

// One request to a fresh interpreter of the tutorial's module: its reply, or nothing with error set
// (the interpreter could not start, died, or the request was cancelled).
std::optional<nlohmann::json> ask_module(detail::PythonServer& server, const nlohmann::json& request,
                                         const CancelToken* cancel, std::string& error)
{
    if (!server.start_tutorial() || !server.send(request)) {
        error = server.error();
        return std::nullopt;
    }
    auto reply = server.next(cancel ? cancel->flag() : nullptr);
    if (!reply)
        error = server.error();
    return reply;
}

} // namespace

double PythonCosts::numpy_ns_per_item(Function f) const
{
    const auto i = static_cast<std::size_t>(f);
    return i < numpy_ns.size() ? numpy_ns[i] : 0.0;
}

PythonCosts measure_python_costs(int workers, const CancelToken* cancel)
{
    PythonCosts c;
    c.interpreter = python_interpreter();
    detail::PythonServer server;
    const auto reply =
        ask_module(server, {{"op", "costs"}, {"workers", std::max(1, workers)}, {"id", 1}}, cancel, c.error);
    if (!reply)
        return c;
    try {
        if (reply->at("type").get<std::string>() != "costs") {
            c.error = "the Python module could not measure its costs: " +
                      reply->value("error", std::string("it answered ") + reply->dump());
            return c;
        }
        const nlohmann::json& ns = reply->at("numpy_ns_per_item");
        for (Function f : all_functions())
            c.numpy_ns[static_cast<std::size_t>(f)] = ns.at(std::string(to_string(f))).get<double>();
        c.workers = reply->at("workers").get<int>();
        c.pickle_send_bandwidth = reply->at("pickle_send_bytes_per_s").get<double>();
        c.unpickle_receive_bandwidth = reply->at("unpickle_receive_bytes_per_s").get<double>();
        c.pool_start_s = reply->at("pool_start_s").get<double>();
        c.pool_start_per_worker_s = reply->at("pool_start_per_worker_s").get<double>();
        c.pool_close_s = reply->at("pool_close_s").get<double>();
        c.pool_task_s = reply->at("pool_task_s").get<double>();
        c.item_pickle_s = reply->at("item_pickle_s").get<double>();
        c.item_call_s = reply->at("item_call_s").get<double>();
        // null where the interpreter has no Dask
        const auto dask = [&](const char* key) {
            return reply->contains(key) && reply->at(key).is_number() ? reply->at(key).get<double>() : 0.0;
        };
        c.dask_store_s = dask("dask_store_s");
        c.dask_chunk_s = dask("dask_chunk_s");
        c.dask_hash_bandwidth = dask("dask_hash_bytes_per_s");
        c.measured_in_s = reply->at("measured_in_s").get<double>();
    } catch (const nlohmann::json::exception& e) {
        const std::string interpreter = c.interpreter;
        c = PythonCosts{};
        c.interpreter = interpreter;
        c.error = std::string("the Python module's costs reply is not the protocol's: ") + e.what();
    }
    server.stop();
    return c;
}

DaskClusterCosts measure_dask_costs(int workers, const std::string& scheduler, const CancelToken* cancel)
{
    DaskClusterCosts c;
    c.scheduler = scheduler;
    c.workers = workers;
    nlohmann::json request = {{"op", "dask-costs"}, {"workers", workers}, {"id", 1}};
    if (!scheduler.empty())
        request["scheduler"] = scheduler;
    detail::PythonServer server;
    const auto reply = ask_module(server, request, cancel, c.error);
    if (!reply)
        return c;
    try {
        if (reply->at("type").get<std::string>() != "dask-costs") {
            c.error = "the Python module could not measure the Dask cluster: " +
                      reply->value("error", std::string("it answered ") + reply->dump());
            server.stop();
            return c;
        }
        c.workers = reply->at("workers").get<int>();
        c.start_s = reply->at("start_s").get<double>();
        c.start_per_worker_s = reply->at("start_per_worker_s").get<double>();
        c.close_s = reply->at("close_s").get<double>();
        c.task_s = reply->at("task_s").get<double>();
        c.round_trip_s = reply->at("round_trip_s").get<double>();
        c.scatter_bandwidth = reply->at("scatter_bytes_per_s").get<double>();
        c.gather_bandwidth = reply->at("gather_bytes_per_s").get<double>();
        c.measured_in_s = reply->at("measured_in_s").get<double>();
    } catch (const nlohmann::json::exception& e) {
        c = DaskClusterCosts{};
        c.scheduler = scheduler;
        c.workers = workers;
        c.error = std::string("the Python module's dask-costs reply is not the protocol's: ") + e.what();
    }
    server.stop();
    return c;
}

} // namespace chunkscope

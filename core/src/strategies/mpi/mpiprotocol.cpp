// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpiprotocol.h"

#include "chunkscope/registry.h"

namespace chunkscope::detail {

using MessageJson = nlohmann::json;

MessageJson mpi_run_request(const RunConfig& c, int id, int warmup, int repeats, double budget_s)
{
    return MessageJson{{"op", "run"},
                       {"id", id},
                       {"strategy", to_string(c.strategy)},
                       {"function", to_string(c.workload.function)},
                       {"kernel", to_string(c.workload.kernel)},
                       {"intensity", c.workload.intensity},
                       {"size", c.workload.size},
                       {"seed", c.workload.seed},
                       {"splits", effective_splits(c)},
                       {"chunksize", effective_chunksize(c)},
                       {"warmup", warmup},
                       {"repeats", repeats},
                       {"cell_budget_s", budget_s}};
}

std::optional<MpiCell> parse_mpi_run_request(const MessageJson& j, std::string& error)
{
    try {
        MpiCell c;
        c.id = j.at("id").get<std::int32_t>();
        const auto strategy = parse_strategy(j.at("strategy").get<std::string>());
        const auto function = parse_function(j.at("function").get<std::string>());
        const auto kernel = parse_kernel(j.at("kernel").get<std::string>());
        if (!strategy || (*strategy != StrategyKind::Mpi && *strategy != StrategyKind::MpiDistributed) || !function ||
            !kernel) {
            error = "unknown strategy, function or kernel in " + j.dump();
            return std::nullopt;
        }
        c.distributed = *strategy == StrategyKind::MpiDistributed ? 1 : 0;
        c.function = static_cast<std::int32_t>(*function);
        c.kernel = static_cast<std::int32_t>(*kernel);
        c.intensity = j.at("intensity").get<std::int32_t>();
        c.size = j.at("size").get<std::uint64_t>();
        c.seed = j.at("seed").get<std::uint64_t>();
        c.splits = j.at("splits").get<std::uint64_t>();
        c.chunksize = j.at("chunksize").get<std::uint64_t>();
        c.warmup = j.at("warmup").get<std::int32_t>();
        c.repeats = j.at("repeats").get<std::int32_t>();
        c.budget_s = j.value("cell_budget_s", 0.0);
        if (!cell_budget_problem(c.budget_s).empty() || c.size == 0 || c.splits == 0 || c.splits > c.size || c.chunksize == 0 || c.intensity < 1 || (c.warmup < 0 && c.warmup != kWarmupSettle) ||
            c.repeats < 0) {
            error = "a cell the engine would not send: " + j.dump();
            return std::nullopt;
        }
        return c;
    } catch (const MessageJson::exception& e) {
        error = std::string("a request the protocol does not have: ") + e.what();
        return std::nullopt;
    }
}

Workload workload_of(const MpiCell& c)
{
    Workload w;
    w.function = static_cast<Function>(c.function);
    w.kernel = static_cast<Kernel>(c.kernel);
    w.intensity = c.intensity;
    w.size = c.size;
    w.seed = c.seed;
    return w;
}

} // namespace chunkscope::detail

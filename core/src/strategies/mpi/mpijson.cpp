// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpijson.h"

#include "chunkscope/mpi.h"

#include <stdexcept>

namespace chunkscope::detail {

using Json = nlohmann::ordered_json;

Json mpi_cell_json(const CellResult& r)
{
    const RunConfig& c = r.config;
    Json places = Json::array();
    for (const RankPlace& p : r.ranks)
        places.push_back(Json{{"rank", p.rank}, {"worker", p.worker}, {"pid", p.pid}, {"host", p.host}});
    const auto text_or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
    return Json{{"ranks", mpi_ranks(c)},
                {"transport", to_string(c.mpi.transport)},
                {"hostfile", text_or_null(c.mpi.hostfile)},
                {"mpirun", text_or_null(c.mpi.mpirun)},
                {"args", text_or_null(c.mpi.args)},
                {"as_root", mpi_as_root()},
                {"places", std::move(places)}};
}

void read_mpi_cell(const Json& cell, CellResult& r)
{
    if (!cell.contains("mpi"))
        return;
    const Json& m = cell.at("mpi");
    const auto fail = [](const std::string& what) { throw std::runtime_error("mpi." + what); };
    if (!m.is_object())
        fail(": expected an object");
    const auto text = [&](const char* key) -> std::string {
        if (!m.contains(key) || m.at(key).is_null())
            return {};
        if (!m.at(key).is_string())
            fail(std::string(key) + ": expected a string or null");
        return m.at(key).get<std::string>();
    };
    const auto transport = parse_transport(text("transport"));
    if (!transport)
        fail("transport: expected shm or tcp");
    r.config.mpi.transport = *transport;
    r.config.mpi.hostfile = text("hostfile");
    r.config.mpi.mpirun = text("mpirun");
    r.config.mpi.args = text("args");
    if (m.contains("places") && m.at("places").is_array()) {
        for (const Json& p : m.at("places")) {
            if (!p.is_object() || !p.contains("rank") || !p.at("rank").is_number_integer())
                fail("places: expected objects with a whole-number rank");
            r.ranks.push_back({p.at("rank").get<int>(), p.value("worker", -1), p.value("pid", std::int64_t{0}),
                               p.value("host", std::string())});
        }
    }
}

} // namespace chunkscope::detail

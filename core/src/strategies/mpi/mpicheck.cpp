// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpicheck.h"

#include "chunkscope/checksum.h"
#include "chunkscope/verify.h"

#include <cmath>
#include <sstream>

namespace chunkscope::detail {

MpiRunCheck check_mpi_slice(const Workload& w, const double* out, std::size_t begin, std::size_t end, int rank)
{
    MpiRunCheck c;
    c.checksum = output_checksum(out, end - begin, begin);
    if (const Verification v = verify_output(w, out, begin, end); v.status != Status::Ok) {
        c.rank = rank;
        c.item = v.item;
        c.got = v.got;
        c.expected = v.expected;
    }
    return c;
}

MpiRunCheck combine_mpi_checks(const std::vector<MpiRunCheck>& ranks)
{
    MpiRunCheck whole;
    for (const MpiRunCheck& r : ranks) {
        whole.checksum += r.checksum;
        if (r.rank >= 0 && whole.rank < 0) {
            whole.rank = r.rank;
            whole.item = r.item;
            whole.got = r.got;
            whole.expected = r.expected;
        }
    }
    return whole;
}

void put_mpi_check(nlohmann::json& sample, const MpiRunCheck& c)
{
    sample["verified"] = c.rank < 0;
    sample["checksum"] = c.checksum;
    if (c.rank >= 0)
        sample["mismatch"] = {{"rank", c.rank}, {"item", c.item}, {"got", c.got}, {"expected", c.expected}};
}

std::string mpi_mismatch_message(const nlohmann::json& sample)
{
    const nlohmann::json m = sample.value("mismatch", nlohmann::json::object());
    if (!m.contains("item"))
        return "rank 0 found the output differs from the sequential result";
    // JSON has no NaN (the marker of an item no rank wrote): it travels as null.
    const auto number = [&](const char* key) {
        return m.contains(key) && m.at(key).is_number() ? m.at(key).get<double>() : std::nan("");
    };
    const double got = number("got"), expected = number("expected");
    std::ostringstream os;
    os.precision(17);
    os << "item " << m.at("item").get<std::uint64_t>() << ", computed by rank " << m.value("rank", -1)
       << ", differs from the sequential result (got " << got << ", expected " << expected;
    if (const double ulp = ulp_distance(got, expected); std::isfinite(ulp))
        os << ": " << ulp << " ulp apart";
    os << ")";
    return os.str();
}

} // namespace chunkscope::detail

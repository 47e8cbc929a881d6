// SPDX-License-Identifier: GPL-3.0-or-later
// machine --mpi: Open MPI's latency and bandwidth between two ranks, by a ping-pong.

#include "chunkscope/mpi.h"

#include "mpilauncher.h"

namespace chunkscope {

namespace {

// 8 B to 64 MiB: every third power of two, and 64 MiB.
std::vector<std::uint64_t> ping_sizes()
{
    std::vector<std::uint64_t> sizes;
    for (unsigned shift = 3; shift <= 24; shift += 3)
        sizes.push_back(std::uint64_t{1} << shift);
    sizes.push_back(std::uint64_t{64} << 20);
    return sizes;
}

// beta from the messages of a MiB or more: the slope of time over bytes (least squares).
double fit_bandwidth(const std::vector<MpiLinkPoint>& points)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const MpiLinkPoint& p : points) {
        if (p.bytes < (std::size_t{1} << 20))
            continue;
        const double x = static_cast<double>(p.bytes), y = p.one_way_s;
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double slope = n >= 2 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0;
    if (slope > 0)
        return 1 / slope;
    const MpiLinkPoint& last = points.back();
    return last.one_way_s > 0 ? static_cast<double>(last.bytes) / last.one_way_s : 0;
}

} // namespace

MpiLink measure_mpi_link(const MpiOptions& o, const CancelToken* cancel)
{
    MpiLink link;
    link.options = o;
    if (const Availability a = mpi_availability(o); !a.available) {
        link.error = a.reason + " (install with: " + a.install + ")";
        return link;
    }
    if (const auto problem = check_mpi_options(o)) {
        link.error = *problem;
        return link;
    }
    const std::atomic<bool>* flag = cancel ? cancel->flag() : nullptr;
    detail::MpiLauncher launcher;
    const std::string dir = o.transport == MpiTransport::Shm ? detail::next_mpi_shm_dir() : std::string();
    if (!launcher.start(mpirun_command(o, 2, dir), dir, flag)) {
        link.error = launcher.error();
        return link;
    }
    for (const RankPlace& p : launcher.places())
        link.hosts.push_back(p.host);
    if (!launcher.send({{"op", "pingpong"}, {"sizes", ping_sizes()}})) {
        link.error = launcher.error();
        return link;
    }
    for (;;) {
        const auto reply = launcher.next(flag);
        if (!reply) {
            link.error = launcher.error();
            return link;
        }
        if (reply->value("type", "") != "pingpong")
            continue;
        try {
            for (const auto& p : reply->at("points"))
                link.points.push_back({p.at(0).get<std::size_t>(), p.at(1).get<double>()});
        } catch (const nlohmann::json::exception& e) {
            link.error = std::string("rank 0 sent a reply the protocol does not have: ") + e.what();
            return link;
        }
        break;
    }
    launcher.stop();
    if (link.points.empty()) {
        link.error = "rank 0 measured nothing";
        return link;
    }
    link.latency_s = link.points.front().one_way_s;
    link.bandwidth_bytes_per_s = fit_bandwidth(link.points);
    return link;
}

} // namespace chunkscope

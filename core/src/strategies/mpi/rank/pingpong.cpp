// SPDX-License-Identifier: GPL-3.0-or-later
// Ranks 0 and 1 send a message back and forth, for each size: half the best round trip is the
// one-way time that Hockney's model, alpha + n / beta, describes.

#include "cellwork.h"

#include "clock.h"

#include <algorithm>
#include <limits>

namespace chunkscope::mpi {

void ping_pong(const std::vector<std::uint64_t>& sizes, const Ranks& ranks)
{
    const std::uint64_t largest = sizes.empty() ? 1 : *std::max_element(sizes.begin(), sizes.end());
    std::vector<char> buffer(ranks.rank < 2 ? largest : 0, 1);
    nlohmann::json points = nlohmann::json::array();
    const int peer = 1 - ranks.rank;
    for (const std::uint64_t bytes : sizes) {
        // 64 MiB or 1000 round trips per batch, at least 3: the best of three batches counts.
        const int rounds = static_cast<int>(
            std::clamp<std::uint64_t>((std::uint64_t{64} << 20) / std::max<std::uint64_t>(bytes, 1), 3, 1000));
        double best = std::numeric_limits<double>::infinity();
        for (int batch = 0; batch < 3; ++batch) {
            MPI_Barrier(MPI_COMM_WORLD);
            const double t0 = detail::now_s();
            if (ranks.rank < 2 && ranks.size >= 2) {
                for (int i = 0; i < rounds; ++i) {
                    if (ranks.root()) {
                        MPI_Send(buffer.data(), static_cast<int>(bytes), MPI_BYTE, peer, kTagPing, MPI_COMM_WORLD);
                        MPI_Recv(buffer.data(), static_cast<int>(bytes), MPI_BYTE, peer, kTagPing, MPI_COMM_WORLD,
                                 MPI_STATUS_IGNORE);
                    } else {
                        MPI_Recv(buffer.data(), static_cast<int>(bytes), MPI_BYTE, peer, kTagPing, MPI_COMM_WORLD,
                                 MPI_STATUS_IGNORE);
                        MPI_Send(buffer.data(), static_cast<int>(bytes), MPI_BYTE, peer, kTagPing, MPI_COMM_WORLD);
                    }
                }
            }
            best = std::min(best, (detail::now_s() - t0) / rounds / 2);
        }
        points.push_back({bytes, best});
    }
    if (ranks.root())
        say({{"type", "pingpong"}, {"points", std::move(points)}});
}

} // namespace chunkscope::mpi

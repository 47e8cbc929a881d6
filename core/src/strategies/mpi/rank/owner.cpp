// SPDX-License-Identifier: GPL-3.0-or-later
// mpi-distributed: owner computes. Every rank makes its own slice of the same vector (the data
// generator over the slice's items, so the data is what one machine makes) and applies the
// function to it in place; only timings and checksums travel. With M machines the vector may
// be M times what one holds.

#include "cellwork.h"

#include "chunkscope/kernels.h"
#include "chunkscope/generator.h"
#include "chunkscope/strategy.h"
#include "clock.h"

#include <algorithm>

namespace chunkscope::mpi {

namespace {

using detail::now_s;

class Owner final : public CellWork {
public:
    Owner(const detail::MpiCell& cell, const Ranks& ranks)
        : ranks_(ranks), w_(detail::workload_of(cell)),
          first_(part_begin(cell.size, static_cast<std::size_t>(ranks.size), static_cast<std::size_t>(ranks.rank))),
          slice_(part_begin(cell.size, static_cast<std::size_t>(ranks.size), static_cast<std::size_t>(ranks.rank) + 1) -
                 first_)
    {
    }

    void prepare() override { fill_data(slice_.data(), first_, first_ + slice_.size(), w_); }

    RunTimes run() override
    {
        const double t0 = now_s();
        double mine[2];
        mine[0] = now_s() - t0;
        apply_kernel(w_.function, w_.kernel, w_.intensity, slice_.data(), slice_.data(), slice_.size());
        mine[1] = now_s() - t0;
        std::vector<double> all(ranks_.root() ? 2 * static_cast<std::size_t>(ranks_.size) : 0);
        const double t_computed = now_s();
        MPI_Gather(mine, 2, MPI_DOUBLE, all.data(), 2, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        RunTimes t;
        if (!ranks_.root())
            return t;
        t.wall_s = now_s() - t0;
        // Each rank's times are from the barrier that started the run, on its own clock.
        for (int r = 0; r < ranks_.size; ++r) {
            const std::size_t n = part_begin(w_.size, static_cast<std::size_t>(ranks_.size), static_cast<std::size_t>(r) + 1) -
                                  part_begin(w_.size, static_cast<std::size_t>(ranks_.size), static_cast<std::size_t>(r));
            const double start = all[2 * static_cast<std::size_t>(r)], end = all[2 * static_cast<std::size_t>(r) + 1];
            t.compute_s = std::max(t.compute_s, end);
            if (n > 0)
                t.events.push_back({r, static_cast<std::uint32_t>(r), start, end, 0, n});
        }
        t.compute_s = std::clamp(std::max(t.compute_s, t_computed - t0), 0.0, t.wall_s);
        t.gather_s = t.wall_s - t.compute_s;
        return t;
    }

    detail::MpiRunCheck check() override
    {
        const detail::MpiRunCheck mine =
            detail::check_mpi_slice(w_, slice_.data(), first_, first_ + slice_.size(), ranks_.rank);
        std::vector<detail::MpiRunCheck> all(ranks_.root() ? static_cast<std::size_t>(ranks_.size) : 0);
        MPI_Gather(&mine, sizeof mine, MPI_BYTE, all.data(), sizeof mine, MPI_BYTE, 0, MPI_COMM_WORLD);
        return detail::combine_mpi_checks(all);
    }

private:
    const Ranks ranks_;
    const Workload w_;
    const std::size_t first_;
    std::vector<double> slice_;
};

} // namespace

std::unique_ptr<CellWork> make_owner(const detail::MpiCell& cell, const Ranks& ranks)
{
    return std::make_unique<Owner>(cell, ranks);
}

} // namespace chunkscope::mpi

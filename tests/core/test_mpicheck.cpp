// SPDX-License-Identifier: GPL-3.0-or-later
// The mpi strategies' check of a run without MPI: check_mpi_slice on each rank's slice,
// combine_mpi_checks as rank 0 does, the sample's fields and the engine's message.

#include "mpicheck.h"

#include "chunkscope/checksum.h"
#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/strategy.h"
#include "support/text.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace chunkscope;

// The ranks' check as chunkscope-mpi runs it (check_mpi_slice on each rank, combined on rank 0,
// sent in the sample) and the engine's message: a corrupted slice names its rank and item.
TEST(MpiCheck, ACorruptedSliceIsReportedWithItsRankAndItemIndex)
{
    Workload w;
    w.size = 30'001;
    w.function = Function::Sin;
    const std::size_t ranks = 3;
    std::vector<std::vector<double>> slices(ranks);
    for (std::size_t r = 0; r < ranks; ++r) {
        const std::size_t begin = part_begin(w.size, ranks, r), end = part_begin(w.size, ranks, r + 1);
        slices[r].resize(end - begin);
        fill_data(slices[r].data(), begin, end, w);
        apply_kernel(w.function, w.kernel, w.intensity, slices[r].data(), slices[r].data(), end - begin);
    }
    const auto check_all = [&] {
        std::vector<detail::MpiRunCheck> all;
        for (std::size_t r = 0; r < ranks; ++r)
            all.push_back(detail::check_mpi_slice(w, slices[r].data(), part_begin(w.size, ranks, r),
                                                  part_begin(w.size, ranks, r + 1), static_cast<int>(r)));
        return detail::combine_mpi_checks(all);
    };
    const detail::MpiRunCheck ok = check_all();
    EXPECT_EQ(ok.rank, -1);
    EXPECT_EQ(ok.checksum, reference_checksum(w, 0, w.size)) << "the checksum the engine compares with its own";

    // One bit of rank 1's slice and, later in the vector, an item of rank 2's that no rank wrote.
    const std::size_t item = part_begin(w.size, ranks, 1) + 1234;
    double& bad = slices[1][1234];
    const double right = bad;
    bad = std::nextafter(bad, 10.0);
    slices[2][5] = std::nan("");
    const detail::MpiRunCheck c = check_all();
    EXPECT_EQ(c.rank, 1);
    EXPECT_EQ(c.item, item) << "the first differing item, numbered in the whole vector";
    EXPECT_EQ(c.got, bad);
    EXPECT_EQ(c.expected, right);
    EXPECT_NE(c.checksum, ok.checksum);
    nlohmann::json sample{{"type", "sample"}};
    detail::put_mpi_check(sample, c);
    sample = nlohmann::json::parse(sample.dump());   // as it travels
    EXPECT_FALSE(sample.at("verified").get<bool>());
    const std::string said = detail::mpi_mismatch_message(sample);
    EXPECT_TRUE(chunkscope::support::has(said, "item " + std::to_string(item) + ", computed by rank 1, differs"));
    EXPECT_TRUE(chunkscope::support::has(said, "1 ulp apart"));

    bad = right;   // now only the unwritten item: NaN travels as null
    detail::put_mpi_check(sample, check_all());
    const std::string unwritten = detail::mpi_mismatch_message(nlohmann::json::parse(sample.dump()));
    EXPECT_TRUE(chunkscope::support::has(unwritten, "computed by rank 2"));
    EXPECT_TRUE(chunkscope::support::has(unwritten, "(got nan, expected"));
}

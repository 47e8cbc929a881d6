// SPDX-License-Identifier: GPL-3.0-or-later
// What a run needs, what fits, and what the refusal says: per strategy, private and shared
// memory, worker copies, and the per-rank limit of a distributed strategy.

#include "chunkscope/memory.h"
#include "chunkscope/registry.h"
#include "chunkscope/verify.h"

#include "support/configs.h"
#include "support/text.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace chunkscope;
using chunkscope::support::has;

namespace {

constexpr std::size_t kGiB = std::size_t{1} << 30;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

RunConfig memory_config(StrategyKind kind, std::size_t size, std::size_t splits = 64, std::size_t chunk = 1,
                        int workers = 2)
{
    return chunkscope::support::small_config(kind, size, splits, chunk, workers);
}

// A machine with `available` bytes and as much in /dev/shm.
MemoryBudget machine(std::size_t available, std::size_t shared = 0)
{
    return {available, shared == 0 ? available : shared, 1, {}};
}

// The rule before verification recomputed block by block: input, output and a reference.
std::size_t old_limit(std::size_t available) { return available / (3 * sizeof(double)); }

} // namespace

TEST(Memory, AThreadsRunHoldsInputAndOutputOnly)
{
    const RunConfig c = memory_config(StrategyKind::Threads, 1'000'000'000);
    const MemoryNeed need = memory_need(c);
    EXPECT_EQ(need.ranks, 1);
    EXPECT_EQ(need.rank_shared_bytes, 0u);
    EXPECT_EQ(need.rank_bytes, 16'000'000'000u + verification_scratch_bytes() + // 8e9 is whole pages
                                   OutputReference::bytes(1'000'000'000, 1));
    EXPECT_LT(OutputReference::bytes(1'000'000'000, 1), std::size_t{1} << 20) << "no reference copy";
    EXPECT_EQ(bytes_needed(c), need.rank_bytes);
    // Exactly at the edge: one more item takes a page more of input and of output.
    const MemoryBudget m = machine(need.rank_bytes);
    EXPECT_EQ(max_items(c, m), 1'000'000'000u);
    EXPECT_FALSE(memory_problem(c, m));
    RunConfig more = c;
    more.workload.size += 1;
    EXPECT_TRUE(memory_problem(more, m));
}

TEST(Memory, OneMachineTakesHalfAsManyItemsAgainAsBefore)
{
    const MemoryBudget m = machine(24 * kGiB); // this project's kind of machine
    for (StrategyKind kind :
         {StrategyKind::Sequential, StrategyKind::Threads, StrategyKind::Tbb, StrategyKind::ForkShm}) {
        SCOPED_TRACE(to_string(kind));
        const double ratio =
            static_cast<double>(max_items(kind, 2, m)) / static_cast<double>(old_limit(m.available_bytes));
        EXPECT_GT(ratio, 1.49);
        EXPECT_LE(ratio, 1.5);
        EXPECT_GT(max_items(kind, 2, m), 1'600'000'000u); // 1.1G was refused before
    }
}

TEST(Memory, WorkerCopiesCountPerBusyWorkerAndEveryWarmWorker)
{
    const std::size_t n = 100 * kHugePage / sizeof(double); // 100 huge pages of items
    RunConfig c = memory_config(StrategyKind::ForkSplit, n, 4, 1, 8);
    const std::size_t base = memory_need(memory_config(StrategyKind::Threads, n)).rank_bytes;
    // Fresh pool: 4 tasks of 25 pages, so 4 of the 8 workers hold one each.
    EXPECT_EQ(memory_need(c).rank_bytes, base + 4 * 25 * kHugePage);
    // A warm pool's workers keep their copies between runs: all 8 may hold one.
    c.pool = PoolLifetime::Warm;
    EXPECT_EQ(memory_need(c).rank_bytes, base + 8 * 25 * kHugePage);
    // Tasks of a few items still take whole huge pages.
    c = memory_config(StrategyKind::ForkItems, n, 1, 3, 2);
    EXPECT_EQ(memory_need(c).rank_bytes, base + 2 * kHugePage);
    // Whatever the grid: the worst is one task of the whole vector in every warm worker.
    const MemoryBudget m = machine(24 * kGiB);
    const std::size_t worst = max_items(StrategyKind::ForkSplit, 2, m);
    EXPECT_NEAR(static_cast<double>(worst), static_cast<double>(m.available_bytes) / (4 * sizeof(double)), 1e6);
    EXPECT_LT(worst, max_items(memory_config(StrategyKind::ForkSplit, 1000, 64, 1, 2), m));
}

TEST(Memory, SharedMemoryStrategiesNeedRoomInDevShm)
{
    const RunConfig c = memory_config(StrategyKind::ForkShm, 200'000'000);
    const MemoryNeed need = memory_need(c);
    EXPECT_EQ(need.rank_shared_bytes, 3'200'000'000u);
    const MemoryBudget m = machine(24 * kGiB, 2 * kGiB);
    const auto problem = memory_problem(c, m);
    ASSERT_TRUE(problem);
    EXPECT_TRUE(has(*problem, "size 200M needs 3.2 GB of shared memory (input and output, in /dev/shm) but only "
                              "2.15 GB is free there now; at most 134M items fit"))
        << *problem;
    EXPECT_EQ(max_items(c, m), 2 * kGiB / 16);
    // Private strategies do not care about /dev/shm.
    EXPECT_FALSE(memory_problem(memory_config(StrategyKind::Threads, 200'000'000), m));
}

TEST(Memory, TheRefusalSaysWhatWasNeededWhatIsAvailableAndWhatFits)
{
    const MemoryBudget m = machine(24'000'000'000);
    const auto threads = memory_problem(memory_config(StrategyKind::Threads, 2'000'000'000), m);
    ASSERT_TRUE(threads);
    EXPECT_TRUE(has(*threads, "size 2G needs 32 GB of memory (input and output) but only 24 GB is available now; "
                              "at most 1490M items fit"))
        << *threads;
    const auto split = memory_problem(memory_config(StrategyKind::ForkSplit, 2'000'000'000, 1, 1, 2), m);
    ASSERT_TRUE(split);
    EXPECT_TRUE(has(*split, "(input and output, and each busy worker's copy of its task)")) << *split;
    const auto python = memory_problem(memory_config(StrategyKind::PySequential, 2'000'000'000), m);
    ASSERT_TRUE(python);
    EXPECT_TRUE(has(*python, "needs 48 GB of memory (the Python process's data, numpy's reference and the output)"))
        << *python;
    const auto none = memory_problem(memory_config(StrategyKind::Threads, std::size_t{1} << 50), machine(1000));
    ASSERT_TRUE(none);
    EXPECT_TRUE(has(*none, "; not even one item fits")) << *none;
}

TEST(Memory, ADistributedStrategysLimitIsPerRank)
{
    // What the future mpi-distributed entry will say: every rank holds its own slice.
    StrategyInfo distributed;
    distributed.kind = StrategyKind::Threads;
    distributed.distributed = true;
    RunConfig c = memory_config(StrategyKind::Threads, 4'000'000'000, 64, 1, 8);
    const MemoryNeed need = memory_need(distributed, c);
    EXPECT_EQ(need.ranks, 8);
    // 500M items of input and output, each in whole pages.
    EXPECT_EQ(need.rank_bytes, 2 * std::size_t{4'000'002'048} + verification_scratch_bytes() +
                                   OutputReference::bytes(500'000'000, 1));
    EXPECT_GE(need.total_bytes(), 64'000'000'000u);

    MemoryBudget two_hosts{24'000'000'000, 24'000'000'000, 2, {}}; // 8 ranks, 4 on each host
    EXPECT_TRUE(memory_problem(distributed, c, two_hosts)); // 4 x 8 GB on a 24 GB host
    c.workload.size = 2'000'000'000;
    EXPECT_FALSE(memory_problem(distributed, c, two_hosts));
    // More hosts, more items: the vector can be what all of them hold.
    const std::size_t one = max_items(distributed, 8, {24'000'000'000, 0, 1, {}});
    const std::size_t four = max_items(distributed, 8, {24'000'000'000, 0, 4, {}});
    EXPECT_NEAR(static_cast<double>(four) / static_cast<double>(one), 4.0, 0.01);
    EXPECT_NEAR(static_cast<double>(one), 24e9 / 16, 1e7);

    c.workload.size = 8'000'000'000;
    const auto problem = memory_problem(distributed, c, two_hosts);
    ASSERT_TRUE(problem);
    EXPECT_TRUE(has(*problem, "size 8G: each of the 8 ranks holds 16 GB (input and output), but the "
                              "busiest of the 2 hosts runs 4 ranks and, taken to be like this one, has 24 GB "
                              "available now, 6 GB per rank; at most "))
        << *problem;
    EXPECT_TRUE(has(*problem, "; more hosts (a hostfile) hold more")) << *problem;
}

TEST(Memory, RanksFillAHostsSlotsFirst)
{
    // Open MPI maps by slot: the first host's slots, then the next's; beyond every slot, evenly.
    const MemoryBudget m{24'000'000'000, 0, 2, {4, 2}};
    EXPECT_EQ(busiest_host_ranks(2, m), 2);
    EXPECT_EQ(busiest_host_ranks(4, m), 4);
    EXPECT_EQ(busiest_host_ranks(6, m), 4);
    EXPECT_EQ(busiest_host_ranks(8, m), 5);   // 2 beyond the 6 slots: one more on each
    EXPECT_EQ(busiest_host_ranks(3, MemoryBudget{0, 0, 2, {}}), 2);   // no slots: dealt evenly
}

TEST(Memory, AHostfilesHostsHoldTheirRanksSlices)
{
    const std::string path = ::testing::TempDir() + "/chunkscope-memory-hosts";
    {
        std::ofstream out(path);
        out << "# two hosts, one rank each\nnode-a slots=1\nnode-b slots=1\n";
    }
    RunConfig c = memory_config(StrategyKind::MpiDistributed, 3'000'000'000, 64, 1, 2);
    const MemoryBudget here{40'000'000'000, 0, 1, {}};
    // 6G items on this host alone: two ranks of 24 GB each (3G items, computed in place) in 40 GB.
    c.workload.size = 6'000'000'000;
    const auto alone = memory_problem(c, here);
    ASSERT_TRUE(alone);
    EXPECT_TRUE(has(*alone, "size 6G: each of the 2 ranks holds 24 GB (each rank's slice, computed in place)"))
        << *alone;
    EXPECT_TRUE(has(*alone, "2 ranks run on this host, which has 40 GB available now, 20 GB per rank")) << *alone;
    // The hostfile puts one rank on each host: 24 GB of a host's 40.
    c.mpi.hostfile = path;
    EXPECT_EQ(budget_for(c, here).host_slots, (std::vector<int>{1, 1}));
    EXPECT_FALSE(memory_problem(c, here));
    EXPECT_NEAR(static_cast<double>(max_items(c, here)), 2 * 40e9 / 8, 2e7);
    // What the hostfile says does not apply to a strategy that is not distributed.
    c.strategy = StrategyKind::Mpi;
    EXPECT_TRUE(budget_for(c, here).host_slots.empty());
    std::remove(path.c_str());
}

TEST(Memory, AnUnknownBudgetDoesNotLimit)
{
    const RunConfig c = memory_config(StrategyKind::Threads, 1'000'000'000'000);
    EXPECT_FALSE(memory_problem(c, MemoryBudget{}));
    EXPECT_EQ(max_items(c, MemoryBudget{}), kMaxAddressableItems);
    EXPECT_GT(memory_budget().available_bytes, 0u); // Linux has MemAvailable
}

TEST(Memory, ValidateUsesTheBudgetItIsGiven)
{
    const RunConfig c = memory_config(StrategyKind::Threads, 1'000'000);
    EXPECT_FALSE(validate(c, machine(1'000'000'000)));
    const auto err = validate(c, machine(1'000'000));
    ASSERT_TRUE(err);
    EXPECT_TRUE(has(*err, "is available now")) << *err;
}

TEST(Memory, AMarginStaysFreeForTheRestOfTheMachine)
{
    EXPECT_EQ(memory_headroom(24'000'000'000), 2'400'000'000u);   // 10 % of a 24 GB machine
    EXPECT_EQ(memory_headroom(4'000'000'000), kGiB);               // at least 1 GiB
    EXPECT_GE(memory_budget().headroom_bytes, kGiB);
    // The case: mpi-distributed --size 3G on 2 ranks, 24 GB available of 24: each rank
    // holds 12 GB, 98 % of it all. Without a margin it was accepted, and the OOM killer ended a rank.
    RunConfig c = memory_config(StrategyKind::MpiDistributed, 3'000'000'000, 64, 1, 2);
    MemoryBudget m = machine(24'500'000'000);
    EXPECT_FALSE(memory_problem(c, m));
    m.headroom_bytes = memory_headroom(24'500'000'000);
    const auto problem = memory_problem(c, m);
    ASSERT_TRUE(problem);
    EXPECT_TRUE(has(*problem, "24.5 GB available now of which 2.45 GB stays free for the rest of the machine (the "
                              "larger of 10 % of its memory and 1 GiB), 11 GB per rank; at most 2750M items fit"))
        << *problem;
    // What it says fits, fits.
    c.workload.size = 2'750'000'000;
    EXPECT_FALSE(memory_problem(c, m));
    const auto threads = memory_problem(memory_config(StrategyKind::Threads, 2'000'000'000), m);
    ASSERT_TRUE(threads);
    EXPECT_TRUE(has(*threads, "size 2G needs 32 GB of memory (input and output) but only 22.1 GB may be used: 24.5 "
                              "GB available now of which 2.45 GB stays free"))
        << *threads;
}

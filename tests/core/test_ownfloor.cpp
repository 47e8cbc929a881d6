// Each strategy's own floor (ownfloor.h), from measured or synthetic mechanism costs.

#include "chunkscope/mechanisms.h"
#include "chunkscope/ownfloor.h"
#include "support/configs.h"

#include <gtest/gtest.h>

namespace chunkscope {
namespace {

// Round numbers: 10 GB/s of memory, 2 ns per exp, 1 GB/s pipes, 1 ms a fork, 1 µs a page.
SpeedLimits synthetic()
{
    SpeedLimits l;
    l.copy_bandwidth = 10e9;
    l.scale_bandwidth = 10e9;
    l.throughput.push_back({Function::Exp, Kernel::Simd, 2.0});
    MechanismCosts& m = l.mechanisms;
    m.fork_exit_s = 1e-3;
    m.pipe_bandwidth = 1e9;
    m.pipe_bytes = 1 << 20;
    m.page_bytes = 4096;
    m.touch_private_s = 1e-6;
    m.touch_shared_s = 2e-6;
    m.populate_shared_s = 0.5e-6;
    m.thread_start_s = 20e-6;
    return l;
}

RunConfig ten_million(StrategyKind kind, PoolLifetime pool = PoolLifetime::Fresh)
{
    RunConfig c = testing::small_config(kind, 10'000'000, 2, 1, 2);
    c.pool = pool;
    return c;
}

TEST(OwnFloor, ForkSplitIsForksPlusThePipesOrTheArithmeticWhicheverIsLonger)
{
    const SpeedLimits l = synthetic();
    const OwnFloor f = own_floor(ten_million(StrategyKind::ForkSplit), l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_DOUBLE_EQ(f.phases.scatter_s, 0.08);   // 80 MB at 1 GB/s
    EXPECT_DOUBLE_EQ(f.phases.gather_s, 0.08);
    EXPECT_DOUBLE_EQ(f.phases.compute_s, 0.016);  // 160 MB at 10 GB/s beats 10M x 2 ns / 2 cores
    // Two forks, and each worker's 5M-item scratch (9766 pages of 4 KiB) spread over 2 cores.
    EXPECT_NEAR(f.phases.startup_s, 2e-3 + 2 * 9766 * 1e-6 / 2, 1e-9);
    EXPECT_NEAR(f.total_s, f.phases.startup_s + 0.16, 1e-12) << "pipes dominate; the arithmetic overlaps them";
    const OwnFloor warm = own_floor(ten_million(StrategyKind::ForkSplit, PoolLifetime::Warm), l, 2);
    EXPECT_EQ(warm.phases.startup_s, 0.0);
    EXPECT_DOUBLE_EQ(warm.total_s, 0.16);
}

TEST(OwnFloor, ForkShmPaysForItsSharedPagesNotForPipes)
{
    const SpeedLimits l = synthetic();
    const OwnFloor f = own_floor(ten_million(StrategyKind::ForkShm), l, 2);
    EXPECT_EQ(f.phases.scatter_s, 0.0);
    EXPECT_EQ(f.phases.gather_s, 0.0);
    const double pages = 39063;   // 160 MB of 4 KiB pages, rounded up
    EXPECT_NEAR(f.phases.compute_s, 0.016 + pages * 0.5e-6 / 2, 1e-9) << "in bulk, 0.5 µs a page, over 2 workers";
    SpeedLimits old_kernel = l;
    old_kernel.mechanisms.populate_shared_s = 0;
    EXPECT_NEAR(own_floor(ten_million(StrategyKind::ForkShm), old_kernel, 2).phases.compute_s,
                0.016 + pages * 2e-6 / 2, 1e-9)
        << "without MADV_POPULATE_WRITE every page faults";
    EXPECT_DOUBLE_EQ(own_floor(ten_million(StrategyKind::ForkShm, PoolLifetime::Warm), l, 2).total_s, 0.016);
}

TEST(OwnFloor, ThreadsAreTheMachineFloorPlusStartingThem)
{
    const SpeedLimits l = synthetic();
    const RunConfig c = ten_million(StrategyKind::Threads);
    EXPECT_DOUBLE_EQ(own_floor(c, l, 2).total_s, floor_seconds(c, l, 2) + 2 * 20e-6);
    EXPECT_DOUBLE_EQ(own_floor(ten_million(StrategyKind::Sequential), l, 2).total_s,
                     floor_seconds(ten_million(StrategyKind::Sequential), l, 2));
}

TEST(OwnFloor, StrategiesWithoutAModelSaySo)
{
    const SpeedLimits l = synthetic();
    EXPECT_FALSE(own_floor(ten_million(StrategyKind::PySplit), l, 2).modelled());
    EXPECT_NE(own_floor_model(StrategyKind::PySplit).find("not modelled"), std::string_view::npos);
    EXPECT_FALSE(own_floor(ten_million(StrategyKind::ForkSplit), SpeedLimits{}, 2).modelled())
        << "no figures, no floor";
}

TEST(Mechanisms, EveryCostIsMeasuredHereAndPositive)
{
    const MechanismCosts m = measure_mechanisms();
    EXPECT_TRUE(m.measured());
    EXPECT_GT(m.fork_exit_s, 0.0);
    EXPECT_GT(m.pipe_bandwidth, 0.0);
    EXPECT_EQ(m.pipe_bytes, std::size_t{1} << 20);
    EXPECT_GT(m.touch_private_s, 0.0);
    EXPECT_GT(m.touch_shared_s, 0.0);
    EXPECT_GE(m.populate_shared_s, 0.0) << "0 only on a kernel before 5.14";
    EXPECT_GT(m.thread_start_s, 0.0);
    EXPECT_GT(m.page_bytes, 0u);
}

TEST(Mechanisms, ACancelledMeasurementStopsAtOnce)
{
    CancelToken cancel;
    cancel.cancel();
    const MechanismCosts m = measure_mechanisms(&cancel);
    EXPECT_FALSE(m.measured());
}

} // namespace
} // namespace chunkscope

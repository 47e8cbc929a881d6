// SPDX-License-Identifier: GPL-3.0-or-later
// Each strategy's own floor (ownfloor.h), from measured or synthetic mechanism costs.

#include "chunkscope/mechanisms.h"
#include "chunkscope/ownfloor.h"
#include "chunkscope/pythoncosts.h"
#include "chunkscope/registry.h"
#include "support/configs.h"

#include <gtest/gtest.h>

#include <cmath>

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
    m.fork_s = 0.4e-3;
    m.pipe_bandwidth = 1e9;
    m.pipe_fanout_bandwidth = 2e9;
    m.pipe_bytes = 1 << 20;
    m.pipe_message_s = 4e-6;
    m.page_bytes = 4096;
    m.touch_private_s = 1e-6;
    m.touch_shared_s = 2e-6;
    m.populate_shared_s = 0.5e-6;
    m.touch_tmpfs_s = 3e-6;
    m.thread_start_s = 20e-6;
    return l;
}

RunConfig ten_million(StrategyKind kind, PoolLifetime pool = PoolLifetime::Fresh)
{
    RunConfig c = support::small_config(kind, 10'000'000, 2, 1, 2);
    c.pool = pool;
    return c;
}

TEST(OwnFloor, ForkSplitIsForksPlusThePipesOrTheArithmeticWhicheverIsLonger)
{
    const SpeedLimits l = synthetic();
    const OwnFloor f = own_floor(ten_million(StrategyKind::ForkSplit), l, 2);
    ASSERT_TRUE(f.modelled());
    // Two tasks: each a message out and its reply back (4 µs), half of it on each side.
    EXPECT_DOUBLE_EQ(f.phases.scatter_s, 0.04 + 4e-6) << "80 MB at the parent's 2 GB/s to two readers";
    EXPECT_DOUBLE_EQ(f.phases.gather_s, 0.04 + 4e-6);
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 2 * 0.4e-3) << "the parent's two fork() calls";
    EXPECT_DOUBLE_EQ(f.phases.shutdown_s, 0.6e-3) << "one exit: the workers end together";
    // 160 MB at 10 GB/s beats 10M x 2 ns / 2 cores; each worker streams its 5M-item task through
    // a scratch of one 1 MiB block (256 pages of 4 KiB), mapped while the parent deals, over 2 cores.
    EXPECT_NEAR(f.phases.compute_s, 0.016 + 2 * 256 * 1e-6 / 2, 1e-9);
    EXPECT_NEAR(f.total_s, 0.8e-3 + 0.08 + 8e-6 + 0.6e-3, 1e-12) << "pipes dominate; the arithmetic overlaps them";
    const OwnFloor warm = own_floor(ten_million(StrategyKind::ForkSplit, PoolLifetime::Warm), l, 2);
    EXPECT_EQ(warm.phases.startup_s, 0.0);
    EXPECT_EQ(warm.phases.shutdown_s, 0.0);
    EXPECT_DOUBLE_EQ(warm.total_s, 0.08 + 8e-6);
}

TEST(OwnFloor, ForkItemsPaysEachTasksMessageBesidesItsBytes)
{
    const SpeedLimits l = synthetic();
    RunConfig c = ten_million(StrategyKind::ForkItems, PoolLifetime::Warm);
    c.chunksize = 1000;   // 10 000 tasks of 1000 items
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_NEAR(f.phases.scatter_s, 0.04 + 10'000 * 4e-6 / 2, 1e-12);
    EXPECT_NEAR(f.phases.gather_s, 0.04 + 10'000 * 4e-6 / 2, 1e-12);
    EXPECT_NEAR(f.total_s, 0.08 + 0.04, 1e-12) << "the messages add to the pipes' time, which the arithmetic overlaps";
}

TEST(OwnFloor, LargeTasksGoOutAtTheVmspliceRateSmallOnesAtTheWritingRate)
{
    SpeedLimits l = synthetic();
    l.mechanisms.pipe_splice_bandwidth = 3e9;
    l.mechanisms.pipe_splice_fanout_bandwidth = 4e9;
    l.mechanisms.pipe_splice_handover_bandwidth = 20e9;
    // Two tasks of 5M items (40 MB each): their pages handed over at 20 GB/s, read by the two
    // workers at 4 GB/s beside their arithmetic.
    const OwnFloor split = own_floor(ten_million(StrategyKind::ForkSplit, PoolLifetime::Warm), l, 2);
    EXPECT_DOUBLE_EQ(split.phases.scatter_s, 0.004 + 4e-6);
    EXPECT_DOUBLE_EQ(split.phases.gather_s, 0.04 + 4e-6) << "the results are copied back";
    EXPECT_NEAR(split.phases.compute_s, 0.016 + 0.02, 1e-12);
    EXPECT_NEAR(split.total_s, 0.044 + 8e-6, 1e-12) << "the parent's pipes still take longer than the workers";
    // Tasks of 1000 items (8000 bytes) are copied in with their message.
    RunConfig c = ten_million(StrategyKind::ForkItems, PoolLifetime::Warm);
    c.chunksize = 1000;
    EXPECT_NEAR(own_floor(c, l, 2).phases.scatter_s, 0.04 + 10'000 * 4e-6 / 2, 1e-12);
    // 8192 items are 64 KiB: the smallest task that goes by vmsplice.
    c.chunksize = 8192;
    const double tasks = std::ceil(10'000'000 / 8192.0);
    EXPECT_NEAR(own_floor(c, l, 2).phases.scatter_s, 0.004 + tasks * 4e-6 / 2, 1e-12);
    // Where vmsplice was refused, every item is copied.
    l.mechanisms.pipe_splice_bandwidth = l.mechanisms.pipe_splice_fanout_bandwidth = 0;
    EXPECT_DOUBLE_EQ(own_floor(ten_million(StrategyKind::ForkSplit, PoolLifetime::Warm), l, 2).phases.scatter_s,
                     0.04 + 4e-6);
}

TEST(OwnFloor, OneWorkerGetsThePipeRateOfOneReader)
{
    const SpeedLimits l = synthetic();
    RunConfig c = ten_million(StrategyKind::ForkSplit, PoolLifetime::Warm);
    c.workers = 1;
    EXPECT_DOUBLE_EQ(own_floor(c, l, 2).phases.scatter_s, 0.08 + 4e-6) << "80 MB at 1 GB/s, and two tasks' messages";
}

TEST(OwnFloor, OlderMeasurementsWithoutTheForkAloneSplitForkAndExitInHalves)
{
    SpeedLimits l = synthetic();
    l.mechanisms.fork_s = 0;
    const OwnFloor f = own_floor(ten_million(StrategyKind::ForkSplit), l, 2);
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 2 * 0.5e-3);
    EXPECT_DOUBLE_EQ(f.phases.shutdown_s, 0.5e-3);
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
    EXPECT_NEAR(f.total_s, 2 * 0.4e-3 + f.phases.compute_s + 0.6e-3, 1e-12) << "forks, the mapped compute, one exit";
}

TEST(OwnFloor, ThreadsAreTheMachineFloorPlusStartingThem)
{
    const SpeedLimits l = synthetic();
    const RunConfig c = ten_million(StrategyKind::Threads);
    EXPECT_DOUBLE_EQ(own_floor(c, l, 2).total_s, floor_seconds(c, l, 2) + 2 * 20e-6);
    EXPECT_DOUBLE_EQ(own_floor(ten_million(StrategyKind::Sequential), l, 2).total_s,
                     floor_seconds(ten_million(StrategyKind::Sequential), l, 2));
}

TEST(OwnFloor, MpiIsTheNetworkModelOnTheLinkMeasuredForItsTransport)
{
    SpeedLimits l = synthetic();
    RunConfig c = ten_million(StrategyKind::Mpi, PoolLifetime::Warm);
    c.splits = 64;
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "no link measured, no floor";
    MpiLink tcp;
    tcp.options.transport = MpiTransport::Tcp;
    tcp.latency_s = 10e-6;
    tcp.bandwidth_bytes_per_s = 1e9;
    l.mpi_links.push_back(tcp);
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "a link of another transport says nothing about shm";
    c.mpi.transport = MpiTransport::Tcp;
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    // 2 x 80 MB through rank 0's 1 GB/s link, one transfer at a time: at least 160 ms.
    EXPECT_GE(f.total_s, 0.16);
    EXPECT_NEAR(f.phases.scatter_s, f.phases.gather_s, 1e-12);
    EXPECT_GE(f.phases.scatter_s + f.phases.gather_s, 0.16);
    c.pool = PoolLifetime::Fresh;
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "a fresh launch's cost is not measured on its own";
    RunConfig d = ten_million(StrategyKind::MpiDistributed, PoolLifetime::Warm);
    d.mpi.transport = MpiTransport::Tcp;
    const OwnFloor owner = own_floor(d, l, 2);
    ASSERT_TRUE(owner.modelled());
    EXPECT_LT(owner.total_s, f.total_s) << "owner computes: only timings travel";
    EXPECT_EQ(owner.phases.scatter_s, 0.0);
}

// Round numbers for the tutorial's Python: 5 ns per exp in numpy, 200 MB/s pickled into a pipe and
// 100 MB/s unpickled out of one, a Pool of W
// made in 5 ms + 10 ms a worker and terminated in 4 ms, 50 µs a task, 2 µs an item each way, 1 µs a call.
SpeedLimits with_python()
{
    SpeedLimits l = synthetic();
    PythonCosts& p = l.python;
    p.numpy_ns[static_cast<std::size_t>(Function::Exp)] = 5.0;
    p.pickle_send_bandwidth = 200e6;
    p.unpickle_receive_bandwidth = 100e6;
    p.pool_start_s = 5e-3;
    p.pool_start_per_worker_s = 10e-3;
    p.pool_close_s = 4e-3;
    p.pool_task_s = 50e-6;
    p.item_pickle_s = 2e-6;
    p.item_call_s = 1e-6;
    return l;
}

TEST(OwnFloor, PySplitIsThePoolPlusPicklingEveryPartThereAndBack)
{
    const SpeedLimits l = with_python();
    RunConfig c = ten_million(StrategyKind::PySplit);
    c.splits = 64;
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 5e-3 + 2 * 10e-3) << "Pool(2) made";
    EXPECT_DOUBLE_EQ(f.phases.shutdown_s, 4e-3) << "Pool.terminate()";
    // 80 MB out at 200 MB/s while 80 MB come back at 100 MB/s, each with half of the 64 tasks'
    // bookkeeping, overlapping the workers' loop (10M x 5 ns over 2 cores, plus their share of
    // the pickling: 1.2 s over 2 cores). The slower, unpickling the results, is the limit.
    const double back = 0.8 + 32 * 50e-6;
    const double concatenate = 160e6 / 10e9 + 1e-6 * std::ceil(80e6 / 4096);
    EXPECT_NEAR(f.phases.scatter_s, 0.4 + 32 * 50e-6, 1e-12);
    EXPECT_NEAR(f.phases.compute_s, 0.025 + 1.2 / 2, 1e-12);
    EXPECT_NEAR(f.phases.gather_s, back + concatenate, 1e-12);
    EXPECT_NEAR(f.total_s, 25e-3 + back + concatenate + 4e-3, 1e-9);
    EXPECT_GT(f.total_s, floor_seconds(c, l, 2) * 10) << "pickling, not the arithmetic, is py-split's limit";
    c.splits = 6400;   // more tasks, more of the parent's time
    EXPECT_NEAR(own_floor(c, l, 2).total_s - f.total_s, (6400 - 64) * 50e-6 / 2, 1e-9);
    c.pool = PoolLifetime::Warm;
    EXPECT_EQ(own_floor(c, l, 2).phases.startup_s, 0.0);
}

TEST(OwnFloor, PyItemsPaysForEveryItemAndPyShmForItsCopies)
{
    const SpeedLimits l = with_python();
    RunConfig items = ten_million(StrategyKind::PyItems);
    items.chunksize_auto = true;   // 10M / (4 x 2) items a task: 8 tasks
    const OwnFloor f = own_floor(items, l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_NEAR(f.total_s, 25e-3 + 2 * 10e6 * 2e-6 + 8 * 50e-6 + 4e-3, 1e-9)
        << "the parent pickles 10M items each way; the workers' share (10M x 5 µs / 2) is shorter";
    const OwnFloor shm = own_floor(ten_million(StrategyKind::PyShm), l, 2);
    ASSERT_TRUE(shm.modelled());
    EXPECT_LT(shm.total_s, own_floor(ten_million(StrategyKind::PySplit), l, 2).total_s) << "no pickling";
    // 80 MB copied in at 10 GB/s, half of the new segment's 19 532 input pages written at 3 µs each
    // on each side; the workers map the input's pages (2 µs) and allocate the output's (3 µs).
    const double pages = std::ceil(80e6 / 4096);
    EXPECT_NEAR(shm.phases.scatter_s, 160e6 / 10e9 + pages * 3e-6 / 2, 1e-9) << "the data copied into a new segment";
    EXPECT_NEAR(shm.phases.compute_s, 10e6 * 5e-9 / 2 + pages * (2e-6 + 3e-6) / 2, 1e-9);
    const OwnFloor seq = own_floor(ten_million(StrategyKind::PySequential), l, 2);
    EXPECT_NEAR(seq.total_s, 10e6 * 5e-9 + 1e-6 * std::ceil(80e6 / 4096), 1e-9) << "one core, and the new output";
    EXPECT_FALSE(own_floor(ten_million(StrategyKind::PySplit), synthetic(), 2).modelled())
        << "no Python costs measured, no floor";
}

TEST(OwnFloor, PyDaskHashesTheVectorAndComputesOnAsManyThreadsAsChunks)
{
    SpeedLimits l = with_python();
    RunConfig c = ten_million(StrategyKind::PyDask);
    c.splits = 64;
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "Dask's costs not measured: no floor";
    // Round numbers: a store 1 ms, 250 µs a chunk, from_array hashing 2 GB/s.
    l.python.dask_store_s = 1e-3;
    l.python.dask_chunk_s = 250e-6;
    l.python.dask_hash_bandwidth = 2e9;
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    const double pages = 1e-6 * std::ceil(80e6 / 4096);   // the first touch of a vector
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 2 * 20e-6) << "ThreadPool(2) started";
    EXPECT_NEAR(f.phases.scatter_s, 80e6 / 2e9 + 1e-3, 1e-12) << "the vector hashed, a store's fixed cost";
    const double store = 160e6 / 10e9 + pages;   // the results copied into the new output
    EXPECT_NEAR(f.phases.compute_s, (10e6 * 5e-9 + pages + store * 63 / 64) / 2, 1e-12)
        << "numpy's loop, the chunks' results touched and copied out, over 2 threads";
    EXPECT_NEAR(f.phases.gather_s, store / 64, 1e-12) << "the last chunk's copy";
    EXPECT_NEAR(f.total_s, f.phases.startup_s + f.phases.scatter_s + f.phases.compute_s + f.phases.gather_s,
                1e-12);
    // Dask's own chunks: 10M doubles is one chunk, one thread computes, then copies it out.
    RunConfig one = c;
    one.splits_auto = true;
    const OwnFloor auto_chunks = own_floor(one, l, 2);
    EXPECT_NEAR(auto_chunks.phases.compute_s, 10e6 * 5e-9 + pages, 1e-12);
    EXPECT_NEAR(auto_chunks.phases.gather_s, store, 1e-12);
    EXPECT_GT(auto_chunks.total_s, f.total_s);
    // Many chunks: the scheduler's work on their tasks is the limit.
    c.splits = 4096;
    EXPECT_NEAR(own_floor(c, l, 2).phases.compute_s, 4096 * 250e-6, 1e-12);
    c.pool = PoolLifetime::Warm;
    EXPECT_EQ(own_floor(c, l, 2).phases.startup_s, 0.0);
}

// A LocalCluster of round numbers: started in 0.5 s + 0.25 s a worker, closed in 0.2 s, 1 ms a task
// and 3 ms a map's round trip, scattered at 400 MB/s and gathered at 200 MB/s.
DaskClusterCosts local_cluster()
{
    DaskClusterCosts d;
    d.workers = 2;
    d.start_s = 0.5;
    d.start_per_worker_s = 0.25;
    d.close_s = 0.2;
    d.task_s = 1e-3;
    d.round_trip_s = 3e-3;
    d.scatter_bandwidth = 400e6;
    d.gather_bandwidth = 200e6;
    return d;
}

TEST(OwnFloor, PyDaskClusterIsTheClusterThenScatterComputeGather)
{
    SpeedLimits l = with_python();
    RunConfig c = ten_million(StrategyKind::PyDaskCluster);
    c.splits = 16;
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "the cluster not measured: no floor";
    l.dask = local_cluster();
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 0.5 + 2 * 0.25) << "the LocalCluster of 2 started";
    EXPECT_DOUBLE_EQ(f.phases.shutdown_s, 0.2) << "and closed";
    EXPECT_NEAR(f.phases.scatter_s, 80e6 / 400e6 + 1.5e-3, 1e-12) << "the vector scattered, the map handed out";
    const double pages = 1e-6 * std::ceil(80e6 / 4096);   // the first touch of a vector
    EXPECT_NEAR(f.phases.compute_s, (10e6 * 5e-9 + pages) / 2, 1e-12)
        << "numpy's loop on 2 workers, each result a new array; longer than 16 tasks of 1 ms";
    EXPECT_NEAR(f.phases.gather_s, 1.5e-3 + 80e6 / 200e6 + 160e6 / 10e9 + pages, 1e-12)
        << "the results' news back, gathered, copied into place";
    EXPECT_NEAR(f.total_s, 1.0 + f.phases.scatter_s + f.phases.compute_s + f.phases.gather_s + 0.2, 1e-12);
    // More splits, more of the scheduler's time: 4096 tasks of 1 ms outlast the loop.
    RunConfig many = c;
    many.splits = 4096;
    EXPECT_NEAR(own_floor(many, l, 2).phases.compute_s, 4096 * 1e-3, 1e-12);
    EXPECT_GT(own_floor(many, l, 2).total_s, f.total_s);
    // Warm: no start, no close.
    RunConfig warm = c;
    warm.pool = PoolLifetime::Warm;
    const OwnFloor w = own_floor(warm, l, 2);
    EXPECT_EQ(w.phases.startup_s + w.phases.shutdown_s, 0.0);
    EXPECT_NEAR(f.total_s - w.total_s, 1.0 + 0.2, 1e-12) << "fresh adds the start and the close";
    // Figures of a LocalCluster say nothing of a cell on an existing cluster, nor the reverse.
    RunConfig remote = c;
    remote.dask_scheduler = "tcp://10.0.0.1:8786";
    EXPECT_FALSE(own_floor(remote, l, 2).modelled());
    l.dask.scheduler = remote.dask_scheduler;
    l.dask.start_s = l.dask.start_per_worker_s = l.dask.close_s = 0;   // not ours to start
    EXPECT_TRUE(own_floor(remote, l, 2).modelled());
    EXPECT_FALSE(own_floor(c, l, 2).modelled());
    EXPECT_EQ(own_floor(remote, l, 2).phases.startup_s, 0.0);
}

TEST(OwnFloor, PyDaskDistributedIsOnlyTheComputeAndTheTasks)
{
    SpeedLimits l = with_python();
    RunConfig c = ten_million(StrategyKind::PyDaskDistributed);
    c.splits = 16;
    EXPECT_FALSE(own_floor(c, l, 2).modelled()) << "the cluster not measured: no floor";
    l.dask = local_cluster();
    const OwnFloor f = own_floor(c, l, 2);
    ASSERT_TRUE(f.modelled());
    EXPECT_NEAR(f.phases.scatter_s + f.phases.gather_s, 3e-3, 1e-12) << "owner computes: only the map's round trip";
    EXPECT_LT(f.total_s, own_floor(ten_million(StrategyKind::PyDaskCluster), l, 2).total_s);
    EXPECT_DOUBLE_EQ(f.phases.startup_s, 1.0);
    EXPECT_DOUBLE_EQ(f.phases.shutdown_s, 0.2);
    RunConfig many = c;
    many.splits = 4096;
    EXPECT_NEAR(own_floor(many, l, 2).total_s - f.total_s, 4096 * 1e-3 - f.phases.compute_s, 1e-12)
        << "more splits, more task cost";
    RunConfig warm = c;
    warm.pool = PoolLifetime::Warm;
    EXPECT_NEAR(f.total_s - own_floor(warm, l, 2).total_s, 1.2, 1e-12) << "fresh adds the start and the close";
    EXPECT_FALSE(own_floor(c, with_python(), 2).modelled());
    EXPECT_EQ(own_floor_model(StrategyKind::PyDaskDistributed).find("not modelled yet"), std::string_view::npos);
}

TEST(PythonCosts, TheModuleMeasuresEachMechanismHere)
{
    const PythonCosts p = measure_python_costs(2);
    ASSERT_TRUE(p.measured()) << p.error;
    for (Function f : all_functions())
        EXPECT_GT(p.numpy_ns_per_item(f), 0.0) << to_string(f);
    EXPECT_GT(p.pickle_send_bandwidth, 1e6);
    EXPECT_GT(p.unpickle_receive_bandwidth, 1e6);
    EXPECT_GT(p.pool_start(2), 0.0);
    EXPECT_GT(p.pool_close_s, 0.0);
    EXPECT_GT(p.pool_task_s, 0.0);
    EXPECT_GT(p.item_pickle_s, 0.0);
    EXPECT_GT(p.item_call_s, 0.0);
    EXPECT_EQ(p.workers, 2);
    if (availability(StrategyKind::PyDask).available) {
        EXPECT_TRUE(p.dask_measured());
        EXPECT_GT(p.dask_store_s, 0.0);
        EXPECT_GT(p.dask_chunk_s, 0.0);
        EXPECT_GT(p.dask_hash_bandwidth, 1e6);
    }
}

TEST(DaskClusterCosts, TheModuleMeasuresALocalClusterAndRefusesBadWorkers)
{
    const DaskClusterCosts bad = measure_dask_costs(0);
    EXPECT_FALSE(bad.measured());
    EXPECT_NE(bad.error.find("workers: got 0; allowed: an integer from 1 to 256"), std::string::npos) << bad.error;
    if (!availability(StrategyKind::PyDaskCluster).available)
        GTEST_SKIP() << "no dask.distributed here";
    const DaskClusterCosts d = measure_dask_costs(1);   // a LocalCluster of one worker, a few seconds
    ASSERT_TRUE(d.measured()) << d.error;
    EXPECT_EQ(d.workers, 1);
    EXPECT_TRUE(d.scheduler.empty());
    EXPECT_GT(d.start(1), 0.0);
    EXPECT_GT(d.close_s, 0.0);
    EXPECT_GT(d.task_s, 0.0);
    EXPECT_GE(d.round_trip_s, 0.0);
    EXPECT_GT(d.scatter_bandwidth, 1e6);
    EXPECT_GT(d.gather_bandwidth, 1e6);
}

TEST(OwnFloor, StrategiesWithoutAModelSaySo)
{
    const SpeedLimits l = with_python();
    EXPECT_FALSE(own_floor(ten_million(StrategyKind::PyNumexpr), l, 2).modelled());
    EXPECT_NE(own_floor_model(StrategyKind::PyNumba).find("not modelled"), std::string_view::npos);
    EXPECT_FALSE(own_floor(ten_million(StrategyKind::ForkSplit), SpeedLimits{}, 2).modelled())
        << "no figures, no floor";
}

TEST(Mechanisms, EveryCostIsMeasuredHereAndPositive)
{
    const MechanismCosts m = measure_mechanisms();
    EXPECT_TRUE(m.measured());
    EXPECT_GT(m.fork_exit_s, 0.0);
    EXPECT_GT(m.fork_s, 0.0);
    EXPECT_GT(m.pipe_bandwidth, 0.0);
    EXPECT_GT(m.pipe_fanout_bandwidth, 0.0);
    EXPECT_GT(m.pipe_splice_bandwidth, 0.0) << "vmsplice works on every kernel this runs on (Linux 2.6.17 and later)";
    EXPECT_GT(m.pipe_splice_fanout_bandwidth, 0.0);
    EXPECT_GT(m.pipe_splice_handover_bandwidth, m.pipe_splice_fanout_bandwidth) << "handing pages over is not copying them";
    EXPECT_EQ(m.pipe_bytes, std::size_t{1} << 20);
    EXPECT_GT(m.pipe_message_s, 0.0);
    EXPECT_GT(m.touch_private_s, 0.0);
    EXPECT_GT(m.touch_shared_s, 0.0);
    EXPECT_GE(m.populate_shared_s, 0.0) << "0 only on a kernel before 5.14";
    EXPECT_GT(m.touch_tmpfs_s, 0.0);
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

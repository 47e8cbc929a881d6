// SPDX-License-Identifier: GPL-3.0-or-later
// The Dask clusters' model (daskmodel.h) on constructed costs, the shared projection parts
// (projection.h) and the mpi twin's projection beside it (netmodel.h's project_twin).

#include "chunkscope/daskmodel.h"
#include "chunkscope/netmodel.h"
#include "chunkscope/strategy.h"

#include "support/configs.h"
#include "support/text.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace chunkscope;
using chunkscope::support::has;
using chunkscope::support::small_config;

namespace {

DaskClusterCosts dask_costs(double task_s = 1e-3, double scatter = 1e9, double gather = 2e9)
{
    DaskClusterCosts k;
    k.workers = 2;
    k.start_s = 0.4;
    k.start_per_worker_s = 0.1;
    k.close_s = 0.2;
    k.task_s = task_s;
    k.scatter_bandwidth = scatter;
    k.gather_bandwidth = gather;
    return k;
}

DaskModelInput dask_input(const DaskClusterCosts& k, double per_item = 2e-9, int cores = 0)
{
    DaskModelInput in;
    in.costs = k;
    in.compute_s_per_item = per_item;
    in.cores = cores;
    return in;
}

RunConfig dask_cell(StrategyKind kind, std::size_t size, std::size_t splits, int workers,
                    PoolLifetime pool = PoolLifetime::Warm)
{
    RunConfig c = small_config(kind, size, splits, 1, workers);
    c.pool = pool;
    return c;
}

} // namespace

TEST(DaskModel, OneWorkerOneChunkIsEachPartInTurn)
{
    const DaskModelInput in = dask_input(dask_costs());
    const CellPrediction p = predict_dask_cell(dask_cell(StrategyKind::PyDaskCluster, 1'000'000, 1, 1), in);
    EXPECT_NEAR(p.network_s, 8e6 / 1e9 + 8e6 / 2e9, 1e-12);
    EXPECT_NEAR(p.scheduler_s, 1e-3, 1e-12);
    EXPECT_NEAR(p.compute_s, 1e6 * 2e-9, 1e-12);
    EXPECT_DOUBLE_EQ(p.launch_s, 0);
    EXPECT_NEAR(p.total_s, p.network_s + p.scheduler_s + p.compute_s, 1e-12);
    EXPECT_EQ(p.bound, "network");

    // Owner computes: nothing moves; W tasks on W workers: the last handed out at W * task_s.
    const CellPrediction d = predict_dask_cell(dask_cell(StrategyKind::PyDaskDistributed, 1'000'000, 4, 4), in);
    EXPECT_DOUBLE_EQ(d.network_s, 0);
    EXPECT_NEAR(d.compute_s, 250'000 * 2e-9, 1e-12);
    EXPECT_NEAR(d.total_s, 4 * 1e-3 + 250'000 * 2e-9, 1e-12);
    EXPECT_EQ(d.bound, "scheduler");
}

TEST(DaskModel, FreshPaysTheStartOfEveryWorkerAndTheClose)
{
    const DaskModelInput in = dask_input(dask_costs());
    const RunConfig warm = dask_cell(StrategyKind::PyDaskDistributed, 1'000'000, 8, 4);
    RunConfig fresh = warm;
    fresh.pool = PoolLifetime::Fresh;
    const CellPrediction w = predict_dask_cell(warm, in), f = predict_dask_cell(fresh, in);
    EXPECT_NEAR(f.launch_s, 0.4 + 4 * 0.1 + 0.2, 1e-12);
    EXPECT_NEAR(f.total_s - w.total_s, f.launch_s, 1e-12);
    EXPECT_EQ(f.bound, "launch");
    // The projection: one worker's start at any W, as hosts start theirs in parallel.
    for (const ProjectedPoint& p : project_dask(fresh, in, 1.0, 64))
        EXPECT_NEAR(p.prediction.launch_s, 0.4 + 0.1 + 0.2, 1e-12) << p.workers;
}

TEST(DaskModel, TheSchedulerAndTheClientsLinkAreFloors)
{
    // 256 tiny tasks: the scheduler's 256 ms, however many workers.
    const DaskModelInput in = dask_input(dask_costs());
    const auto projected = project_dask(dask_cell(StrategyKind::PyDaskDistributed, 256'000, 256, 1), in, 1.0, 1024);
    ASSERT_EQ(projected.size(), 11u);
    for (const ProjectedPoint& p : projected) {
        EXPECT_GE(p.prediction.total_s, 256 * 1e-3 - 1e-12) << p.workers;
        EXPECT_EQ(p.ranks, p.workers);
    }
    EXPECT_EQ(projected.back().prediction.bound, "scheduler");
    EXPECT_NEAR(projected.back().prediction.total_s, 256e-3 + 1000 * 2e-9, 1e-12);

    // The cluster's scatter and gather pass the client's one link: never below 8 N over each rate.
    const auto cluster = project_dask(dask_cell(StrategyKind::PyDaskCluster, 10'000'000, 64, 1), in, 1.0, 1024);
    for (const ProjectedPoint& p : cluster)
        EXPECT_GE(p.prediction.total_s, 8e7 / 1e9 + 8e7 / 2e9) << p.workers;
    EXPECT_EQ(cluster.back().prediction.bound, "network");
}

TEST(DaskModel, ComputeScalesUntilEveryChunkHasAWorker)
{
    const DaskModelInput in = dask_input(dask_costs(1e-6), 1e-8);
    const auto p = project_dask(dask_cell(StrategyKind::PyDaskDistributed, 6'400'000, 64, 1), in, 0.064, 1024);
    // 1 worker: 64 ms of compute; 64 workers: one chunk each (1 ms); more: idle, no faster.
    EXPECT_NEAR(p[0].prediction.compute_s, 0.064, 1e-9);
    EXPECT_NEAR(p[6].prediction.compute_s, 0.001, 1e-9);
    EXPECT_EQ(p[6].workers, 64);
    EXPECT_NEAR(p.back().prediction.total_s, p[6].prediction.total_s, 1e-12);
    EXPECT_GT(p[6].speedup, 30);
    EXPECT_EQ(p[6].prediction.bound, "compute");
}

TEST(DaskModel, WorkersBeyondTheCoresShareThem)
{
    const DaskModelInput here = dask_input(dask_costs(1e-6), 1e-8, 2);
    const RunConfig c = dask_cell(StrategyKind::PyDaskDistributed, 400'000, 4, 4);
    EXPECT_NEAR(predict_dask_cell(c, here).compute_s, 100'000 * 1e-8 * 2, 1e-12);
}

namespace {

// Cells as a run would measure them if the model held: the median is the model's time; Dask's
// task records are the chunks' compute at the true speed.
std::vector<CellResult> dask_cells(StrategyKind kind, PoolLifetime pool, const DaskModelInput& truth)
{
    std::vector<CellResult> cells;
    for (int w : {1, 2, 4}) {
        CellResult r;
        r.config = dask_cell(kind, 2'000'000, 8, w, pool);
        r.median_s = predict_dask_cell(r.config, truth).total_s;
        const double share = truth.cores > 0 ? std::max(1.0, static_cast<double>(w) / truth.cores) : 1.0;
        r.phases.compute_s = 2e6 / w * truth.compute_s_per_item * share;
        for (std::size_t t = 0; t < 8; ++t) {
            const std::size_t items = part_begin(2'000'000, 8, t + 1) - part_begin(2'000'000, 8, t);
            r.events.push_back({static_cast<int>(t % w), static_cast<std::uint32_t>(t), 0.0,
                                static_cast<double>(items) * truth.compute_s_per_item * share, 0, items});
        }
        cells.push_back(std::move(r));
    }
    return cells;
}

} // namespace

TEST(DaskModel, FitsCellsMadeFromKnownCosts)
{
    for (StrategyKind kind : {StrategyKind::PyDaskCluster, StrategyKind::PyDaskDistributed})
        for (PoolLifetime pool : {PoolLifetime::Warm, PoolLifetime::Fresh}) {
            SCOPED_TRACE(std::string(to_string(kind)) + ", " + std::string(to_string(pool)));
            const DaskModelInput truth = dask_input(dask_costs(), 3e-9, 2);
            const auto cells = dask_cells(kind, pool, truth);
            const DaskScaleModel m = model_dask_scaling(cells, 0.05, truth.costs, 2, 1024);
            ASSERT_TRUE(m.error.empty()) << m.error;
            EXPECT_NEAR(m.compute_s_per_item, 3e-9, 1e-15);
            EXPECT_TRUE(has(m.compute_source, "tasks of the 1-worker cell"));
            EXPECT_EQ(m.fresh, pool == PoolLifetime::Fresh);
            ASSERT_EQ(m.measured.size(), cells.size());
            for (const MeasuredPoint& p : m.measured)
                EXPECT_NEAR(p.ratio, 1.0, 1e-9) << p.workers << " workers";
            ASSERT_EQ(m.projected.size(), 11u);
            EXPECT_EQ(m.projected.back().workers, 1024);

            // Costs ten times dearer predict cells that are not these.
            DaskClusterCosts costs = dask_costs(1e-2, 1e8, 2e8);
            costs.start_s *= 10;
            const DaskScaleModel dear = model_dask_scaling(cells, 0.05, costs, 2, 1024);
            for (const MeasuredPoint& p : dear.measured)
                EXPECT_LT(p.ratio, 0.9) << p.workers << " workers";
        }
}

TEST(DaskModel, SaysWhyThereIsNoModel)
{
    const DaskModelInput truth = dask_input(dask_costs(), 3e-9, 2);
    auto cells = dask_cells(StrategyKind::PyDaskCluster, PoolLifetime::Warm, truth);
    DaskClusterCosts none;
    none.error = "no dask.distributed";
    EXPECT_TRUE(has(model_dask_scaling(cells, 1, none, 2).error, "not measured: no dask.distributed"));
    EXPECT_TRUE(has(model_dask_scaling(cells, 1, DaskClusterCosts{}, 2).error, "not measured"));
    for (CellResult& r : cells) {
        r.events.clear();
        r.phases = {};
    }
    EXPECT_TRUE(has(model_dask_scaling(cells, 1, truth.costs, 2).error, "compute"));
    for (CellResult& r : cells)
        r.config.strategy = StrategyKind::Mpi;
    EXPECT_TRUE(has(model_dask_scaling(cells, 1, truth.costs, 2).error, "Dask clusters"));
    for (CellResult& r : cells)
        r.status = Status::Failed;
    EXPECT_TRUE(has(model_dask_scaling(cells, 1, truth.costs, 2).error, "no cell finished"));
    // Any other strategy's cell is predicted nothing.
    EXPECT_DOUBLE_EQ(predict_dask_cell(dask_cell(StrategyKind::Mpi, 1000, 4, 2), truth).total_s, 0);
}

TEST(DaskModel, TheTwinIsProjectedOnTheLinkMeasuredHere)
{
    MpiLink link;
    link.options.transport = MpiTransport::Tcp;
    link.latency_s = 20e-6;
    link.bandwidth_bytes_per_s = 1e9;
    RunConfig twin = dask_cell(StrategyKind::MpiDistributed, 1'000'000, 8, 2, PoolLifetime::Fresh);
    const TwinProjection t = project_twin(twin, 3e-9, link, 0.01, 1024);
    ASSERT_TRUE(t.error.empty()) << t.error;
    EXPECT_TRUE(has(t.link_source, "tcp"));
    ASSERT_EQ(t.projected.size(), 11u);
    ModelInput in;
    in.network = {20e-6, 1e9};
    in.compute_s_per_item = 3e-9;
    twin.pool = PoolLifetime::Warm;   // the link measures no launch
    const auto expected = project(twin, in, 0.01, 1024);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_DOUBLE_EQ(t.projected[i].prediction.total_s, expected[i].prediction.total_s);
        EXPECT_DOUBLE_EQ(t.projected[i].prediction.launch_s, 0);
    }
    link.error = "mpirun not found";
    EXPECT_TRUE(has(project_twin(twin, 3e-9, link, 0.01, 1024).error, "mpirun not found"));
    twin.strategy = StrategyKind::PyDaskCluster;
    link.error.clear();
    EXPECT_TRUE(has(project_twin(twin, 3e-9, link, 0.01, 1024).error, "not an mpi strategy"));
}

TEST(Projection, NamesTheLargestPart)
{
    CellPrediction p;
    EXPECT_EQ(largest_part(p), "launch");
    p.scheduler_s = 2;
    p.compute_s = 1;
    EXPECT_EQ(largest_part(p), "scheduler");
    p.network_s = 2;
    EXPECT_EQ(largest_part(p), "network");
    EXPECT_EQ(projection_workers(5), (std::vector<int>{1, 2, 4, 5}));
}

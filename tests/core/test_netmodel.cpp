// SPDX-License-Identifier: GPL-3.0-or-later
// The network model (netmodel.h) on synthetic networks, and the typed network's parser.

#include "chunkscope/netmodel.h"
#include "chunkscope/parse.h"
#include "chunkscope/strategy.h"

#include "support/configs.h"
#include "support/text.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace chunkscope;
using chunkscope::support::has;
using chunkscope::support::small_config;

namespace {

ModelInput input(double latency, double bandwidth, double per_item = 1e-9, int cores = 0)
{
    ModelInput in;
    in.network = {latency, bandwidth};
    in.compute_s_per_item = per_item;
    in.cores = cores;
    return in;
}

RunConfig warm(StrategyKind kind, std::size_t size, std::size_t splits, std::size_t chunk, int workers)
{
    RunConfig c = small_config(kind, size, splits, chunk, workers);
    c.pool = PoolLifetime::Warm;
    return c;
}

} // namespace

TEST(ParseNetwork, AcceptsBandwidthLatencyOrBoth)
{
    const Network d{};
    auto n = parse_network("100Gb/s,2us");
    ASSERT_TRUE(n) << n.error;
    EXPECT_DOUBLE_EQ(n.value.bandwidth_bytes_per_s, 12.5e9);
    EXPECT_DOUBLE_EQ(n.value.latency_s, 2e-6);
    n = parse_network("10GB/s");
    ASSERT_TRUE(n) << n.error;
    EXPECT_DOUBLE_EQ(n.value.bandwidth_bytes_per_s, 10e9);
    EXPECT_DOUBLE_EQ(n.value.latency_s, d.latency_s);
    n = parse_network(" 2us ");
    ASSERT_TRUE(n) << n.error;
    EXPECT_DOUBLE_EQ(n.value.latency_s, 2e-6);
    EXPECT_DOUBLE_EQ(n.value.bandwidth_bytes_per_s, d.bandwidth_bytes_per_s);
    n = parse_network("500 ns, 800Mbit/s");
    ASSERT_TRUE(n) << n.error;
    EXPECT_DOUBLE_EQ(n.value.latency_s, 500e-9);
    EXPECT_DOUBLE_EQ(n.value.bandwidth_bytes_per_s, 100e6);
    n = parse_network("1.5µs,1e9B/s");
    ASSERT_TRUE(n) << n.error;
    EXPECT_DOUBLE_EQ(n.value.latency_s, 1.5e-6);
    EXPECT_DOUBLE_EQ(n.value.bandwidth_bytes_per_s, 1e9);
}

TEST(ParseNetwork, SaysWhatIsWrongAndWhatIsAllowed)
{
    const std::vector<std::pair<std::string, std::string>> cases{
        {"", "nothing given"},
        {"fast", "does not start with a number"},
        {"100", "has no unit"},
        {"100Gb", "unknown unit"},          // no /s: taken as a latency, and said so
        {"100Xb/s", "unknown unit"},
        {"0Gb/s", "more than zero"},
        {"-2us", "more than zero"},
        {"2us,3us", "two latencies"},
        {"1Gb/s,2GB/s", "two bandwidths"},
        {"1Gb/s,", "is empty"},
        {"1Gb/s,2us,3us", "more than two"},
    };
    for (const auto& [text, what] : cases) {
        SCOPED_TRACE(text);
        const auto n = parse_network(text, "--network");
        ASSERT_FALSE(n);
        EXPECT_TRUE(has(n.error, "--network: ")) << n.error;
        EXPECT_TRUE(has(n.error, what)) << n.error;
        EXPECT_TRUE(has(n.error, "such as")) << n.error;
    }
    EXPECT_TRUE(has(parse_bandwidth("3 parsecs/s", "--x").error, "100Gb/s"));
    EXPECT_TRUE(has(parse_latency("3 ks", "--x").error, "500ns"));
}

TEST(NetModel, MpiNeverBeatsTheRootsLink)
{
    const double beta = 1e9, alpha = 5e-6;
    for (int workers : {1, 2, 8, 64, 1024})
        for (std::size_t chunk : {std::size_t{1}, std::size_t{4}, std::size_t{64}}) {
            SCOPED_TRACE(std::to_string(workers) + " workers, chunksize " + std::to_string(chunk));
            const RunConfig c = warm(StrategyKind::Mpi, 1'000'000, 256, chunk, workers);
            const CellPrediction p = predict_cell(c, input(alpha, beta, 1e-9));
            const double floor = 2.0 * 1e6 * 8 / beta + 2.0 * static_cast<double>(task_count(c)) * alpha;
            EXPECT_NEAR(p.network_s, floor, floor * 1e-9);
            EXPECT_GE(p.total_s, floor * (1 - 1e-12));
            EXPECT_GE(p.total_s, p.compute_s);
        }
    // Many workers, little compute: the link is all there is.
    const RunConfig c = warm(StrategyKind::Mpi, 1'000'000, 1024, 1, 1024);
    const CellPrediction p = predict_cell(c, input(alpha, beta, 1e-12));
    EXPECT_EQ(p.bound, "network");
    EXPECT_NEAR(p.total_s, p.network_s, p.network_s * 0.01);
}

TEST(NetModel, MpiOverlapsComputeWithDealing)
{
    // Compute-heavy: one worker pays everything in turn, four share the compute.
    const RunConfig one = warm(StrategyKind::Mpi, 1'000'000, 64, 1, 1);
    const RunConfig four = warm(StrategyKind::Mpi, 1'000'000, 64, 1, 4);
    const ModelInput in = input(1e-6, 10e9, 100e-9);
    const CellPrediction p1 = predict_cell(one, in), p4 = predict_cell(four, in);
    EXPECT_NEAR(p1.total_s, p1.network_s + 0.1 + 64 * in.network.message_s(16), 1e-9);
    EXPECT_EQ(p4.bound, "compute");
    EXPECT_LT(p4.total_s, p1.total_s / 3.5);
    EXPECT_GT(p4.total_s, 0.1 / 4);
    // Four workers on two cores compute at half the speed.
    ModelInput shared = in;
    shared.cores = 2;
    EXPECT_GT(predict_cell(four, shared).total_s, 1.9 * p4.total_s);
}

TEST(NetModel, DistributedScalesUntilLatencyDominates)
{
    const double alpha = 2e-6;
    const ModelInput in = input(alpha, 12.5e9, 1e-9);
    double before = 0;
    for (int p = 1; p <= 1024; p *= 2) {
        SCOPED_TRACE(std::to_string(p) + " ranks");
        const CellPrediction c = predict_cell(warm(StrategyKind::MpiDistributed, 10'000'000, 1, 1, p), in);
        EXPECT_NEAR(c.compute_s, std::ceil(1e7 / p) * 1e-9, 1e-12);
        EXPECT_GE(c.network_s, alpha * std::log2(p) * (1 - 1e-12));
        if (p > 1 && p <= 16) {
            EXPECT_NEAR(c.total_s / before, 0.5, 0.02);   // ~1/P while compute dominates
        }
        before = c.total_s;
    }
    // 10M items at 1 ns over 1024 ranks is ~10 us; 10 tree steps of 2 us are twice that.
    const CellPrediction last = predict_cell(warm(StrategyKind::MpiDistributed, 10'000'000, 1, 1, 1024), in);
    EXPECT_EQ(last.bound, "network");
    const auto points = project(warm(StrategyKind::MpiDistributed, 10'000'000, 1, 1, 1), in, 0.01, 1024);
    ASSERT_EQ(points.size(), 11u);
    EXPECT_EQ(points.back().workers, 1024);
    EXPECT_LT(points.back().speedup, 1024 * 0.5);
    EXPECT_NEAR(points[1].speedup, 0.01 / points[1].prediction.total_s, 1e-9);
}

TEST(NetModel, FreshPaysTheLaunchWarmDoesNot)
{
    ModelInput in = input(1e-6, 10e9, 1e-9);
    in.launch_s = 0.2;
    in.launch_s_per_rank = 0.01;
    RunConfig c = warm(StrategyKind::MpiDistributed, 1'000'000, 1, 1, 4);
    EXPECT_EQ(predict_cell(c, in).launch_s, 0);
    c.pool = PoolLifetime::Fresh;
    const CellPrediction p = predict_cell(c, in);
    EXPECT_NEAR(p.launch_s, 0.24, 1e-12);
    EXPECT_EQ(p.bound, "launch");
    c.strategy = StrategyKind::Mpi;   // rank 0 besides the 4 workers
    EXPECT_NEAR(predict_cell(c, in).launch_s, 0.25, 1e-12);
    c.strategy = StrategyKind::Threads;
    EXPECT_EQ(predict_cell(c, in).total_s, 0);
    // Projected: one rank's launch whatever the ranks (hosts start theirs in parallel).
    c.strategy = StrategyKind::MpiDistributed;
    for (const ProjectedPoint& p : project(c, in, 1, 256))
        EXPECT_NEAR(p.prediction.launch_s, 0.21, 1e-12) << p.workers;
}

TEST(NetModel, ProjectionWorkers)
{
    EXPECT_EQ(projection_workers(1), std::vector<int>{1});
    EXPECT_EQ(projection_workers(8), (std::vector<int>{1, 2, 4, 8}));
    EXPECT_EQ(projection_workers(12), (std::vector<int>{1, 2, 4, 8, 12}));
}

namespace {

// Cells as a run would measure them if the model held: the median is the model's time for
// the given network, compute per item and launch; the tasks' times are their items' compute.
std::vector<CellResult> synthesise(StrategyKind kind, PoolLifetime pool, const ModelInput& truth, int cores)
{
    std::vector<CellResult> cells;
    for (int w : {1, 2, 3, 4}) {
        CellResult r;
        r.config = warm(kind, 2'000'000, 32, 2, w);
        r.config.pool = pool;
        const CellPrediction p = predict_cell(r.config, truth);
        r.median_s = p.total_s;
        r.phases.startup_s = 0.75 * p.launch_s;
        r.phases.shutdown_s = 0.25 * p.launch_s;
        const double share = std::max(1.0, static_cast<double>(w) / cores);
        // Each worker's items at the true speed (mpi: an even share of the tasks).
        r.phases.compute_s = (kind == StrategyKind::Mpi ? 2e6 / w : std::ceil(2e6 / w)) * truth.compute_s_per_item * share;
        const std::size_t parts = kind == StrategyKind::Mpi ? 16 : static_cast<std::size_t>(w);
        for (std::size_t t = 0; t < parts; ++t) {
            const std::size_t items = part_begin(2'000'000, parts, t + 1) - part_begin(2'000'000, parts, t);
            const double start = static_cast<double>(t);
            r.events.push_back({0, static_cast<std::uint32_t>(t), start,
                                start + static_cast<double>(items) * truth.compute_s_per_item * share, 0, items});
        }
        cells.push_back(std::move(r));
    }
    return cells;
}

MpiLink link_of(const Network& n)
{
    MpiLink link;
    link.latency_s = n.latency_s;
    link.bandwidth_bytes_per_s = n.bandwidth_bytes_per_s;
    return link;
}

} // namespace

TEST(NetModel, FitsCellsMadeFromAKnownNetwork)
{
    for (StrategyKind kind : {StrategyKind::Mpi, StrategyKind::MpiDistributed})
        for (PoolLifetime pool : {PoolLifetime::Warm, PoolLifetime::Fresh}) {
            SCOPED_TRACE(std::string(to_string(kind)) + ", " + std::string(to_string(pool)));
            ModelInput truth = input(30e-6, 2e9, 3e-9, 2);
            truth.launch_s = pool == PoolLifetime::Fresh ? 0.3 : 0;
            truth.launch_s_per_rank = pool == PoolLifetime::Fresh ? 0.02 : 0;
            const auto cells = synthesise(kind, pool, truth, 2);
            const ScaleModel m = model_scaling(cells, 0.05, nullptr, Network{}, 2, 64);
            ASSERT_TRUE(m.error.empty()) << m.error;
            EXPECT_NEAR(m.figures.compute_s_per_item, 3e-9, 1e-15);
            EXPECT_NEAR(m.figures.launch_s, truth.launch_s, 1e-9);
            EXPECT_NEAR(m.figures.launch_s_per_rank, truth.launch_s_per_rank, 1e-9);
            EXPECT_FALSE(m.here_measured);
            EXPECT_TRUE(m.measured.empty());
            EXPECT_EQ(m.projected.size(), 7u);

            const MpiLink right = link_of(truth.network);
            const ScaleModel fit = model_scaling(cells, 0.05, &right, Network{}, 2, 64);
            ASSERT_EQ(fit.measured.size(), cells.size());
            for (const MeasuredPoint& p : fit.measured)
                EXPECT_NEAR(p.ratio, 1.0, 1e-9) << p.workers << " workers";
            EXPECT_TRUE(has(fit.here_source, "measured here, shm, 20"));

            // A network ten times slower predicts cells that are not these (mpi moves the data;
            // a fresh launch hides some of it).
            const MpiLink slow = link_of({300e-6, 0.2e9});
            const ScaleModel wrong = model_scaling(cells, 0.05, &slow, Network{}, 2, 64);
            double worst = 1;
            for (const MeasuredPoint& p : wrong.measured)
                worst = std::min(worst, p.ratio);
            EXPECT_LT(worst, kind == StrategyKind::Mpi ? 0.8 : 0.9999);
        }
}

TEST(NetModel, ComputeFromTheTasksWhenThereAreNoPhases)
{
    ModelInput truth = input(30e-6, 2e9, 3e-9, 2);
    auto cells = synthesise(StrategyKind::Mpi, PoolLifetime::Warm, truth, 2);
    for (CellResult& r : cells)
        r.phases = {};
    const RunFigures f = run_figures(cells, 2);
    EXPECT_NEAR(f.compute_s_per_item, 3e-9, 1e-15);
    EXPECT_TRUE(has(f.compute_source, "tasks of the 1-worker cell"));
    // mpi keeps to the tasks; mpi-distributed takes the median phase over its slice.
    cells.front().phases.compute_s = 2e6 * 4e-9;
    EXPECT_NEAR(run_figures(cells, 2).compute_s_per_item, 3e-9, 1e-15);
    for (CellResult& r : cells)
        r.config.strategy = StrategyKind::MpiDistributed;
    EXPECT_NEAR(run_figures(cells, 2).compute_s_per_item, 4e-9, 1e-15);
    EXPECT_TRUE(has(run_figures(cells, 2).compute_source, "median compute phase"));
}

TEST(NetModel, RefusesWhatItDoesNotCover)
{
    CellResult threads;
    threads.config = warm(StrategyKind::Threads, 1000, 4, 1, 2);
    threads.median_s = 1;
    std::vector<CellResult> cells{threads};
    EXPECT_TRUE(has(model_scaling(cells, 1, nullptr, Network{}, 2).error, "mpi strategies"));
    cells.front().config.strategy = StrategyKind::Mpi;   // no tasks: no compute figure
    EXPECT_TRUE(has(model_scaling(cells, 1, nullptr, Network{}, 2).error, "compute"));
    cells.front().status = Status::Failed;
    EXPECT_TRUE(has(model_scaling(cells, 1, nullptr, Network{}, 2).error, "no cell finished"));
}

TEST(NetModel, DescribesANetwork)
{
    EXPECT_EQ(describe(Network{2e-6, 12.5e9}), "100 Gb/s, 2 µs");
    EXPECT_EQ(describe(Network{500e-9, 12.5e6}), "100 Mb/s, 500 ns");
}

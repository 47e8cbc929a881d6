// SPDX-License-Identifier: GPL-3.0-or-later
// Every strategy gives the sequential result, bit for bit, at awkward shapes.

#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/runner.h"
#include "chunkscope/strategy.h"

#include "support/configs.h"
#include "tasks.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

using namespace chunkscope;

namespace {

RunConfig small(StrategyKind kind, std::size_t size, std::size_t splits, std::size_t chunk, int workers = 2)
{
    return chunkscope::support::small_config(kind, size, splits, chunk, workers);
}

struct Shape {
    std::size_t size, splits, chunk;
    int workers;
};

std::string shape_name(const ::testing::TestParamInfo<std::tuple<StrategyKind, Shape>>& info)
{
    const auto& [kind, s] = info.param;
    std::string name = std::string(to_string(kind)) + "_n" + std::to_string(s.size) + "_p" +
                       std::to_string(s.splits) + "_c" + std::to_string(s.chunk) + "_w" + std::to_string(s.workers);
    for (char& ch : name)
        if (ch == '-')
            ch = '_';
    return name;
}

} // namespace

class StrategyShapes : public ::testing::TestWithParam<std::tuple<StrategyKind, Shape>> {};

TEST_P(StrategyShapes, MatchesSequentialBitForBit)
{
    const auto& [kind, s] = GetParam();
    Runner runner;
    const CellResult r = runner.run(small(kind, s.size, s.splits, s.chunk, s.workers));
    EXPECT_EQ(r.status, Status::Ok) << r.error;
    EXPECT_TRUE(r.verified) << r.error;
    EXPECT_EQ(r.samples.size(), 1u);
    EXPECT_GT(r.median_s, 0.0);
    EXPECT_NEAR(r.phases.total(), r.median_s, 1e-9 + r.median_s * 1e-6);
}

INSTANTIATE_TEST_SUITE_P(
    AwkwardShapes, StrategyShapes,
    ::testing::Combine(::testing::ValuesIn([] {
                           std::vector<StrategyKind> kinds;   // the Dask clusters' shapes: test_dask.cpp
                           std::ranges::copy_if(all_strategies(), std::back_inserter(kinds),
                                                [](StrategyKind k) { return !support::starts_a_cluster(k); });
                           return kinds;
                       }()),
                     ::testing::Values(Shape{1, 1, 1, 2},         // one item
                                     Shape{1000, 7, 3, 2},      // size not divisible by splits
                                     Shape{257, 257, 1, 3},     // splits = size
                                     Shape{1001, 5, 100, 2},    // chunksize larger than the parts
                                     Shape{100'003, 64, 16, 4}, // more workers than cores
                                     Shape{4096, 16, 4, 1})),   // one worker
    shape_name);

class FunctionsAndKernels : public ::testing::TestWithParam<std::tuple<Function, Kernel, StrategyKind>> {};

TEST_P(FunctionsAndKernels, EveryStrategyVerifies)
{
    const auto& [f, k, kind] = GetParam();
    RunConfig c = small(kind, 10'007, 13, 2);
    c.workload.function = f;
    c.workload.kernel = k;
    c.workload.intensity = 3;
    Runner runner;
    const CellResult r = runner.run(c);
    EXPECT_TRUE(r.verified) << r.error;
}

INSTANTIATE_TEST_SUITE_P(All, FunctionsAndKernels,
                         ::testing::Combine(::testing::ValuesIn(std::vector<Function>(all_functions().begin(),
                                                                                  all_functions().end())),
                                          ::testing::Values(Kernel::Scalar, Kernel::Simd),
                                          ::testing::Values(StrategyKind::ForkSplit, StrategyKind::ForkShm,
                                                          StrategyKind::Threads, StrategyKind::Tbb,
                                                          StrategyKind::Omp, StrategyKind::StdPar)));

TEST(Kernels, AnySplitIsBitIdenticalToTheWhole)
{
    const std::size_t n = 1003;
    std::vector<double> in(n), whole(n), pieces(n);
    fill_data(in.data(), 0, n, Workload{.seed = 7});
    for (Function f : all_functions()) {
        for (Kernel k : {Kernel::Scalar, Kernel::Simd}) {
            apply_kernel(f, k, 2, in.data(), whole.data(), n);
            // Pieces of every length from 1 to 37, at every offset they fall on.
            std::size_t at = 0, len = 1;
            while (at < n) {
                const std::size_t m = std::min(len, n - at);
                apply_kernel(f, k, 2, in.data() + at, pieces.data() + at, m);
                at += m;
                len = len % 37 + 1;
            }
            EXPECT_EQ(std::memcmp(whole.data(), pieces.data(), n * sizeof(double)), 0)
                << to_string(f) << " " << to_string(k);
        }
    }
}

TEST(Kernels, ComputeTheNamedFunction)
{
    const std::vector<double> in{0.0, 0.25, 0.5, 0.999};
    std::vector<double> out(in.size());
    struct Case {
        Function f;
        double (*ref)(double);
    };
    const Case cases[] = {{Function::Exp, [](double x) { return std::exp(x); }},
                          {Function::Log, [](double x) { return std::log(x); }},
                          {Function::Sin, [](double x) { return std::sin(x); }},
                          {Function::Sqrt, [](double x) { return std::sqrt(x); }},
                          {Function::Tanh, [](double x) { return std::tanh(x); }}};
    for (const Case& c : cases) {
        apply_kernel(c.f, Kernel::Scalar, 1, in.data(), out.data(), in.size());
        for (std::size_t i = 0; i < in.size(); ++i)
            EXPECT_EQ(out[i], c.ref(in[i])) << to_string(c.f) << "(" << in[i] << ")";
        apply_kernel(c.f, Kernel::Simd, 1, in.data(), out.data(), in.size());
        for (std::size_t i = 0; i < in.size(); ++i) {
            const double want = c.ref(in[i]);
            if (std::isinf(want))
                EXPECT_EQ(out[i], want);
            else
                EXPECT_NEAR(out[i], want, 4e-16 * std::max(1.0, std::fabs(want))) << to_string(c.f);
        }
    }
}

TEST(Kernels, IntensityAddsEvaluationsOfNearbyPoints)
{
    const double x = 0.3;
    double out = 0;
    apply_kernel(Function::Exp, Kernel::Scalar, 3, &x, &out, 1);
    EXPECT_DOUBLE_EQ(out, std::exp(x) + std::exp(x + 1.0 / 1024) + std::exp(x + 2.0 / 1024));
}

TEST(Parts, AreBalancedLikeArraySplit)
{
    // numpy.array_split(range(10), 3) -> sizes 4, 3, 3
    EXPECT_EQ(part_begin(10, 3, 0), 0u);
    EXPECT_EQ(part_begin(10, 3, 1), 4u);
    EXPECT_EQ(part_begin(10, 3, 2), 7u);
    EXPECT_EQ(part_begin(10, 3, 3), 10u);
    EXPECT_EQ(part_begin(5, 5, 5), 5u);
}

TEST(Config, ChunksizeAutoFollowsPythonsRule)
{
    RunConfig c = small(StrategyKind::ForkItems, 10'000'000, 64, 1, 4);
    c.chunksize_auto = true;
    EXPECT_EQ(effective_splits(c), 10'000'000u);
    EXPECT_EQ(effective_chunksize(c), 625'000u); // ceil(10M / 16)
    EXPECT_EQ(task_count(c), 16u);
    c.workload.size = 17;
    EXPECT_EQ(effective_chunksize(c), 2u); // ceil(17 / 16)
    EXPECT_EQ(task_count(c), 9u);
}

TEST(Config, ValidateSaysWhatIsWrongAndWhatIsAllowed)
{
    RunConfig c = small(StrategyKind::ForkSplit, 100, 64, 1);
    EXPECT_FALSE(validate(c));
    c.splits = 101;
    ASSERT_TRUE(validate(c));
    EXPECT_NE(validate(c)->find("must not exceed the size"), std::string::npos);
    c.splits = 4;
    c.chunksize = 0;
    EXPECT_NE(validate(c)->find("chunksize must be at least 1"), std::string::npos);
    c.chunksize = 1;
    c.workers = 257;
    EXPECT_NE(validate(c)->find("from 1 to 256"), std::string::npos);
    c.workers = 2;
    c.repeats = 0;
    EXPECT_NE(validate(c)->find("repeats"), std::string::npos);
    c.repeats = 1;
    c.workload.size = 0;
    EXPECT_NE(validate(c)->find("at least 1"), std::string::npos);
    c.workload.size = std::size_t{1} << 50; // 8 PiB of doubles
    c.splits = 1;
    const auto err = validate(c);
    ASSERT_TRUE(err);
    EXPECT_NE(err->find("available"), std::string::npos) << *err;
}

// The samples the tutorial's Python module and the MPI ranks send (tasks.h): one reader, each
// event layout read and checked the same way.
TEST(TaskEvents, BothLayoutsAreReadAndCheckedTheSameWay)
{
    using detail::BadReply;
    using detail::EventBytes;
    using detail::task_event_of;
    using nlohmann::json;
    // The MPI ranks: items, then the bytes the task moved, then receive_s and send_s.
    EXPECT_EQ(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 1600, 0.01, 0.02]"), EventBytes::Stated),
              (TaskEvent{1, 7, 0.5, 0.75, 1600, 100, 0.01, 0.02}));
    EXPECT_EQ(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 1600]"), EventBytes::Stated),
              (TaskEvent{1, 7, 0.5, 0.75, 1600, 100, 0, 0}));
    // The Python module: items, then receive_s and send_s; the bytes follow from the strategy.
    EXPECT_EQ(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 0.01, 0.02]"), EventBytes::TwiceTheItems),
              (TaskEvent{1, 7, 0.5, 0.75, 1600, 100, 0.01, 0.02}));
    EXPECT_EQ(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100]"), EventBytes::None), (TaskEvent{1, 7, 0.5, 0.75, 0, 100, 0, 0}));
    // Either layout: a wrong field count, not an array, or a negative receive_s or send_s is
    // refused with what was wrong and what is allowed.
    for (const EventBytes layout : {EventBytes::Stated, EventBytes::TwiceTheItems, EventBytes::None}) {
        for (const char* bad : {"[1, 7, 0.5]", "{\"worker\": 1}", "[1, 7, 0.5, 0.75, 100, 2, 3, 4, 5]"}) {
            try {
                task_event_of(json::parse(bad), layout);
                ADD_FAILURE() << bad << " was read";
            } catch (const BadReply& e) {
                EXPECT_NE(std::string(e.what()).find("allowed: [worker, task, start_s, end_s, items"), std::string::npos)
                    << e.what();
            }
        }
    }
    EXPECT_THROW(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 1600, -0.01, 0.02]"), EventBytes::Stated), BadReply);
    EXPECT_THROW(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 0.01, -0.02]"), EventBytes::TwiceTheItems), BadReply);
    // A Python event is not an MPI one, nor the other way round.
    EXPECT_THROW(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 0.01, 0.02]"), EventBytes::Stated), BadReply);
    EXPECT_THROW(task_event_of(json::parse("[1, 7, 0.5, 0.75, 100, 1600]"), EventBytes::TwiceTheItems), BadReply);
    // A whole sample: its wall, its phases and its events.
    json sample{{"wall_s", 1.5}, {"events", json::array({json::array({0, 0, 0.1, 0.2, 10, 160, 0, 0})})},
                {"events_truncated", true}};
    for (const Phase p : kAllPhases)
        sample["phases"][std::string(to_string(p))] = 0.25;
    const RunSample s = detail::sample_of(sample, EventBytes::Stated);
    EXPECT_EQ(s.wall_s, 1.5);
    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].bytes, 160u);
    EXPECT_TRUE(s.events_truncated);
    for (const Phase p : kAllPhases)
        EXPECT_EQ(s.phases[p], 0.25) << to_string(p);
}

// SPDX-License-Identifier: GPL-3.0-or-later
// The counter-based generator: the same vector whoever makes which part, inside each
// function's domain, and the documented formula (the Python test checks the same values).

#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace chunkscope;

namespace {

Workload seeded_workload(std::uint64_t seed, Function f = Function::Exp)
{
    Workload w;
    w.seed = seed;
    w.function = f;
    return w;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

} // namespace

TEST(Generator, FollowsTheDocumentedFormula)
{
    // counter-v1 as generator.h states it; tests/python/test_tutorial.py checks numpy's values
    // against the same numbers.
    struct Case {
        std::uint64_t seed;
        std::size_t index;
        double value;
    };
    const Case cases[] = {{20230501, 0, 0x1.1246527dfd968p-4},          {20230501, 1, 0x1.6ac31c80d241cp-3},
                          {20230501, 2, 0x1.b857d021cd9bap-2},          {20230501, 1234567, 0x1.a2097c74a616dp-1},
                          {20230501, 3'000'000'000, 0x1.1412251c6169bp-1}, {7, 0, 0x1.7169852efd579p-1},
                          {7, (std::size_t{1} << 40) + 5, 0x1.e3518827b36fcp-3}};
    for (const Case& c : cases)
        EXPECT_EQ(data_item(seeded_workload(c.seed), c.index), c.value) << c.seed << " " << c.index;
    EXPECT_EQ(to_string(kCurrentGenerator), "counter-v1");
    EXPECT_EQ(parse_generator("counter-v1"), Generator::CounterV1);
    EXPECT_EQ(parse_generator("legacy"), Generator::Legacy);
    EXPECT_FALSE(parse_generator("mt19937"));
}

TEST(Generator, OneThreadAndEveryCoreMakeTheSameVector)
{
    const std::size_t n = 1'000'003; // many parallel grains and an odd tail
    const Workload w = seeded_workload(20230501);
    std::vector<double> parallel(n), serial(n), one_by_one(n);
    fill_data(parallel.data(), 0, n, w);
    fill_data_serial(serial.data(), 0, n, w);
    for (std::size_t i = 0; i < n; ++i)
        one_by_one[i] = data_item(w, i);
    EXPECT_TRUE(same_bits(parallel, serial));
    EXPECT_TRUE(same_bits(parallel, one_by_one));
    // Eight threads of our own, each making every eighth slice of 10 000 items.
    std::vector<double> threaded(n);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (std::size_t at = t * 10'000; at < n; at += 8 * 10'000)
                fill_data_serial(threaded.data() + at, at, std::min(n, at + 10'000), w);
        });
    for (std::thread& t : threads)
        t.join();
    EXPECT_TRUE(same_bits(parallel, threaded));
}

TEST(Generator, AnySliceIsTheSameAsThatPartOfTheWhole)
{
    const std::size_t n = 200'000;
    const Workload w = seeded_workload(42);
    std::vector<double> whole(n);
    fill_data(whole.data(), 0, n, w);
    // Slices of awkward lengths at every offset they fall on, by both entry points, as ranks
    // filling their own buffers would.
    std::vector<double> pieces(n);
    std::size_t at = 0, len = 1;
    bool parallel = false;
    while (at < n) {
        const std::size_t end = std::min(n, at + len);
        if (parallel)
            fill_data(pieces.data() + at, at, end, w);
        else
            fill_data_serial(pieces.data() + at, at, end, w);
        at = end;
        len = len * 7 % 70'001 + 1;
        parallel = !parallel;
    }
    EXPECT_TRUE(same_bits(whole, pieces));
    // A slice far beyond 2^32, its own buffer: the same as item by item.
    const std::size_t begin = (std::size_t{1} << 33) + 17;
    std::vector<double> far(100'000);
    fill_data(far.data(), begin, begin + far.size(), w);
    for (std::size_t k = 0; k < far.size(); k += 997)
        ASSERT_EQ(far[k], data_item(w, begin + k)) << k;
    // An empty slice writes nothing.
    double untouched = -1;
    fill_data(&untouched, 5, 5, w);
    fill_data_serial(&untouched, 9, 3, w);
    EXPECT_EQ(untouched, -1);
}

TEST(Generator, StaysInEachFunctionsDomain)
{
    const std::size_t n = 1 << 20;
    std::vector<double> x(n), y(n);
    for (Function f : all_functions()) {
        const InputRange r = input_range(f);
        EXPECT_EQ(r.lo, 0.0) << to_string(f); // the ranges the tutorial's numpy.random.rand gave
        EXPECT_EQ(r.hi, 1.0) << to_string(f);
        fill_data(x.data(), 0, n, seeded_workload(20230501, f));
        double sum = 0;
        for (double v : x) {
            ASSERT_GT(v, r.lo) << to_string(f); // open at both ends: log(0) never comes up
            ASSERT_LT(v, r.hi) << to_string(f);
            sum += v;
        }
        EXPECT_NEAR(sum / n, 0.5 * (r.lo + r.hi), 0.005) << to_string(f);
        apply_kernel(f, Kernel::Scalar, 1, x.data(), y.data(), n);
        for (std::size_t i = 0; i < n; ++i)
            ASSERT_TRUE(std::isfinite(y[i])) << to_string(f) << "(" << x[i] << ")";
    }
}

TEST(Generator, TheSeedChangesTheVector)
{
    std::vector<double> a(1000), b(1000);
    fill_data(a.data(), 0, a.size(), seeded_workload(42));
    fill_data(b.data(), 0, b.size(), seeded_workload(43));
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        same += a[i] == b[i];
    EXPECT_EQ(same, 0u);
}

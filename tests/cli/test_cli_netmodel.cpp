// SPDX-License-Identifier: GPL-3.0-or-later
// scale --project / --network as a user meets them: bad input refused with exit 2 and what is
// allowed; a real scaling of mpi-distributed with the model beside its points (on the link
// measured here) and the projection, in the table and in the JSON; a real scaling of
// py-dask-distributed with the Dask model beside its points and its twin's projection beside its own.

#include "childprocess.h"

#include "chunkscope/mpi.h"
#include "chunkscope/python.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

struct Bad {
    std::string name;
    Args args;
    std::vector<std::string> mentions;
};
std::ostream& operator<<(std::ostream& os, const Bad& b) { return os << b.name; }

class CliModelBadInput : public testing::TestWithParam<Bad> {};

TEST_P(CliModelBadInput, ExitsTwoSayingWhatIsAllowed)
{
    const Bad& bad = GetParam();
    const Outcome o = run_cli(bad.args, 20s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 2) << describe(o);
    EXPECT_EQ(o.err.rfind("chunkscope-cli: error: ", 0), 0u) << describe(o);
    for (const std::string& word : bad.mentions)
        EXPECT_NE(o.err.find(word), std::string::npos) << "should mention \"" << word << "\"\n" << describe(o);
    EXPECT_TRUE(o.out.empty()) << describe(o);
}

const Bad kBad[] = {
    {"NotMpi", {"scale", "--strategy", "threads", "--project", "64"}, {"--project", "mpi-distributed", "threads"}},
    {"NetworkNotMpi", {"scale", "--strategy", "tbb", "--network", "10GB/s"}, {"--network", "mpi strategies"}},
    {"ProjectZero", {"scale", "--strategy", "mpi", "--project", "0"}, {"--project", "from 1 to 4096"}},
    {"ProjectWord", {"scale", "--strategy", "mpi", "--project", "many"}, {"--project", "whole number"}},
    {"NetworkWord", {"scale", "--strategy", "mpi", "--network", "fast"}, {"--network", "100Gb/s,2us"}},
    {"NetworkNoUnit", {"scale", "--strategy", "mpi-distributed", "--network", "100"}, {"--network", "no unit"}},
    {"NetworkBadUnit", {"scale", "--strategy", "mpi", "--network", "100Gb/h"}, {"--network", "unknown unit"}},
    {"NetworkTwoLatencies", {"scale", "--strategy", "mpi", "--network", "2us,3us"}, {"two latencies"}},
    {"NetworkZero", {"scale", "--strategy", "mpi", "--network", "0Gb/s,2us"}, {"more than zero"}},
    {"DaskNetwork", {"scale", "--strategy", "py-dask-distributed", "--network", "10GB/s"},
     {"--network", "py-dask-distributed", "costs measured here", "--project N alone"}},
    {"DaskProjectZero", {"scale", "--strategy", "py-dask-cluster", "--project", "0"}, {"--project", "from 1 to 4096"}},
};

// A model of a 1,2 scaling with --project 8: each measured point's prediction and measured /
// predicted, and the projection at 1, 2, 4, 8 workers.
void expect_two_points_projected_to_eight(const nlohmann::json& m)
{
    ASSERT_EQ(m["measured"].size(), 2u) << m.dump(2);
    for (const auto& p : m["measured"]) {
        EXPECT_GT(p["predicted_s"].get<double>(), 0);
        EXPECT_NEAR(p["measured_over_predicted"].get<double>(), p["measured_s"].get<double>() / p["predicted_s"].get<double>(),
                    1e-9);
    }
    std::vector<int> workers;
    for (const auto& p : m["projected"])
        workers.push_back(p["workers"].get<int>());
    EXPECT_EQ(workers, (std::vector<int>{1, 2, 4, 8})) << m.dump(2);
}

INSTANTIATE_TEST_SUITE_P(Refused, CliModelBadInput, testing::ValuesIn(kBad),
                         [](const testing::TestParamInfo<Bad>& info) { return info.param.name; });

TEST(CliModel, ScaleProjectsAndPredictsBesideEachPoint)
{
    if (const Availability a = mpi_availability(); !a.available)
        GTEST_SKIP() << a.reason;
    const Args common{"scale", "--strategy", "mpi-distributed", "--workers-list", "1,2", "--size", "200K",
                      "--pool", "warm", "--repeats", "1", "--warmup", "0", "--project", "8", "--network", "10GB/s,5us"};
    Args json = common;
    json.insert(json.end(), {"--format", "json"});
    const Outcome o = run_cli(json, 150s);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    const auto doc = nlohmann::json::parse(o.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    ASSERT_TRUE(doc.contains("network_model")) << describe(o);
    const auto& m = doc["network_model"];
    ASSERT_FALSE(m.contains("error")) << m.dump(2);
    EXPECT_EQ(m["typed_network"]["source"], "typed");
    EXPECT_DOUBLE_EQ(m["typed_network"]["bandwidth_bytes_per_s"].get<double>(), 10e9);
    EXPECT_DOUBLE_EQ(m["typed_network"]["latency_s"].get<double>(), 5e-6);
    EXPECT_EQ(m["measured_network"]["source"].get<std::string>().rfind("measured here, shm, ", 0), 0u) << m.dump(2);
    EXPECT_GT(m["measured_network"]["bandwidth_bytes_per_s"].get<double>(), 0);
    EXPECT_GT(m["compute_s_per_item"].get<double>(), 0);
    expect_two_points_projected_to_eight(m);

    const Outcome t = run_cli(common, 150s);
    ASSERT_TRUE(t.exited && t.exit_code == 0) << describe(t);
    EXPECT_NE(t.out.find("measured/model"), std::string::npos) << describe(t);
    EXPECT_NE(t.out.find("Projection on 80 Gb/s, 5 µs (typed)"), std::string::npos) << describe(t);
}

TEST(CliModel, DaskScaleProjectsBesideItsTwin)
{
    if (const PythonProbe& p = python_probe(); !p.ok || p.distributed.empty())
        GTEST_SKIP() << "no dask.distributed: " << p.error << p.distributed_error;
    // A warm cluster (one start for the scaling), 4 chunks of 200K items, to 8 workers.
    // One run (the cluster's start, its costs and the TCP ping-pong take seconds): the JSON; the
    // table prints the same figures (projection.cpp).
    const Outcome o = run_cli({"scale", "--strategy", "py-dask-distributed", "--workers-list", "1,2", "--size", "200K",
                               "--splits", "4", "--pool", "warm", "--repeats", "1", "--warmup", "0", "--project", "8",
                               "--format", "json"},
                              150s);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    const auto doc = nlohmann::json::parse(o.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    ASSERT_TRUE(doc.contains("dask_model")) << describe(o);
    EXPECT_FALSE(doc.contains("network_model"));
    const auto& m = doc["dask_model"];
    ASSERT_FALSE(m.contains("error")) << m.dump(2);
    EXPECT_EQ(m["strategy"], "py-dask-distributed");
    EXPECT_GT(m["costs"]["task_s"].get<double>(), 0) << m.dump(2);
    EXPECT_GT(m["compute_s_per_item"].get<double>(), 0);
    expect_two_points_projected_to_eight(m);
    const auto& twin = m["twin"];
    EXPECT_EQ(twin["strategy"], "mpi-distributed");
    if (mpi_availability().available) {
        ASSERT_FALSE(twin.contains("error")) << twin.dump(2);
        EXPECT_EQ(twin["measured_network"]["source"].get<std::string>().rfind("measured here, tcp, ", 0), 0u)
            << twin.dump(2);
        EXPECT_EQ(twin["projected"].size(), 4u) << twin.dump(2);
    } else {
        EXPECT_TRUE(twin.contains("error")) << twin.dump(2);
    }
}

} // namespace
} // namespace chunkscope::test

// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli run/sweep --as-tutorial: one cold run of the tutorial's Python in a fresh
// interpreter, numpy.random.rand inside the timed region, said so in JSON and in the table.

#include "childprocess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;
using Args = std::vector<std::string>;

TEST(CliAsTutorial, RunIsOneColdRunSaidSoInJson)
{
    const Outcome o = run_cli({"run", "--strategy", "py-split", "--size", "20K", "--workers", "2", "--splits", "8",
                               "--as-tutorial", "--format", "json"},
                              120s);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    const nlohmann::json& r = doc.at("results").at(0);
    EXPECT_EQ(r.at("timing"), "as-tutorial");
    EXPECT_NE(r.at("data").get<std::string>().find("numpy.random.rand"), std::string::npos);
    EXPECT_FALSE(r.contains("generator")) << "the data is rand's, not the engine's generator";
    EXPECT_EQ(r.at("repeats"), 1);
    EXPECT_EQ(r.at("warmup"), 0);
    EXPECT_EQ(r.at("warmup_runs"), 0);
    EXPECT_EQ(r.at("samples").size(), 1u);
    EXPECT_EQ(r.at("pool"), "fresh");
    EXPECT_EQ(r.at("verified"), true);
    EXPECT_GT(r.at("phases").at("startup_s").get<double>(), 0.0) << "the data and the pool are made inside the clock";
    // The tutorial's plain program maps numpy's function, no stamping wrapper: no task stamps cut
    // the run into scatter and gather, all of it from the pool's start to the result is compute.
    EXPECT_EQ(r.at("phases").at("scatter_s").get<double>(), 0.0) << describe(o);
    EXPECT_EQ(r.at("phases").at("gather_s").get<double>(), 0.0) << describe(o);
}

TEST(CliAsTutorial, TableSaysItWasTimedTheTutorialsWay)
{
    const Outcome o = run_cli({"run", "--strategy", "py-sequential", "--size", "10K", "--as-tutorial"}, 120s);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    EXPECT_NE(o.out.find("Timed as the tutorial timed it"), std::string::npos) << describe(o);
    EXPECT_NE(o.out.find("py-sequential (as tutorial)"), std::string::npos) << describe(o);
    EXPECT_NE(o.out.find("not a warmed median"), std::string::npos) << describe(o);
}

TEST(CliAsTutorial, SweepTimesEveryCellInItsOwnInterpreter)
{
    const Outcome o = run_cli({"sweep", "--strategy", "py-split", "--size", "10K", "--workers", "2", "--splits-list",
                               "1,4", "--chunks-list", "1", "--as-tutorial", "--format", "json"},
                              120s);
    ASSERT_TRUE(o.exited) << describe(o);
    ASSERT_EQ(o.exit_code, 0) << describe(o);
    const nlohmann::json doc = nlohmann::json::parse(o.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << describe(o);
    ASSERT_EQ(doc.at("results").size(), 2u);
    for (const nlohmann::json& r : doc.at("results")) {
        EXPECT_EQ(r.at("timing"), "as-tutorial");
        EXPECT_EQ(r.at("verified"), true);
    }
}

struct Refused {
    const char* name;
    Args args;
    std::vector<std::string> mentions;
};

TEST(CliAsTutorial, RefusedBeforeAnythingRunsWithWhatIsAllowed)
{
    const Refused cases[] = {
        {"a C++ strategy", {"run", "--strategy", "fork-split", "--as-tutorial"}, {"fork-split", "py-split", "Python programs only"}},
        {"repeats", {"run", "--strategy", "py-split", "--as-tutorial", "--repeats", "3"}, {"repeats must be 1"}},
        {"warm-up", {"run", "--strategy", "py-split", "--as-tutorial", "--warmup", "settle"}, {"warmup 0"}},
        {"warm pool", {"run", "--strategy", "py-split", "--as-tutorial", "--pool", "warm"}, {"pool must be fresh"}},
    };
    for (const Refused& c : cases) {
        SCOPED_TRACE(c.name);
        const Outcome o = run_cli(c.args, 20s);
        ASSERT_TRUE(o.exited) << describe(o);
        EXPECT_EQ(o.exit_code, 2) << describe(o);
        EXPECT_TRUE(o.out.empty()) << describe(o);
        for (const std::string& m : c.mentions)
            EXPECT_NE(o.err.find(m), std::string::npos) << "should mention \"" << m << "\"\n" << describe(o);
    }
    // Compare and scale have no such option.
    const Outcome o = run_cli({"compare", "--as-tutorial"}, 20s);
    EXPECT_EQ(o.exit_code, 2) << describe(o);
}

} // namespace
} // namespace chunkscope::test

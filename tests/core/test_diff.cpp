// SPDX-License-Identifier: GPL-3.0-or-later
// diff_results on two sets whose inputs came from different data generators: the cells still
// pair, and the difference is data (generators, the warning) that the CLI and the window show.

#include "chunkscope/diff.h"

#include "support/configs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <vector>

using namespace chunkscope;

namespace {

std::vector<CellResult> cells(Generator g, std::vector<std::size_t> splits)
{
    std::vector<CellResult> out;
    for (std::size_t s : splits) {
        CellResult r;
        r.config = chunkscope::support::small_config(StrategyKind::ForkSplit, 10'000, s, 1);
        r.status = Status::Ok;
        r.median_s = 0.01 * static_cast<double>(s);
        r.generator = g;
        out.push_back(r);
    }
    return out;
}

} // namespace

TEST(Diff, SetsFromTheSameGeneratorHaveNoWarning)
{
    const auto a = cells(Generator::CounterV1, {1, 8}), b = cells(Generator::CounterV1, {8, 64});
    const ResultsDiff d = diff_results(a, b);
    EXPECT_EQ(d.cells.size(), 3u);
    EXPECT_FALSE(d.generators);
    std::ostringstream json;
    write_diff(json, Format::Json, d, "a.json", "b.json");
    EXPECT_FALSE(nlohmann::json::parse(json.str()).contains("warning"));
}

TEST(Diff, SetsFromDifferentGeneratorsPairAndSaySo)
{
    const auto a = cells(Generator::Legacy, {1, 8}), b = cells(Generator::CounterV1, {8, 64});
    const ResultsDiff d = diff_results(a, b);
    ASSERT_EQ(d.cells.size(), 3u) << "the times still compare";
    EXPECT_NEAR(d.cells[0].ratio, 1.0, 1e-12);
    ASSERT_TRUE(d.generators);
    EXPECT_EQ(d.generators->a, "legacy");
    EXPECT_EQ(d.generators->b, "counter-v1");
    const std::string said = "warning: a.json's data came from legacy, b.json's from counter-v1: the inputs differ, "
                             "so the times compare but outputs do not";
    EXPECT_EQ(generator_warning(*d.generators, "a.json", "b.json"), said);
    std::ostringstream json;
    write_diff(json, Format::Json, d, "a.json", "b.json");
    const auto j = nlohmann::json::parse(json.str());
    EXPECT_EQ(j.at("warning"), said);
    EXPECT_EQ(j.at("generators").at("a"), "legacy");
    EXPECT_EQ(j.at("cells").size(), 3u);
}

TEST(Diff, ASetThatMixesGeneratorsNamesThemAll)
{
    auto a = cells(Generator::CounterV1, {1});
    const auto old = cells(Generator::Legacy, {8});
    a.insert(a.end(), old.begin(), old.end());
    const auto d = generator_difference(a, cells(Generator::CounterV1, {1, 8}));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->a, "counter-v1 and legacy");
    EXPECT_FALSE(generator_difference(a, {})) << "nothing to compare with, nothing to warn of";
}

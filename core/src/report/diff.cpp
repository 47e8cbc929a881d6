// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/diff.h"

#include "chunkscope/format.h"
#include "chunkscope/plan.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <set>
#include <tuple>

namespace chunkscope {

namespace {

using Json = nlohmann::ordered_json;

bool one_strategy(std::span<const CellResult> cells)
{
    std::set<StrategyKind> kinds;
    for (const CellResult& c : cells)
        kinds.insert(c.config.strategy);
    // A sweep's sequential baseline sits beside its one strategy.
    if (kinds.size() == 2 && std::any_of(kinds.begin(), kinds.end(), is_sequential))
        return true;
    return kinds.size() <= 1;
}

auto key(const CellResult& c, bool with_strategy)
{
    const GridPoint p = grid_point(c.config);
    return std::make_tuple(with_strategy ? static_cast<int>(c.config.strategy) : -1, c.config.workload.function,
                           c.config.workload.size, c.config.workload.intensity, c.config.workers, p.splits,
                           p.chunksize);
}

std::string name(const CellResult* c) { return c ? std::string(to_string(c->config.strategy)) : "-"; }

std::string verdict(const CellDiff& d)
{
    if (!d.a || !d.b)
        return d.a ? "in A only" : "in B only";
    if (d.a->status != Status::Ok || d.b->status != Status::Ok)
        return "a run failed";
    if (!d.test)
        return "too few samples (fewer than " + std::to_string(kMinSamplesForTest) + " on a side)";
    if (!d.significant())
        return "no significant difference";
    return d.ratio < 1 ? "A faster" : "B faster";
}

std::string p_text(const CellDiff& d)
{
    if (!d.test)
        return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", d.test->p);
    return buf;
}

} // namespace

bool diff_by_strategy(std::span<const CellResult> a, std::span<const CellResult> b)
{
    return !(one_strategy(a) && one_strategy(b));
}

CellDiff diff_cell(const CellResult& a, std::span<const CellResult> b, bool by_strategy)
{
    const auto k = key(a, by_strategy);
    // Without strategies, a baseline matches a baseline only.
    const auto it = std::find_if(b.begin(), b.end(), [&](const CellResult& y) {
        return key(y, by_strategy) == k && is_sequential(y.config.strategy) == is_sequential(a.config.strategy);
    });
    CellDiff d{&a, it == b.end() ? nullptr : &*it, 0, std::nullopt};
    if (!d.b)
        return d;
    if (a.status == Status::Ok && d.b->status == Status::Ok && d.b->median_s > 0)
        d.ratio = a.median_s / d.b->median_s;
    if (a.samples.size() >= kMinSamplesForTest && d.b->samples.size() >= kMinSamplesForTest)
        d.test = mann_whitney_u(a.samples, d.b->samples);
    return d;
}

std::optional<GeneratorDifference> generator_difference(std::span<const CellResult> a, std::span<const CellResult> b)
{
    const auto names = [](std::span<const CellResult> cells) {
        std::set<std::string_view> seen;
        for (const CellResult& c : cells)
            seen.insert(to_string(c.generator));
        std::string text;
        for (std::string_view n : seen)
            text += (text.empty() ? "" : " and ") + std::string(n);
        return text;
    };
    GeneratorDifference d{names(a), names(b)};
    if (d.a.empty() || d.b.empty() || d.a == d.b)
        return std::nullopt;
    return d;
}

std::string generator_warning(const GeneratorDifference& d, std::string_view a_name, std::string_view b_name)
{
    return "warning: " + std::string(a_name) + "'s data came from " + d.a + ", " + std::string(b_name) + "'s from " +
           d.b + ": the inputs differ, so the times compare but outputs do not";
}

ResultsDiff diff_results(std::span<const CellResult> a, std::span<const CellResult> b)
{
    const bool by_strategy = diff_by_strategy(a, b);
    std::vector<CellDiff> out;
    std::vector<bool> matched(b.size(), false);
    std::vector<CellDiff> a_only;
    for (const CellResult& x : a) {
        CellDiff d = diff_cell(x, b, by_strategy);
        if (!d.b) {
            a_only.push_back(d);
            continue;
        }
        matched[static_cast<std::size_t>(d.b - b.data())] = true;
        out.push_back(d);
    }
    out.insert(out.end(), a_only.begin(), a_only.end());
    for (std::size_t i = 0; i < b.size(); ++i)
        if (!matched[i])
            out.push_back(CellDiff{nullptr, &b[i], 0, std::nullopt});
    return {std::move(out), generator_difference(a, b)};
}

void write_diff(std::ostream& os, Format f, const ResultsDiff& diff, std::string_view a_name, std::string_view b_name)
{
    const std::vector<CellDiff>& diffs = diff.cells;
    const auto point = [](const CellDiff& d) { return grid_point((d.a ? d.a : d.b)->config); };
    if (f == Format::Json) {
        Json cells = Json::array();
        for (const CellDiff& d : diffs) {
            const GridPoint p = point(d);
            Json j{{"splits", p.splits}, {"chunksize", p.chunksize}, {"strategy_a", d.a ? Json(name(d.a)) : Json()},
                   {"strategy_b", d.b ? Json(name(d.b)) : Json()},
                   {"median_a_s", d.a ? Json(d.a->median_s) : Json()}, {"median_b_s", d.b ? Json(d.b->median_s) : Json()},
                   {"ratio", d.a && d.b && d.ratio > 0 ? Json(d.ratio) : Json()},
                   {"p_value", d.test ? Json(d.test->p) : Json()}, {"verdict", verdict(d)}};
            cells.push_back(std::move(j));
        }
        Json out{{"cells", std::move(cells)}};
        if (diff.generators) {
            out["generators"] = {{"a", diff.generators->a}, {"b", diff.generators->b}};
            out["warning"] = generator_warning(*diff.generators, a_name, b_name);
        }
        os << out.dump(2) << '\n';
        return;
    }
    if (f == Format::Csv)
        os << "splits,chunksize,strategy_a,strategy_b,median_a_s,median_b_s,ratio,p_value,verdict\n";
    else
        os << "splits  chunk  A              B              median A   median B     A/B         p  verdict\n";
    for (const CellDiff& d : diffs) {
        const GridPoint p = point(d);
        char line[256];
        char ratio[32] = "-";
        if (d.a && d.b && d.ratio > 0)
            std::snprintf(ratio, sizeof ratio, "%.3g", d.ratio);
        const std::string ma = d.a ? format_seconds(d.a->median_s) : "-";
        const std::string mb = d.b ? format_seconds(d.b->median_s) : "-";
        if (f == Format::Csv) {
            os << p.splits << ',' << p.chunksize << ',' << name(d.a) << ',' << name(d.b) << ','
               << (d.a ? std::to_string(d.a->median_s) : "") << ',' << (d.b ? std::to_string(d.b->median_s) : "")
               << ',' << (ratio[0] == '-' ? "" : ratio) << ',' << (d.test ? p_text(d) : "") << ',' << verdict(d)
               << '\n';
            continue;
        }
        std::snprintf(line, sizeof line, "%6s  %5s  %-13s  %-13s  %9s  %9s  %6s  %8s  %s\n", format_size(p.splits).c_str(),
                      format_size(p.chunksize).c_str(), name(d.a).c_str(), name(d.b).c_str(), ma.c_str(), mb.c_str(),
                      ratio, p_text(d).c_str(), verdict(d).c_str());
        os << line;
    }
}

} // namespace chunkscope

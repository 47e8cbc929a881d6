// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-cli's charts as images: run, compare and scale with --png, --svg and --pdf, drawn by
// the window's chart classes; sweep's heatmap as a PDF; the paths checked before anything runs.

#include "childprocess.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

namespace chunkscope::test {
namespace {

using namespace std::chrono_literals;

#ifdef CHUNKSCOPE_WITH_UI

std::string chart_path(const std::string& name)
{
    return "/tmp/chunkscope-cli-charts-" + std::to_string(getpid()) + "-" + name;
}

// The width and height a PNG's header gives (0, 0 if it is not a PNG).
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png)
{
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || png.compare(12, 4, "IHDR") != 0)
        return {0, 0};
    const auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    return {be32(16), be32(20)};
}

// The three images a command wrote, read back and removed.
struct Images {
    std::string png, svg, pdf;
};

Images read_and_remove(const std::string& stem)
{
    Images images;
    for (auto [suffix, bytes] : {std::pair{".png", &images.png}, {".svg", &images.svg}, {".pdf", &images.pdf}}) {
        const std::string path = chart_path(stem + suffix);
        *bytes = slurp(path);
        std::remove(path.c_str());
    }
    return images;
}

// What every command's images share: a PNG of full-HD slide size, an SVG with text, a PDF page.
void expect_real_images(const Images& images)
{
    EXPECT_GT(images.png.size(), 5000u);
    EXPECT_EQ(png_size(images.png), std::make_pair(std::uint32_t{1920}, std::uint32_t{1080}));
    EXPECT_EQ(images.svg.rfind("<?xml", 0), 0u) << images.svg.substr(0, 100);
    EXPECT_NE(images.svg.find("<svg"), std::string::npos);
    EXPECT_NE(images.svg.find("</svg>"), std::string::npos) << "the SVG is cut short";
    EXPECT_EQ(images.pdf.rfind("%PDF-", 0), 0u) << images.pdf.substr(0, 20);
    EXPECT_GT(images.pdf.size(), 2000u);
    EXPECT_NE(images.pdf.find("%%EOF"), std::string::npos) << "the PDF is cut short";
    // The footer: the machine and its state.
    EXPECT_NE(images.svg.find("logical cores"), std::string::npos) << "no machine in the footer";
}

// The options writing stem.png, stem.svg and stem.pdf.
std::vector<std::string> with_images(std::vector<std::string> args, const std::string& stem)
{
    for (const char* kind : {"png", "svg", "pdf"}) {
        args.push_back(std::string("--") + kind);
        args.push_back(chart_path(stem + "." + kind));
    }
    return args;
}

TEST(CliCharts, RunWritesItsPhasesAndTimeline)
{
    const Outcome o = run_cli(with_images({"run", "--strategy", "fork-split", "--size", "100K", "--splits", "8",
                                           "--workers", "2", "--repeats", "1", "--warmup", "0"},
                                          "run"),
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const Images images = read_and_remove("run");
    expect_real_images(images);
    for (const char* text : {"fork-split", "Where the time goes", "worker 1", "splits 8"})
        EXPECT_NE(images.svg.find(text), std::string::npos) << "no \"" << text << "\" in the SVG";
}

// Every piece of text an SVG draws, cut at " · " (a row of twins reads "threads · py-threads").
std::set<std::string> text_parts(const std::string& svg)
{
    std::set<std::string> parts;
    for (std::size_t open = svg.find('>'); open != std::string::npos; open = svg.find('>', open + 1)) {
        const std::size_t close = svg.find('<', open);
        if (close == std::string::npos)
            break;
        std::string text = svg.substr(open + 1, close - open - 1);
        for (std::size_t cut; (cut = text.find(" \xc2\xb7 ")) != std::string::npos; text.erase(0, cut + 4))
            parts.insert(text.substr(0, cut));
        parts.insert(text);
    }
    return parts;
}

// compare with its images: the report's strategies, their images read back and removed.
struct CompareImages {
    Outcome outcome;
    Images images;
    std::vector<std::string> strategies;
};

CompareImages compare_with_images()
{
    CompareImages c;
    c.outcome = run_cli(with_images({"compare", "--size", "100K", "--splits", "8", "--workers", "2", "--repeats", "1",
                                     "--warmup", "0", "--format", "json"},
                                    "compare"),
                        150s);
    c.images = read_and_remove("compare");
    const nlohmann::json doc = nlohmann::json::parse(c.outcome.out, nullptr, false);
    if (!doc.is_discarded() && doc.contains("results"))
        for (const nlohmann::json& r : doc.at("results"))
            c.strategies.push_back(r.at("strategy").get<std::string>());
    return c;
}

TEST(CliCharts, CompareWritesTheBarsOfEveryStrategy)
{
    const CompareImages c = compare_with_images();
    ASSERT_TRUE(c.outcome.exited) << describe(c.outcome);
    // A strategy that cannot run here (no MPI) fails its cell; the others still make the chart.
    ASSERT_TRUE(c.outcome.exit_code == 0 || c.outcome.exit_code == 1) << describe(c.outcome);
    expect_real_images(c.images);
    ASSERT_GT(c.strategies.size(), 2u) << c.outcome.out;
    EXPECT_NE(c.images.svg.find("Every strategy"), std::string::npos);
    EXPECT_NE(c.images.svg.find("(log scale)"), std::string::npos) << "the log axis does not say so";
    // Each compared strategy's name, in full, as the text of the SVG (not elided as "thre…").
    const std::set<std::string> names = text_parts(c.images.svg);
    for (const std::string& name : c.strategies)
        EXPECT_TRUE(names.count(name)) << "no full \"" << name << "\" in the SVG";
}

TEST(CliCharts, ScaleWritesTheCurveWithItsFit)
{
    const Outcome o = run_cli(with_images({"scale", "--strategy", "threads", "--size", "100K", "--workers-list",
                                           "1,2", "--repeats", "1", "--warmup", "0"},
                                          "scale"),
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const Images images = read_and_remove("scale");
    expect_real_images(images);
    for (const char* text : {"threads", "serial fraction", "speedup over sequential", "workers"})
        EXPECT_NE(images.svg.find(text), std::string::npos) << "no \"" << text << "\" in the SVG";
}

TEST(CliCharts, SweepWritesTheHeatmapAsPdf)
{
    const std::string pdf = chart_path("sweep.pdf");
    const Outcome o = run_cli({"sweep", "--strategy", "threads", "--size", "20K", "--splits-list", "1,4",
                               "--chunks-list", "1,2", "--repeats", "1", "--warmup", "0", "--pdf", pdf},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const std::string bytes = slurp(pdf);
    std::remove(pdf.c_str());
    EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
    EXPECT_GT(bytes.size(), 2000u);
    EXPECT_NE(bytes.find("/MediaBox"), std::string::npos);
}

TEST(CliCharts, TheFormatIsTheOptionsWhateverTheName)
{
    const std::string png = chart_path("named.svg");   // --png wins over the suffix
    const Outcome o = run_cli({"run", "--strategy", "threads", "--size", "20K", "--workers", "2", "--repeats", "1",
                               "--warmup", "0", "--png", png},
                              60s);
    ASSERT_TRUE(o.exited && o.exit_code == 0) << describe(o);
    const std::string bytes = slurp(png);
    std::remove(png.c_str());
    EXPECT_EQ(png_size(bytes), std::make_pair(std::uint32_t{1920}, std::uint32_t{1080}));
}

// Each bad path is refused with exit 2 before anything runs: no report on standard output, and
// nothing left where the image would have gone.
struct BadPath {
    std::string name;
    std::vector<std::string> args;
    std::vector<std::string> said;   // on stderr
};

std::ostream& operator<<(std::ostream& os, const BadPath& b) { return os << b.name; }

class CliChartPaths : public testing::TestWithParam<BadPath> {};

TEST_P(CliChartPaths, AreRefusedBeforeAnythingRuns)
{
    std::vector<std::string> args = GetParam().args;
    // Enough work that a run would be seen: a report on standard output.
    for (const char* a : {"--size", "20K", "--repeats", "1", "--warmup", "0"})
        args.push_back(a);
    const Outcome o = run_cli(args, 60s);
    ASSERT_TRUE(o.exited) << describe(o);
    EXPECT_EQ(o.exit_code, 2) << describe(o);
    EXPECT_TRUE(o.out.empty()) << "it ran: " << o.out;
    for (const std::string& word : GetParam().said)
        EXPECT_NE(o.err.find(word), std::string::npos) << "no \"" << word << "\" in: " << o.err;
}

INSTANTIATE_TEST_SUITE_P(
    EveryBadPath, CliChartPaths,
    testing::Values(
        BadPath{"RunPngInAMissingFolder", {"run", "--strategy", "threads", "--png", "/nonexistent-dir/run.png"},
                {"--png", "/nonexistent-dir/run.png", "does not exist"}},
        BadPath{"CompareSvgIsAFolder", {"compare", "--svg", "/tmp"}, {"--svg", "/tmp", "folder"}},
        BadPath{"ScalePdfWithoutAName", {"scale", "--strategy", "threads", "--workers-list", "1", "--pdf", ""},
                {"--pdf", "no file name"}},
        BadPath{"SweepPdfInAMissingFolder",
                {"sweep", "--strategy", "threads", "--splits-list", "1", "--chunks-list", "1", "--pdf",
                 "/nonexistent-dir/sweep.pdf"},
                {"--pdf", "/nonexistent-dir/sweep.pdf"}}),
    [](const testing::TestParamInfo<BadPath>& info) { return info.param.name; });

TEST(CliCharts, EveryChartCommandOffersTheThreeFormats)
{
    for (const char* command : {"run", "compare", "scale", "sweep"}) {
        const Outcome o = run_cli({command, "--help"}, 20s);
        ASSERT_EQ(o.exit_code, 0) << describe(o);
        for (const char* option : {"--png", "--svg", "--pdf"})
            EXPECT_NE(o.out.find(option), std::string::npos) << command << " --help has no " << option;
    }
}

#endif

} // namespace
} // namespace chunkscope::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/format.h"
#include "chunkscope/parse.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

using namespace chunkscope;

TEST(FormatSize, UsesAUnitWhenExact)
{
    EXPECT_EQ(format_size(10'000'000), "10M");
    EXPECT_EQ(format_size(1'000), "1K");
    EXPECT_EQ(format_size(1'500'000), "1.5M");
    EXPECT_EQ(format_size(1'536), "1536");
    EXPECT_EQ(format_size(1'000'000'000), "1G");
    EXPECT_EQ(format_size(2'000'000'000'000), "2T");
    EXPECT_EQ(format_size(1'200), "1.2K");
    EXPECT_EQ(format_size(1'250'000), "1250K");
    EXPECT_EQ(format_size(999), "999");
    EXPECT_EQ(format_size(64), "64");
    EXPECT_EQ(format_size(0), "0");
    EXPECT_EQ(format_size(156'250), "156250");
}

TEST(FormatSize, ReadsBackAsTheSameSize)
{
    for (const std::size_t n : {std::size_t{1}, std::size_t{1'536}, std::size_t{1'500'000}, std::size_t{10'000'000},
                                std::size_t{123'456'789}, std::size_t{7'000'000'000'000},
                                std::numeric_limits<std::size_t>::max()}) {
        SCOPED_TRACE(n);
        EXPECT_EQ(parse_size(format_size(n)).value, n);
    }
}

TEST(FormatBytes, UsesDecimalUnits)
{
    EXPECT_EQ(format_bytes(80e6), "80 MB");
    EXPECT_EQ(format_bytes(1.5e9), "1.5 GB");
    EXPECT_EQ(format_bytes(512), "512 B");
    EXPECT_EQ(format_bytes(2000), "2 KB");
    EXPECT_EQ(format_bytes(0), "0 B");
    EXPECT_EQ(format_bytes(240e6), "240 MB");
    EXPECT_EQ(format_bytes(1'234'567), "1.23 MB");
    EXPECT_EQ(format_bytes(12'345'678), "12.3 MB");
    EXPECT_EQ(format_bytes(3e12), "3 TB");
}

TEST(FormatBytes, RoundingMovesToTheNextUnit)
{
    EXPECT_EQ(format_bytes(999'999), "1 MB");
    EXPECT_EQ(format_bytes(999.7), "1 KB");
    EXPECT_EQ(format_bytes(999.4), "999 B");
}

TEST(FormatSeconds, ThreeSignificantDigitsInAUnitThatSuits)
{
    EXPECT_EQ(format_seconds(850e-6), "850 us");
    EXPECT_EQ(format_seconds(0.0123), "12.3 ms");
    EXPECT_EQ(format_seconds(1.52), "1.52 s");
    EXPECT_EQ(format_seconds(0.030), "30 ms");
    EXPECT_EQ(format_seconds(0), "0");
    EXPECT_EQ(format_seconds(1e-9), "1 ns");
    EXPECT_EQ(format_seconds(0.9997), "1 s");
    EXPECT_EQ(format_seconds(-0.002), "-2 ms");
    EXPECT_EQ(format_seconds(std::nan("")), "-");
}

TEST(FormatSeconds, TheWindowsStyleKeepsZerosAndTheMicroSign)
{
    const DurationStyle window{true, false, "–"};
    EXPECT_EQ(format_seconds(0.030, window), "30.0 ms");
    EXPECT_EQ(format_seconds(14.2e-6, window), "14.2 µs");
    EXPECT_EQ(format_seconds(23.2, window), "23.2 s");
    EXPECT_EQ(format_seconds(std::numeric_limits<double>::infinity(), window), "–");
}

TEST(FormatTimeLeft, ToTheSecond)
{
    EXPECT_EQ(format_time_left(0.4), "< 1 s");
    EXPECT_EQ(format_time_left(41.2), "42 s");
    EXPECT_EQ(format_time_left(185), "3 min 5 s");
    EXPECT_EQ(format_time_left(4320), "1 h 12 min");
    EXPECT_EQ(format_time_left(-1), "");
    EXPECT_EQ(format_time_left(std::nan("")), "");
}

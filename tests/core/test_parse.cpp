// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/parse.h"

#include "support/text.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace chunkscope;

namespace {

using chunkscope::support::has;

std::string size_error(std::string_view text) { return parse_size(text, "--size").error; }

} // namespace

TEST(ParseSize, AcceptsEveryDocumentedForm)
{
    const std::vector<std::pair<std::string, std::size_t>> cases{
        {"10000000", 10'000'000}, {"10M", 10'000'000},   {"1e7", 10'000'000},
        {"1E7", 10'000'000},      {"2K", 2'000},         {"1G", 1'000'000'000},
        {"1.5M", 1'500'000},      {"4Ki", 4'096},        {"1Mi", 1'048'576},
        {"1Gi", 1'073'741'824},   {"1Ti", 1ULL << 40},   {"3T", 3'000'000'000'000},
        {"10m", 10'000'000},      {"2k", 2'000},         {"1g", 1'000'000'000},
        {"1t", 1'000'000'000'000}, {"1", 1},             {"007", 7},
        {"1.5Ki", 1'536},         {"0.5K", 500},         {".5K", 500},
        {"2.0", 2},               {"1e+3", 1'000},       {"15e-1K", 1'500},
        {"100e-2", 1},            {"1.25e2", 125},       {" 64 ", 64},
        {"18446744073709551615", std::numeric_limits<std::size_t>::max()},
        {"1e19", 10'000'000'000'000'000'000ULL},
        {"184467440737095516150000000e-7", std::numeric_limits<std::size_t>::max()},
        {"100000000000000000000000e-5", 1'000'000'000'000'000'000ULL},
    };
    for (const auto& [text, value] : cases) {
        SCOPED_TRACE(text);
        const auto p = parse_size(text, "--size");
        EXPECT_TRUE(p) << p.error;
        EXPECT_EQ(p.value, value);
    }
}

TEST(ParseSize, MessagesNameTheOptionAndTheAllowedForms)
{
    const auto p = parse_size("abc", "--size");
    EXPECT_FALSE(p);
    EXPECT_EQ(p.error, "--size: \"abc\" is not a size; use a whole number of items such as 10000000, 10M, 1e7, "
                       "2K or 1G");
    EXPECT_TRUE(has(parse_size("abc").error, "size: \"abc\""));
    EXPECT_TRUE(has(parse_size("x", "--splits").error, "--splits: "));
}

TEST(ParseSize, RejectsEmpty)
{
    for (const char* text : {"", "   "}) {
        SCOPED_TRACE(text);
        EXPECT_FALSE(parse_size(text));
        EXPECT_TRUE(has(size_error(text), "--size: no size given"));
        EXPECT_TRUE(has(size_error(text), "10M"));
    }
}

TEST(ParseSize, RejectsNegative)
{
    for (const char* text : {"-5", "-1M", "-0.5"}) {
        SCOPED_TRACE(text);
        EXPECT_TRUE(has(size_error(text), "is negative"));
        EXPECT_TRUE(has(size_error(text), "use a whole number of items"));
    }
}

TEST(ParseSize, RejectsZeroSayingTheSizeMustBeAtLeastOne)
{
    for (const char* text : {"0", "0K", "0.0", "0e5", "000"}) {
        SCOPED_TRACE(text);
        const auto p = parse_size(text, "--size");
        EXPECT_FALSE(p);
        EXPECT_TRUE(has(p.error, "must be at least 1"));
        EXPECT_TRUE(has(p.error, "--size: "));
    }
}

TEST(ParseSize, RejectsNonNumbers)
{
    for (const char* text : {"abc", "M", "K10", ".", "e7", "+5", "--5", "-", "ten", "0x10", "1,000"}) {
        SCOPED_TRACE(text);
        const std::string error = size_error(text);
        EXPECT_FALSE(error.empty());
        EXPECT_TRUE(has(error, "is not a size"));
        EXPECT_TRUE(has(error, "10M"));
    }
}

TEST(ParseSize, RejectsAFractionOfAnItem)
{
    for (const char* text : {"1.5", "0.5", "1e-1", "1.0001K", "1.5e0", "0.1Ki", "1.00000000000000000000000001",
                             "1e-100000", "18446744073709551615.5"}) {
        SCOPED_TRACE(text);
        EXPECT_TRUE(has(size_error(text), "is not a whole number of items"));
    }
}

TEST(ParseSize, RejectsOverflow)
{
    for (const char* text : {"18446744073709551616", "1e20", "99999999999999999999999", "20000000T",
                             "20000000000Gi", "1e100000", "16777216Ti",
                             "184467440737095516160000000e-7"}) {
        SCOPED_TRACE(text);
        const std::string error = size_error(text);
        EXPECT_TRUE(has(error, "too large")) << error;
    }
    EXPECT_TRUE(has(size_error("1e100000"), "18446744073709551615"));
}

TEST(ParseSize, RejectsTrailingJunkAndUnknownUnits)
{
    for (const char* text : {"10Mx", "10 M", "10MB", "4KiB", "4KI", "1e", "1e+", "5X", "1.2.3", "10M10"}) {
        SCOPED_TRACE(text);
        const std::string error = size_error(text);
        EXPECT_FALSE(error.empty());
        EXPECT_TRUE(has(error, "is not a size"));
    }
    EXPECT_TRUE(has(size_error("10Mx"), "unexpected \"x\""));
    EXPECT_TRUE(has(size_error("10Q"), "Ki, Mi, Gi, Ti"));
    EXPECT_TRUE(has(size_error("1e"), "exponent"));
}

TEST(ParseInt, AcceptsWholeNumbersInRange)
{
    EXPECT_EQ(parse_int("8", 1, 256, "--workers").value, 8);
    EXPECT_EQ(parse_int("1", 1, 256, "--workers").value, 1);
    EXPECT_EQ(parse_int("256", 1, 256, "--workers").value, 256);
    EXPECT_EQ(parse_int("+3", 0, 9, "--n").value, 3);
    EXPECT_EQ(parse_int("-7", -10, 10, "--n").value, -7);
    EXPECT_EQ(parse_int(" 5 ", 0, 9, "--n").value, 5);
    EXPECT_TRUE(parse_int("0", 0, 0, "--n"));
}

TEST(ParseInt, RejectsOutOfRangeNamingTheRange)
{
    for (const char* text : {"0", "257", "-1", "99999999999999999999999"}) {
        SCOPED_TRACE(text);
        const auto p = parse_int(text, 1, 256, "--workers");
        EXPECT_FALSE(p);
        EXPECT_TRUE(has(p.error, "--workers: "));
        EXPECT_TRUE(has(p.error, "out of range"));
        EXPECT_TRUE(has(p.error, "from 1 to 256"));
    }
}

TEST(ParseInt, RejectsWhatIsNotAWholeNumber)
{
    for (const char* text : {"", "abc", "1.5", "2K", "1e3", "+-1", "--1", "3x", "+"}) {
        SCOPED_TRACE(text);
        const auto p = parse_int(text, 1, 256, "--repeats");
        EXPECT_FALSE(p);
        EXPECT_TRUE(has(p.error, "--repeats: "));
        EXPECT_TRUE(has(p.error, "from 1 to 256"));
    }
    EXPECT_TRUE(has(parse_int("1.5", 1, 9, "--n").error, "\"1.5\" is not a whole number"));
}

TEST(ParseList, AcceptsCommaSeparatedSizes)
{
    EXPECT_EQ(parse_list("1,2,4,8", "--splits").value, (std::vector<std::size_t>{1, 2, 4, 8}));
    EXPECT_EQ(parse_list("64", "--splits").value, (std::vector<std::size_t>{64}));
    EXPECT_EQ(parse_list("1K,2Ki,1e3", "--splits").value, (std::vector<std::size_t>{1000, 2048, 1000}));
    EXPECT_EQ(parse_list(" 1, 2 ,3 ", "--splits").value, (std::vector<std::size_t>{1, 2, 3}));
}

TEST(ParseList, RejectsEmptyListsAndItems)
{
    EXPECT_TRUE(has(parse_list("", "--splits").error, "--splits: no values given"));
    EXPECT_TRUE(has(parse_list("1,,2", "--splits").error, "item 2 of \"1,,2\" is empty"));
    EXPECT_TRUE(has(parse_list(",1", "--splits").error, "item 1"));
    EXPECT_TRUE(has(parse_list("1,2,", "--splits").error, "ends with a comma"));
    EXPECT_TRUE(has(parse_list(",", "--splits").error, "--splits: "));
}

TEST(ParseList, RejectsBadItemsSayingWhich)
{
    const auto p = parse_list("1,2,x,8", "--chunks");
    EXPECT_FALSE(p);
    EXPECT_TRUE(p.value.empty());
    EXPECT_TRUE(has(p.error, "--chunks: item 3: \"x\" is not a size"));
    EXPECT_TRUE(has(parse_list("4,0", "--chunks").error, "item 2: \"0\" is zero"));
    EXPECT_TRUE(has(parse_list("4,0", "--chunks").error, "at least 1"));
    EXPECT_TRUE(has(parse_list("1.5,2", "--chunks").error, "item 1: \"1.5\" is not a whole number"));
    EXPECT_TRUE(has(parse_list("1;2", "--chunks").error, "item 1"));
}

#include "chunkscope/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace chunkscope;

TEST(Statistics, EmptyInputGivesZero)
{
    const std::vector<double> none;
    EXPECT_EQ(median(none), 0);
    EXPECT_EQ(mean(none), 0);
    EXPECT_EQ(minimum(none), 0);
    EXPECT_EQ(maximum(none), 0);
    EXPECT_EQ(stddev(none), 0);
    EXPECT_EQ(cv(none), 0);
}

TEST(Statistics, MedianOfOddCountIsTheMiddleValue)
{
    const std::vector<double> xs{5, 1, 4, 2, 3};
    EXPECT_DOUBLE_EQ(median(xs), 3);
    EXPECT_DOUBLE_EQ(median(std::vector<double>{7}), 7);
}

TEST(Statistics, MedianOfEvenCountIsTheMeanOfTheTwoMiddleValues)
{
    EXPECT_DOUBLE_EQ(median(std::vector<double>{4, 1, 3, 2}), 2.5);
    EXPECT_DOUBLE_EQ(median(std::vector<double>{10, 20}), 15);
    EXPECT_DOUBLE_EQ(median(std::vector<double>{1, 1, 9, 9}), 5);
}

TEST(Statistics, MedianDoesNotReorderTheInput)
{
    const std::vector<double> xs{3, 1, 2};
    EXPECT_DOUBLE_EQ(median(xs), 2);
    EXPECT_EQ(xs, (std::vector<double>{3, 1, 2}));
}

TEST(Statistics, MeanMinimumMaximum)
{
    const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
    EXPECT_DOUBLE_EQ(mean(xs), 5);
    EXPECT_DOUBLE_EQ(minimum(xs), 2);
    EXPECT_DOUBLE_EQ(maximum(xs), 9);
    EXPECT_DOUBLE_EQ(minimum(std::vector<double>{-1.5, 0.25}), -1.5);
}

TEST(Statistics, StddevIsTheSampleStandardDeviation)
{
    // Sum of squared deviations is 32; n - 1 = 7.
    const std::vector<double> xs{2, 4, 4, 4, 5, 5, 7, 9};
    EXPECT_DOUBLE_EQ(stddev(xs), std::sqrt(32.0 / 7.0));
    EXPECT_DOUBLE_EQ(stddev(std::vector<double>{1, 2, 3}), 1.0);
}

TEST(Statistics, StddevOfFewerThanTwoSamplesIsZero)
{
    EXPECT_EQ(stddev(std::vector<double>{42}), 0);
    EXPECT_EQ(stddev(std::vector<double>{3, 3, 3}), 0);
}

TEST(Statistics, StddevDoesNotCancelForLargeOffsets)
{
    // sum(x^2) - n * mean^2 loses every digit here; deviations from the mean do not.
    const std::vector<double> xs{1e9 + 1, 1e9 + 2, 1e9 + 3};
    EXPECT_NEAR(stddev(xs), 1.0, 1e-6);
}

TEST(Statistics, CvIsStddevOverMean)
{
    const std::vector<double> xs{1, 2, 3};
    EXPECT_DOUBLE_EQ(cv(xs), 0.5);
    EXPECT_DOUBLE_EQ(cv(std::vector<double>{0.010, 0.010, 0.010}), 0);
}

TEST(Statistics, CvIsZeroWhenTheMeanIsZero)
{
    EXPECT_EQ(cv(std::vector<double>{-1, 1}), 0);
    EXPECT_EQ(cv(std::vector<double>{0, 0}), 0);
}

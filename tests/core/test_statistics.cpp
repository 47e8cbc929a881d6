// SPDX-License-Identifier: GPL-3.0-or-later
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

TEST(MannWhitney, ExactForSmallSamplesWithoutTies)
{
    // scipy.stats.mannwhitneyu's documented example: U = 17, p = 0.1111 (exact, two-sided).
    const std::vector<double> males{19, 22, 16, 29, 24}, females{20, 11, 17, 12};
    const MannWhitney r = mann_whitney_u(males, females);
    EXPECT_TRUE(r.exact);
    EXPECT_DOUBLE_EQ(r.u, 17);
    EXPECT_NEAR(r.p, 14.0 / 126.0, 1e-12);
    // Complete separation of 5 and 5: 2 of the C(10, 5) = 252 arrangements are as extreme.
    const std::vector<double> low{1, 2, 3, 4, 5}, high{6, 7, 8, 9, 10};
    EXPECT_NEAR(mann_whitney_u(low, high).p, 2.0 / 252.0, 1e-12);
    EXPECT_DOUBLE_EQ(mann_whitney_u(low, high).u, 0);
    EXPECT_DOUBLE_EQ(mann_whitney_u(high, low).u, 25);
}

TEST(MannWhitney, NormalApproximationWithTies)
{
    // With ties: the normal approximation with the tie and continuity corrections.
    const std::vector<double> a{1, 2, 2, 3, 3, 3}, b{1, 2, 2, 3, 3, 3};
    const MannWhitney same = mann_whitney_u(a, b);
    EXPECT_FALSE(same.exact);
    EXPECT_DOUBLE_EQ(same.u, 18);
    EXPECT_DOUBLE_EQ(same.p, 1.0);
    const std::vector<double> c{5, 5, 6, 7, 8, 9, 9, 10}, d{1, 1, 2, 3, 4, 4, 5, 5};
    const MannWhitney far = mann_whitney_u(c, d);
    EXPECT_LT(far.p, 0.01);
    EXPECT_GT(far.p, 0.0);
    EXPECT_DOUBLE_EQ(mann_whitney_u(std::vector<double>{4, 4}, std::vector<double>{4, 4, 4}).p, 1.0);
    EXPECT_DOUBLE_EQ(mann_whitney_u(std::vector<double>{}, d).p, 1.0);
}

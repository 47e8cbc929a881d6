// SPDX-License-Identifier: GPL-3.0-or-later
// Verification without a reference copy: a single changed item is found wherever it is, the
// first one is reported with its index and both values, and a cancel ends it; the same through
// an OutputReference's hashes, which also leaves the marker behind a passed check.

#include "chunkscope/generator.h"
#include "chunkscope/kernels.h"
#include "chunkscope/verify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <vector>

using namespace chunkscope;

namespace {

// Three whole verification blocks and a partial fourth.
constexpr std::size_t kSize = 3 * kVerifyBlockItems + 1234;

Workload verify_workload(std::size_t size = kSize, int intensity = 1, Function f = Function::Exp)
{
    Workload w;
    w.function = f;
    w.intensity = intensity;
    w.size = size;
    return w;
}

// Items [begin, end) of the sequential result, made in one go.
std::vector<double> correct(const Workload& w, std::size_t begin, std::size_t end)
{
    std::vector<double> out(end - begin);
    fill_data(out.data(), begin, end, w);
    apply_kernel(w.function, w.kernel, w.intensity, out.data(), out.data(), out.size());
    return out;
}

void flip_low_bit(double& x)
{
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    bits ^= 1;
    std::memcpy(&x, &bits, sizeof bits);
}

// The message as the runner has always written it.
std::string expected_message(std::size_t i, double got, double expected)
{
    std::ostringstream os;
    os.precision(17);
    os << "output differs from the sequential result at item " << i << " (got " << got << ", expected "
       << expected << ")";
    return os.str();
}

} // namespace

TEST(Verify, TheSequentialResultPasses)
{
    for (Function f : all_functions()) {
        for (Kernel k : all_kernels()) {
            Workload w = verify_workload(kSize, 2, f);
            w.kernel = k;
            const std::vector<double> out = correct(w, 0, w.size);
            const Verification v = verify_output(w, out.data());
            EXPECT_EQ(v.status, Status::Ok) << to_string(f) << " " << to_string(k) << ": " << v.error;
            EXPECT_TRUE(v.error.empty());
        }
    }
}

class FlippedItem : public ::testing::TestWithParam<std::size_t> {};

TEST_P(FlippedItem, IsFoundAndReportedWithItsIndex)
{
    const std::size_t at = GetParam();
    const Workload w = verify_workload();
    std::vector<double> out = correct(w, 0, w.size);
    const double want = out[at];
    flip_low_bit(out[at]);
    const Verification v = verify_output(w, out.data());
    EXPECT_EQ(v.status, Status::Failed);
    EXPECT_EQ(v.error, expected_message(at, out[at], want));
}

INSTANTIATE_TEST_SUITE_P(Anywhere, FlippedItem,
                         ::testing::Values(std::size_t{0},                   // first item of the first block
                                           std::size_t{17},                  // inside the first block
                                           kVerifyBlockItems - 1,            // last of a block
                                           kVerifyBlockItems,                // first of the next
                                           std::size_t{2 * kVerifyBlockItems + 4321}, // the middle
                                           3 * kVerifyBlockItems,            // the partial last block
                                           kSize - 1));                      // the very last item

TEST(Verify, TheFirstOfSeveralDifferencesIsReported)
{
    const Workload w = verify_workload();
    std::vector<double> out = correct(w, 0, w.size);
    for (std::size_t at : {kSize - 1, std::size_t{150'000}, std::size_t{70'001}, std::size_t{70'003}})
        flip_low_bit(out[at]);
    const Verification v = verify_output(w, out.data());
    ASSERT_EQ(v.status, Status::Failed);
    EXPECT_NE(v.error.find("at item 70001 "), std::string::npos) << v.error;
}

TEST(Verify, AnItemNoWorkerWroteFails)
{
    const Workload w = verify_workload();
    std::vector<double> out = correct(w, 0, w.size);
    out[123'456] = std::numeric_limits<double>::quiet_NaN(); // the runner's marker
    const Verification v = verify_output(w, out.data());
    ASSERT_EQ(v.status, Status::Failed);
    EXPECT_NE(v.error.find("at item 123456 (got nan, expected "), std::string::npos) << v.error;
}

TEST(Verify, HighIntensityUsesSmallerBlocksAndStillFindsTheItem)
{
    const Workload w = verify_workload(50'000, 64, Function::Sin);
    std::vector<double> out = correct(w, 0, w.size);
    const double want = out[49'999];
    flip_low_bit(out[49'999]);
    const Verification v = verify_output(w, out.data());
    EXPECT_EQ(v.error, expected_message(49'999, out[49'999], want));
}

TEST(Verify, ASliceIsCheckedWithItsItemsNumberedInTheWholeVector)
{
    const Workload w = verify_workload(std::size_t{5} << 30); // a 5G-item vector, of which one rank's slice
    const std::size_t begin = (std::size_t{4} << 30) + 3, end = begin + 100'000;
    std::vector<double> slice = correct(w, begin, end);
    EXPECT_EQ(verify_output(w, slice.data(), begin, end).status, Status::Ok);
    const double want = slice[99'000];
    flip_low_bit(slice[99'000]);
    const Verification v = verify_output(w, slice.data(), begin, end);
    EXPECT_EQ(v.error, expected_message(begin + 99'000, slice[99'000], want));
    EXPECT_EQ(v.item, begin + 99'000) << "the item, as data, for a rank to pass on";
    EXPECT_EQ(v.got, slice[99'000]);
    EXPECT_EQ(v.expected, want);
}

TEST(Verify, ACancelledTokenStopsItBeforeAnyBlock)
{
    const Workload w = verify_workload();
    const std::vector<double> out = correct(w, 0, w.size);
    CancelToken cancel;
    cancel.cancel();
    std::atomic<std::size_t> checked{0};
    const Verification v =
        verify_output(w, out.data(), 0, w.size, &cancel, [&](std::size_t n) { checked += n; });
    EXPECT_EQ(v.status, Status::Cancelled);
    EXPECT_EQ(v.error, "cancelled");
    EXPECT_EQ(checked.load(), 0u);
}

TEST(Verify, CancelDuringVerificationStopsAtTheNextBlock)
{
    // At intensity 256 a block is 256 items: 4096 blocks. The first one checked cancels; every
    // block checks the token before it starts, so only those already started (one per thread)
    // finish.
    const Workload w = verify_workload(4096 * 256, 256);
    std::vector<double> out = correct(w, 0, w.size);
    flip_low_bit(out[w.size - 1]); // would fail, if it got that far
    CancelToken cancel;
    std::atomic<std::size_t> blocks{0};
    const Verification v = verify_output(w, out.data(), 0, w.size, &cancel, [&](std::size_t) {
        ++blocks;
        cancel.cancel();
    });
    EXPECT_EQ(v.status, Status::Cancelled);
    EXPECT_LT(blocks.load(), 4096u);
}

TEST(Verify, NeedsOnlyABlockPerCore)
{
    EXPECT_GT(verification_scratch_bytes(), 0u);
    EXPECT_LE(verification_scratch_bytes(), std::size_t{1024} * kVerifyBlockItems * sizeof(double));
}

// OutputReference: the hashes of the sequential result's blocks, made once; a check reads the
// output once and reports what verify_output would.

TEST(OutputReference, TheSequentialResultPassesForEveryFunctionAndKernel)
{
    for (Function f : all_functions()) {
        for (Kernel k : all_kernels()) {
            Workload w = verify_workload(kSize, 2, f);
            w.kernel = k;
            const std::optional<OutputReference> ref = OutputReference::make(w);
            ASSERT_TRUE(ref);
            EXPECT_EQ(ref->workload(), w);
            const std::vector<double> out = correct(w, 0, w.size);
            const Verification v = ref->check(out.data());
            EXPECT_EQ(v.status, Status::Ok) << to_string(f) << " " << to_string(k) << ": " << v.error;
        }
    }
}

class ReferenceFlippedItem : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ReferenceFlippedItem, IsFoundAndReportedAsVerifyOutputReportsIt)
{
    const std::size_t at = GetParam();
    const Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    std::vector<double> out = correct(w, 0, w.size);
    const double want = out[at];
    flip_low_bit(out[at]);
    const Verification v = ref->check(out.data());
    EXPECT_EQ(v.status, Status::Failed);
    EXPECT_EQ(v.error, expected_message(at, out[at], want));
    EXPECT_EQ(v.item, at);
    EXPECT_EQ(v.error, verify_output(w, out.data()).error);
}

INSTANTIATE_TEST_SUITE_P(Anywhere, ReferenceFlippedItem,
                         ::testing::Values(std::size_t{0}, std::size_t{17}, kVerifyBlockItems - 1,
                                           kVerifyBlockItems, std::size_t{2 * kVerifyBlockItems + 4321},
                                           3 * kVerifyBlockItems, kSize - 1));

TEST(OutputReference, TheFirstOfSeveralDifferencesInSeveralBlocksIsReported)
{
    const Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    std::vector<double> out = correct(w, 0, w.size);
    for (std::size_t at : {kSize - 1, std::size_t{150'000}, std::size_t{70'003}, std::size_t{70'001}})
        flip_low_bit(out[at]);
    const Verification v = ref->check(out.data());
    EXPECT_NE(v.error.find("at item 70001 "), std::string::npos) << v.error;
}

TEST(OutputReference, CheckAndMarkLeavesTheMarkerInEveryItemAfterAPass)
{
    const Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    std::vector<double> out = correct(w, 0, w.size);
    EXPECT_EQ(ref->check_and_mark(out.data()).status, Status::Ok);
    EXPECT_TRUE(std::all_of(out.begin(), out.end(), [](double x) {
        return std::memcmp(&x, &kUnwritten, sizeof x) == 0;
    }));
    // So a run that writes nothing cannot pass the next check.
    const Verification v = ref->check(out.data());
    EXPECT_EQ(v.status, Status::Failed);
    EXPECT_NE(v.error.find("at item 0 (got nan, expected "), std::string::npos) << v.error;
}

TEST(OutputReference, AnUnwrittenItemFailsAndIsNamed)
{
    const Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    std::vector<double> out = correct(w, 0, w.size);
    mark_unwritten(out.data() + 123'456, 3);
    const Verification v = ref->check(out.data());
    EXPECT_NE(v.error.find("at item 123456 (got nan, expected "), std::string::npos) << v.error;
}

TEST(OutputReference, AnotherWorkloadsResultFails)
{
    Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    w.seed += 1;
    const std::vector<double> other = correct(w, 0, w.size);
    const Verification v = ref->check(other.data());
    EXPECT_EQ(v.status, Status::Failed);
    EXPECT_NE(v.error.find("at item 0 "), std::string::npos) << v.error;
}

TEST(OutputReference, HighIntensityUsesSmallerBlocksAndStillFindsTheItem)
{
    const Workload w = verify_workload(50'000, 64, Function::Sin);
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    std::vector<double> out = correct(w, 0, w.size);
    const double want = out[49'999];
    flip_low_bit(out[49'999]);
    EXPECT_EQ(ref->check(out.data()).error, expected_message(49'999, out[49'999], want));
    EXPECT_LT(OutputReference::bytes(w.size, w.intensity), w.size / 512 + 16) << "at most 8 bytes per 4096 items";
}

TEST(OutputReference, ACancelledTokenStopsMakingAndChecking)
{
    const Workload w = verify_workload();
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    CancelToken cancel;
    cancel.cancel();
    EXPECT_FALSE(OutputReference::make(w, &cancel));
    const std::vector<double> out = correct(w, 0, w.size);
    const Verification v = ref->check(out.data(), &cancel);
    EXPECT_EQ(v.status, Status::Cancelled);
    EXPECT_EQ(v.error, "cancelled");
}

TEST(OutputReference, AnEmptyVectorPasses)
{
    const Workload w = verify_workload(0);
    const std::optional<OutputReference> ref = OutputReference::make(w);
    ASSERT_TRUE(ref);
    EXPECT_EQ(ref->check(nullptr).status, Status::Ok);
}

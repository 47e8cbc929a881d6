// SPDX-License-Identifier: GPL-3.0-or-later
// Linked into core_tests in a ThreadSanitizer build only (tests/core/CMakeLists.txt).
//
// Debian's oneTBB is not built with ThreadSanitizer: the hand-offs between its worker threads are
// invisible to TSan, which would report every tbb::parallel_for (the data generator, the
// verification, the tbb strategy) as a race. With one thread allowed, oneTBB runs each loop on the
// thread that calls it, so what TSan checks is Chunkscope's own threads: the threads strategy,
// the runner and its cancellation, the speed-limit measurements and the child-process readers.

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <memory>

namespace {

class TbbOnCallingThread : public ::testing::Environment {
public:
    void SetUp() override
    {
        control_ = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, 1);
    }
    void TearDown() override { control_.reset(); }

private:
    std::unique_ptr<tbb::global_control> control_;
};

[[maybe_unused]] const ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new TbbOnCallingThread);

} // namespace

// SPDX-License-Identifier: GPL-3.0-or-later
// Linked into core_tests in a ThreadSanitizer build only (tests/core/CMakeLists.txt).
//
// The OpenMP runtime of that build (clang's libomp, as GCC's libgomp elsewhere) is not built with
// ThreadSanitizer: its team's threads wake and wait through the runtime's own barriers, which TSan
// cannot see, so every access of a team's thread to what the calling thread wrote before the
// parallel region would look like a race. With a team of one (OpenMP's default team size, which
// the speed-limit measurement's STREAM kernels use, set to 1), each parallel region runs on the
// calling thread: what TSan checks there is the measurement's own code and its cancellation.

#include <gtest/gtest.h>
#include <omp.h>

namespace {

class OmpOnCallingThread : public ::testing::Environment {
public:
    void SetUp() override { omp_set_num_threads(1); }
};

[[maybe_unused]] const ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new OmpOnCallingThread);

} // namespace

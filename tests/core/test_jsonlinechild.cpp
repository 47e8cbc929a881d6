// SPDX-License-Identifier: GPL-3.0-or-later
// The child-process seam the Python server and the MPI launcher share, with /bin/sh and
// /bin/cat as children: lines both ways, a deadline, a child dying mid-line, cancel, and
// nothing left behind.

#include "jsonlinechild.h"

#include "clock.h"
#include "support/processes.h"
#include "support/text.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using chunkscope::detail::JsonLineChild;
using chunkscope::detail::now_s;
using chunkscope::support::children_of;
using chunkscope::support::group_gone;
using chunkscope::support::has;
using chunkscope::support::nothing_left_below;
using namespace std::chrono_literals;
using Got = JsonLineChild::Got;

namespace {

JsonLineChild::Next next_within(JsonLineChild& child, double seconds)
{
    return child.next_line(nullptr, now_s() + seconds);
}

bool spawn_sh(JsonLineChild& child, const std::string& script)
{
    std::string error;
    const bool ok = child.spawn({"/bin/sh", "-c", script}, "sh", error);
    EXPECT_TRUE(ok) << error;
    return ok;
}

} // namespace

TEST(JsonLineChild, LinesGoThereAndBackWholeWhateverTheirLength)
{
    JsonLineChild child(2000);
    std::string error;
    ASSERT_TRUE(child.spawn({"/bin/cat"}, "cat", error)) << error;
    EXPECT_TRUE(child.running());
    ASSERT_TRUE(child.send({{"op", "run"}, {"n", 3}}));
    JsonLineChild::Next got = next_within(child, 10);
    ASSERT_EQ(got.got, Got::line);
    EXPECT_EQ(nlohmann::json::parse(got.line), (nlohmann::json{{"op", "run"}, {"n", 3}}));
    child.kill();
    // A reply longer than one read (64 KiB) and than a pipe's buffer comes back as one line.
    ASSERT_TRUE(spawn_sh(child, "read request; head -c 300000 /dev/zero | tr '\\0' x; echo"));
    ASSERT_TRUE(child.send_line("{}"));
    got = next_within(child, 10);
    ASSERT_EQ(got.got, Got::line);
    EXPECT_EQ(got.line, std::string(300'000, 'x'));
    child.kill();
    EXPECT_FALSE(child.running());
    EXPECT_TRUE(children_of(getpid()).empty()) << "killed and reaped, not a zombie";
}

TEST(JsonLineChild, ASilentChildTimesOutAtTheDeadlineAndIsKilledAfterwards)
{
    JsonLineChild child(2000);
    ASSERT_TRUE(spawn_sh(child, "sleep 60"));
    const double t0 = now_s();
    EXPECT_EQ(next_within(child, 0.3).got, Got::timed_out);
    EXPECT_GE(now_s() - t0, 0.3);
    EXPECT_TRUE(child.running()) << "a deadline alone kills nothing";
    const pid_t group = child.pid();
    child.kill();
    EXPECT_TRUE(group_gone(group));
    EXPECT_TRUE(nothing_left_below());
}

TEST(JsonLineChild, AChildThatDiesMidLineEndsWithItsStatusAndLastWords)
{
    JsonLineChild child(2000);
    ASSERT_TRUE(spawn_sh(child, "echo '{\"whole\":1}'; printf '{\"half\":'; echo 'out of memory' >&2; exit 3"));
    JsonLineChild::Next got = next_within(child, 10);
    ASSERT_EQ(got.got, Got::line) << "what it wrote before dying still counts";
    EXPECT_EQ(got.line, "{\"whole\":1}");
    got = next_within(child, 10);
    EXPECT_EQ(got.got, Got::ended) << "half a line is not a line";
    child.settle(2000);
    EXPECT_TRUE(child.reaped());
    EXPECT_EQ(child.how_it_ended(), "exited with status 3");
    EXPECT_TRUE(has(child.said(), "out of memory"));
    EXPECT_FALSE(child.send_line("{}")) << "writing to a dead child fails, without SIGPIPE";
    child.kill();
    EXPECT_TRUE(nothing_left_below());
}

TEST(JsonLineChild, AKilledChildSaysWhichSignal)
{
    JsonLineChild child(2000);
    ASSERT_TRUE(spawn_sh(child, "kill -9 $$"));
    EXPECT_EQ(next_within(child, 10).got, Got::ended);
    child.settle(2000);
    EXPECT_TRUE(has(child.how_it_ended(), "was killed by signal 9"));
}

TEST(JsonLineChild, KeepsOnlyTheLastWordsOnStderr)
{
    JsonLineChild child(100);
    ASSERT_TRUE(spawn_sh(child, "i=0; while [ $i -lt 200 ]; do echo \"noise $i\" >&2; i=$((i+1)); done; echo END >&2"));
    EXPECT_EQ(next_within(child, 10).got, Got::ended);
    child.settle(2000);
    EXPECT_LE(child.said().size(), 100u);
    EXPECT_TRUE(has(child.said(), "noise 199\nEND"));
}

TEST(JsonLineChild, CancelReturnsWithinAPollAndKillEndsTheWholeGroup)
{
    JsonLineChild child(2000);
    // The shell and two sleeps of its group: killing the shell alone would leave them.
    ASSERT_TRUE(spawn_sh(child, "sleep 60 & sleep 60 & wait"));
    const pid_t group = child.pid();
    const auto all_three = [&] { return chunkscope::support::members_of_group(group, true).size() == 3; };
    ASSERT_TRUE(chunkscope::support::wait_for(all_three, 5s));
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(200ms);
        cancel = true;
    });
    const double t0 = now_s();
    EXPECT_EQ(child.next_line(&cancel).got, Got::cancelled);
    canceller.join();
    EXPECT_LT(now_s() - t0, 1.0);
    child.kill();
    EXPECT_TRUE(group_gone(group, 1s)) << "a process of the child's group remains";
    EXPECT_TRUE(nothing_left_below());
}

TEST(JsonLineChild, AProgramThatCannotStartSaysWhoAndWhy)
{
    JsonLineChild child(2000);
    std::string error;
    EXPECT_FALSE(child.spawn({"/nonexistent/chunkscope-child"}, "the test child", error));
    EXPECT_EQ(error, "cannot start the test child: No such file or directory");
    EXPECT_FALSE(child.running());
    EXPECT_FALSE(child.send_line("{}"));
    EXPECT_TRUE(children_of(getpid()).empty());
}

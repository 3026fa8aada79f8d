// The e2e harness checks itself where a silent mistake would make other tests pass for nothing:
// exit codes, the kill on a deadline, and spotting a sanitizer report in a child's stderr.
#include "e2e/process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include "e2e/browser.hpp"
#include "storage/temp_dir.hpp"

namespace csibot::e2e {
namespace {

TEST(e2e_harness, reports_the_exit_code_and_output_of_a_child) {
  storage::test::temp_dir dir;
  const auto r = run_to_completion({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, dir.path());
  EXPECT_TRUE(r.status.exited);
  EXPECT_EQ(r.status.code, 3);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(e2e_harness, stop_kills_a_child_that_ignores_sigterm_after_the_grace_period) {
  storage::test::temp_dir dir;
  // The ignored SIGTERM is inherited by `sleep`; the group kill reaches it too.
  child_process child(
      {{"/bin/sh", "-c", "trap '' TERM; echo ready; sleep 60"}, dir / "out", dir / "err", true});
  // SIGTERM before the trap is set would simply end the shell: wait until it says it is ready.
  const auto ready_by = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (child.stdout_text() != "ready\n" && std::chrono::steady_clock::now() < ready_by)
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  ASSERT_EQ(child.stdout_text(), "ready\n");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(child.stop(std::chrono::milliseconds{300}).has_value()) << "it had to be killed";
  EXPECT_FALSE(child.running());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds{5});
}

TEST(e2e_harness, a_child_killed_by_a_signal_is_not_ok) {
  storage::test::temp_dir dir;
  child_process child({{"/bin/sh", "-c", "kill -KILL $$"}, dir / "out", dir / "err"});
  const auto s = child.wait_for(std::chrono::seconds{10});
  ASSERT_TRUE(s.has_value());
  EXPECT_FALSE(s->ok());
  EXPECT_EQ(s->signal, SIGKILL);
}

TEST(e2e_harness, finds_sanitizer_reports_in_a_log) {
  EXPECT_EQ(sanitizer_finding("2026-01-01 info listening\n"), "");
  EXPECT_EQ(sanitizer_finding("x\n==12==ERROR: AddressSanitizer: heap-use-after-free on address\n"),
            "==12==ERROR: AddressSanitizer: heap-use-after-free on address");
  EXPECT_EQ(sanitizer_finding("a.cpp:3:7: runtime error: signed integer overflow\n"),
            "a.cpp:3:7: runtime error: signed integer overflow");
  EXPECT_NE(sanitizer_finding("==1==ERROR: LeakSanitizer: detected memory leaks\n"), "");
}

TEST(e2e_harness, decodes_base64_screenshots) {
  EXPECT_EQ(base64_decode("iVBORw0KGgo="), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode("YWI="), "ab");
  EXPECT_THROW(base64_decode("a b"), std::invalid_argument);
}

}  // namespace
}  // namespace csibot::e2e

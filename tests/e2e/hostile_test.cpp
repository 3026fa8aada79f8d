// Hostile input over the local chat socket against the real binary (docs/local-chat.md "Hostile
// input"): each bad frame gets an error frame or closes only its own session; the process lives on
// and everybody else is unaffected.
#include <gtest/gtest.h>

#include "e2e/bot.hpp"
#include "e2e/client.hpp"
#include "platform/raw_ws.hpp"

namespace csibot::e2e {
namespace {

TEST(e2e_hostile, bad_frames_are_answered_or_closed_and_others_keep_working) {
  bot_home home;
  running_bot bot(home);
  client net;
  auto ada = net.join(bot.port(), "Ada");
  auto eve = net.join(bot.port(), "Eve");

  eve->send_raw("{this is not json");
  EXPECT_EQ(eve->next_of("error").value("code", ""), "bad_json");
  eve->send({{"type", "launch_missiles"}});
  EXPECT_EQ(eve->next_of("error").value("code", ""), "unknown_type");
  eve->send_raw("[1,2,3]");
  EXPECT_EQ(eve->next_of("error").value("code", ""), "bad_json");
  eve->send({{"type", "message"}, {"channel", "dm:ada"}, {"text", "let me in"}});
  EXPECT_EQ(eve->next_of("error").value("code", ""), "no_channel");
  // After the errors Eve's own session still works.
  eve->send({{"type", "history"}, {"channel", "general"}});
  EXPECT_EQ(eve->next_of("history").value("channel", ""), "general");

  // 1 MiB in one frame: over the 64 KiB limit, so the socket closes with 1009 (message too big).
  auto big = net.join(bot.port(), "Mallory");
  big->send({{"type", "message"}, {"channel", "general"}, {"text", std::string(1024 * 1024, 'x')}});
  const auto closed = big->wait_closed();
  ASSERT_TRUE(closed.has_value()) << "a 1 MiB frame did not end the session";
  // csibot answers 1009 and ends the session. On a busy machine the rest of the 1 MiB the client is
  // still writing can make the kernel reset the connection, and that reset may reach the client
  // before the close frame does: then the session ends with a connection error instead of a code.
  // Either way the sender is cut off; the 1009 itself is asserted in tests/bot/net/ws_test.cpp.
  EXPECT_TRUE(closed->code == 1009 || (closed->code == 0 && closed->error))
      << closed->code << " " << closed->reason << " " << closed->error.message();

  // A binary frame: the local chat speaks JSON text, so 1003 (unsupported data).
  EXPECT_EQ(platform::local::test::send_binary_frame(net.io(), bot.port()), 1003);

  ASSERT_TRUE(bot.running()) << bot.log();
  const auto health = net.get(bot.base_url() + "/healthz");
  ASSERT_TRUE(health.ok()) << health.message;
  EXPECT_EQ(health.status, 200U) << health.body;

  // Ada, connected all along, still gets her command answered.
  ada->send({{"type", "message"}, {"channel", "general"}, {"text", "/csi services"}, {"client_id", "s1"}});
  const auto reply = ada->next(
      [](const json& f) {
        return is_bot_message_in(f, "general") && f["body"].contains("table") && f.value("ephemeral", false);
      },
      "the services table");
  ASSERT_TRUE(reply.is_object());
  EXPECT_NE(reply["body"]["table"].dump().find("vpn"), std::string::npos) << reply.dump();
  for (const auto& f : ada->frames())
    EXPECT_NE(f.value("type", ""), "error") << "Ada was hit by someone else's garbage: " << f.dump();
}

}  // namespace
}  // namespace csibot::e2e

// A throw-away local chat for looking at the page in a browser (not a test): a real server with
// demo settings on a temp database, seeded by a scripted user "Ada" through a real WebSocket.
// Prints the URL, then serves until stdin closes. Usage: csibot_local_chat_demo < /dev/tty
#include <iostream>
#include <string>

#include "platform/chat_harness.hpp"

using csibot::platform::local::test::chat_server;
using csibot::platform::local::test::json;

int main() {
  chat_server server;
  auto ada = server.join("Ada");
  auto bob = server.join("Bob Builder");
  bob->send({{"type", "message"},
             {"channel", "general"},
             {"text", "Morning all! Is the *VPN* slow for anyone else?"}});
  ada->send({{"type", "message"}, {"channel", "general"}, {"text", "Yes, since Monday. I'll tell csibot."}});
  ada->send({{"type", "message"}, {"channel", "general"}, {"text", "/csi feedback vpn"}});
  auto is_buttons = [](const json& f) {
    return f.value("type", "") == "message" && f["body"].contains("buttons");
  };
  const auto rating = ada->next(is_buttons, "rating");
  ada->send({{"type", "action"},
             {"channel", rating["channel"]},
             {"message_id", rating["id"]},
             {"action_id", "csi.rate"},
             {"value", rating["body"]["buttons"][1].value("value", "")}});  // 2/5
  ada->next_of("update");
  ada->send({{"type", "message"},
             {"channel", "dm:ada"},
             {"text", "It drops every hour and reconnecting takes `2 min`."}});
  ada->next(is_buttons, "impact");
  ada->send({{"type", "message"}, {"channel", "general"}, {"text", "/csi services"}});
  ada->next([](const json& f) { return f.value("ephemeral", false) && f["author"].value("bot", false); },
            "services");
  std::cout << "http://127.0.0.1:" << server.port() << "/" << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}

#include "bench/mattermost_driver.hpp"

namespace csibot::bench {
namespace {

using json = nlohmann::json;

bool has_buttons(const json& post, std::string_view action) {
  for (const auto& a : post.value("props", json::object()).value("attachments", json::array()))
    for (const auto& b : a.value("actions", json::array()))
      if (b.value("integration", json::object()).value("context", json::object()).value("action", "") ==
          action)
        return true;
  return false;
}

}  // namespace

void mattermost_driver::add(std::string user, std::string channel) {
  conversations_.push_back({std::move(user), std::move(channel)});
  by_channel_[conversations_.back().channel] = conversations_.size() - 1;
}

void mattermost_driver::start(std::size_t budget) {
  budget_ = budget;
  started_at_ = steady::now();
  for (std::size_t i = 0; i < conversations_.size(); ++i)
    push(i, "vpn");
}

void mattermost_driver::on_frame(std::string_view text) {
  const auto frame = json::parse(text, nullptr, false);
  if (!frame.is_object() || frame.value("event", "") != "posted") return;
  const auto data = frame.value("data", json::object());
  const auto post = json::parse(data.value("post", std::string{"null"}), nullptr, false);
  if (!post.is_object() || post.value("user_id", "") != bot_id_) return;  // the people's own posts
  const auto seen = steady::now();
  const auto it = by_channel_.find(post.value("channel_id", ""));
  if (it == by_channel_.end()) return;
  auto& c = conversations_[it->second];
  if (!c.waiting) {
    ++unexpected_;  // a second post for one message, or a post nobody asked for
    return;
  }
  c.waiting = false;
  reply_ms_.push_back(std::chrono::duration<double, std::milli>(seen - c.pushed).count());
  last_reply_ = seen;
  answer(it->second, post);
}

void mattermost_driver::answer(std::size_t i, const json& post) {
  auto& c = conversations_[i];
  const auto message = post.value("message", "");
  ++replies;
  if (message.find("Thank you") != std::string::npos) {
    ++c.finished;
    if (pushed_ >= budget_) return stop(c);
    return push(i, "vpn");
  }
  if (pushed_ >= budget_ + conversations_.size() * 5) return stop(c);  // off the script for too long
  if (has_buttons(post, "csi.rate")) return push(i, "4");
  if (message.find("main reason") != std::string::npos) return push(i, reason_text);
  if (has_buttons(post, "csi.impact")) return push(i, impact_text);
  if (message.find("what do you use") != std::string::npos) return push(i, "field sales");
  ++unexpected_;
  push(i, "cancel");  // whatever happened, start over
}

void mattermost_driver::stop(conversation& c) {
  c.done = true;
  if (--active_ == 0) all_done = true;
}

void mattermost_driver::push(std::size_t i, const std::string& text) {
  auto& c = conversations_[i];
  if (!c.waiting && !c.done && c.pushed == steady::time_point{}) ++active_;
  c.waiting = true;
  c.pushed = steady::now();
  ++pushed_;
  fake_.push_post(c.user, c.channel, text);
}

}  // namespace csibot::bench

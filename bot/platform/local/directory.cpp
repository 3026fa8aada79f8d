// Who people are in the local web chat, for proactive prompts (runtime::people_directory). The chat
// keeps no profiles, no e-mail addresses and no member lists: a channel's members are the people who
// wrote in it, a person's language is the one their browser gave in its latest hello (csibot's
// default when none did), their zone csibot's, and an address is never found.
#include "bot/platform/local/state.hpp"
#include "bot/runtime/people_directory.hpp"

namespace csibot::platform::local {
namespace {

class local_directory final : public runtime::people_directory {
 public:
  explicit local_directory(std::shared_ptr<local_platform::impl> chat)
      : chat_(std::move(chat)), repo_(chat_->db) {}

  boost::asio::awaitable<runtime::person_profile> profile(std::string user) override {
    runtime::person_profile out;
    out.locale = chat_->locale_of(user);
    co_return out;
  }

  boost::asio::awaitable<runtime::email_match> find_by_email(std::string /*email*/) override {
    runtime::email_match out;
    out.status = runtime::lookup_status::not_found;
    out.error = "the local chat knows no e-mail addresses";
    co_return out;
  }

  boost::asio::awaitable<runtime::member_list> members(commands::target t) override {
    runtime::member_list out;
    // A configured "local:general" is a channel when one by that name exists, else a person.
    const bool channel =
        t.kind == commands::target_kind::channel ||
        (t.kind == commands::target_kind::any && !t.ref.id.starts_with("dm:") && repo_.has_channel(t.ref.id));
    if (!channel) {
      out.users.push_back(t.ref.id);
    } else if (!repo_.has_channel(t.ref.id)) {
      out.status = runtime::lookup_status::not_found;
      out.error = "no local channel '" + t.ref.id + "'";
    } else {
      out.users = repo_.authors(t.ref.id);
    }
    co_return out;
  }

 private:
  std::shared_ptr<local_platform::impl> chat_;  // on the io thread, like every caller
  storage::local_chat_repository repo_;
};

}  // namespace

std::shared_ptr<runtime::people_directory> local_platform::directory() {
  return std::make_shared<local_directory>(impl_);
}

}  // namespace csibot::platform::local

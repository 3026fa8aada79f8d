#pragma once
/// What the prompt sender and the pulse runner ask a chat platform about people (SPEC §4): a person's
/// profile (time zone, locale), the user behind an e-mail address, and who is in a channel. One
/// implementation per platform (bot/platform/<name>/directory.*), so that Mattermost adds
/// `GET /users/email/{email}` and `GET /channels/{id}/members` without touching the runtime.
///
/// Failures are values: `failed` means "try again later" (network, rate limit), `not_found` is an
/// answer (no such person, address or channel). Coroutines on the io thread, like every adapter.
#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "commands/audience.hpp"

namespace csibot::runtime {

enum class lookup_status { found, not_found, failed };

struct person_profile {
  lookup_status status = lookup_status::found;  ///< not_found: no person (deleted, a bot)
  std::string time_zone;                        ///< IANA name; "" = unknown (bot.timezone)
  std::string locale;                           ///< "de-DE"; "" = unknown (bot.language)
  std::string error;                            ///< for the log when failed
};

struct email_match {
  lookup_status status = lookup_status::not_found;
  std::string user;  ///< the platform's user id (no "platform:" prefix) when found
  std::string error;
};

struct member_list {
  lookup_status status = lookup_status::found;
  std::vector<std::string> users;  ///< the platform's user ids, people only (not the bot itself)
  std::string error;
};

class people_directory {
 public:
  virtual ~people_directory() = default;
  /// The profile of `user` (the platform's id).
  [[nodiscard]] virtual boost::asio::awaitable<person_profile> profile(std::string user) = 0;
  /// The user with this e-mail address (lower case).
  [[nodiscard]] virtual boost::asio::awaitable<email_match> find_by_email(std::string email) = 0;
  /// The people `t` stands for: a channel's members, a user themself, and for `any` whatever the
  /// platform's id says it is.
  [[nodiscard]] virtual boost::asio::awaitable<member_list> members(commands::target t) = 0;

 protected:
  people_directory() = default;
  people_directory(const people_directory&) = default;
  people_directory& operator=(const people_directory&) = default;
};

}  // namespace csibot::runtime

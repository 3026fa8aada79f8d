#pragma once
/// A platform's people directory with people's profiles remembered (SPEC §10: "the language is per
/// user, platform locale where known"). Slack and Mattermost send a slash command, a DM or a click
/// without the person's locale; only their profile (users.info, GET /users/{id}) has it. Reading it
/// once a day per person, instead of once per command, keeps the platform's rate limits for
/// messages, and lets the dispatch queue see at once whether it already knows a person's language.
///
/// Profiles are kept for `ttl`; a failed read (network, rate limit) is remembered for `retry_after`,
/// so that a platform in trouble is not asked again for every command meanwhile. At most
/// `max_people` profiles are kept: when full, the stale ones go first, then any (they are read again
/// when needed). E-mail and channel lookups pass through unchanged. On the io thread only, like the
/// directory it wraps.
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bot/runtime/people_directory.hpp"
#include "core/time.hpp"

namespace csibot::runtime {

struct profile_cache_options {
  std::chrono::milliseconds ttl{std::chrono::hours{24}};
  std::chrono::milliseconds retry_after{std::chrono::minutes{5}};
  std::size_t max_people = 50'000;
};

class profile_cache final : public people_directory, public std::enable_shared_from_this<profile_cache> {
 public:
  using clock = std::function<core::timestamp()>;

  profile_cache(std::shared_ptr<people_directory> inner, clock now, profile_cache_options options = {});

  /// The remembered profile while it is fresh (a failed read counts until retry_after); else reads it.
  [[nodiscard]] boost::asio::awaitable<person_profile> profile(std::string user) override;
  [[nodiscard]] boost::asio::awaitable<email_match> find_by_email(std::string email) override;
  [[nodiscard]] boost::asio::awaitable<member_list> members(commands::target t) override;

  /// What is remembered about `user` (the platform's id) and still fresh; nullptr when it would
  /// have to be read. Never waits.
  const person_profile* known(std::string_view user) const;

  /// Reads `user`'s profile in the background (on `ex`) and calls `done` when it is remembered,
  /// found or not. A read already under way for `user` is not started twice: `done` then runs after it.
  void read_later(const boost::asio::any_io_executor& ex, std::string user, std::function<void()> done);

  std::size_t size() const { return entries_.size(); }

 private:
  struct entry {
    person_profile profile;
    core::timestamp until{};
  };
  // Looked up by string_view on every command: no key string is built for a lookup.
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  void remember(const std::string& user, const person_profile& p);
  void make_room();

  std::shared_ptr<people_directory> inner_;
  clock now_;
  profile_cache_options opts_;
  std::unordered_map<std::string, entry, text_hash, std::equal_to<>> entries_;
  // Reads under way, with who waits for each.
  std::unordered_map<std::string, std::vector<std::function<void()>>, text_hash, std::equal_to<>> reading_;
};

}  // namespace csibot::runtime

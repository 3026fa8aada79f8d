// A people directory that remembers profiles (profile_cache.hpp).
#include "bot/runtime/profile_cache.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <exception>

namespace csibot::runtime {
namespace asio = boost::asio;

profile_cache::profile_cache(std::shared_ptr<people_directory> inner, clock now,
                             profile_cache_options options)
    : inner_(std::move(inner)), now_(std::move(now)), opts_(options) {
  opts_.max_people = std::max<std::size_t>(opts_.max_people, 1);
}

const person_profile* profile_cache::known(std::string_view user) const {
  const auto it = entries_.find(user);
  if (it == entries_.end() || it->second.until <= now_()) return nullptr;
  return &it->second.profile;
}

asio::awaitable<person_profile> profile_cache::profile(std::string user) {
  if (const auto* p = known(user)) co_return *p;
  const auto self = shared_from_this();  // the read may outlive the caller's reference
  auto p = co_await inner_->profile(user);
  remember(user, p);
  co_return p;
}

asio::awaitable<email_match> profile_cache::find_by_email(std::string email) {
  const auto self = shared_from_this();
  co_return co_await inner_->find_by_email(std::move(email));
}

asio::awaitable<member_list> profile_cache::members(commands::target t) {
  const auto self = shared_from_this();
  co_return co_await inner_->members(std::move(t));
}

void profile_cache::read_later(const asio::any_io_executor& ex, std::string user,
                               std::function<void()> done) {
  if (const auto it = reading_.find(user); it != reading_.end()) {
    it->second.push_back(std::move(done));
    return;
  }
  reading_[user].push_back(std::move(done));
  asio::co_spawn(
      ex,
      [](std::shared_ptr<profile_cache> self, std::string who) -> asio::awaitable<void> {
        auto p = co_await self->inner_->profile(who);
        if (p.status == lookup_status::failed)
          spdlog::warn("profiles: cannot read the profile of a person, answering in the bot's language: {}",
                       p.error);
        self->remember(who, p);
      }(shared_from_this(), user),
      [self = shared_from_this(), user](std::exception_ptr e) {
        if (e) {
          // A directory reports failures as values; anything thrown is a defect, but the people
          // waiting for this read must not wait for ever.
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& x) {
            spdlog::error("profiles: reading a profile threw: {}", x.what());
          }
          person_profile failed;
          failed.status = lookup_status::failed;
          self->remember(user, failed);
        }
        auto waiting = std::move(self->reading_[user]);
        self->reading_.erase(user);
        for (auto& d : waiting)
          if (d) d();
      });
}

void profile_cache::remember(const std::string& user, const person_profile& p) {
  const auto now = now_();
  const auto keep = p.status == lookup_status::failed ? opts_.retry_after : opts_.ttl;
  auto it = entries_.find(user);
  if (it == entries_.end()) {
    if (entries_.size() >= opts_.max_people) make_room();
    it = entries_.emplace(user, entry{}).first;
  }
  it->second.profile = p;
  // The reason was logged where it happened; a person's entry only says when to ask again.
  it->second.profile.error =
      p.status == lookup_status::failed ? "an earlier read failed; asking again later" : "";
  it->second.until = now + std::chrono::duration_cast<core::timestamp::duration>(keep);
}

// Stale profiles first; if all are fresh (a large workspace within a day), drop half of them in
// whatever order the table holds them: they are read again when their people next write.
void profile_cache::make_room() {
  const auto now = now_();
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.until <= now; });
  if (entries_.size() < opts_.max_people) return;
  std::size_t drop = entries_.size() / 2 + 1;
  for (auto it = entries_.begin(); it != entries_.end() && drop > 0; --drop)
    it = entries_.erase(it);
}

}  // namespace csibot::runtime

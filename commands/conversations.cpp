#include "commands/conversations.hpp"

#include "storage/prompt_repository.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {

/// The flow's storage seam over the feedback table, for one person at a time.
class conversations::storage_store final : public dialog::feedback_store {
 public:
  explicit storage_store(storage::database& db) : feedback_(db), prompts_(db), replies_(db) {}
  // The feedback is created with its rating: that answers the person's open prompt about the service
  // (SPEC §4 response rate), in the same transaction, whichever way they gave it (the prompt's
  // conversation, /csi feedback step by step or one-shot, or writing to the bot). For an anonymous
  // service the prompt keeps no answer time: it would equal the feedback's created_at and so name
  // the author of an answer stored without a user (SPEC §2). The response rate only counts states.
  std::int64_t create(const core::feedback& f, core::anonymity a) override {
    const auto id = feedback_.insert(f, a);
    if (const auto open = prompts_.open_prompt(user.str(), f.service)) {
      prompts_.mark_answered(open->id, a == core::anonymity::anonymous
                                           ? std::nullopt
                                           : std::optional<core::timestamp>{f.created_at});
    }
    return id;
  }
  void update(const core::feedback& f) override { feedback_.update(f); }
  bool usage_known(const core::service& s, core::timestamp now) override {
    // SPEC §3: the usage question is asked at most once per person and service in 90 days.
    return feedback_.usage_asked_since(s.id, user.str(), s.anonymity, now - std::chrono::days{90});
  }
  std::string reply_consent_token(std::int64_t feedback_id) override {
    return replies_.consent_token(feedback_id, user);
  }
  // Keyed by the whole reference, as /csi optout stores it and report_back reads it.
  bool opted_out() override { return prompts_.is_opted_out(user.str()); }
  core::ref user;

 private:
  storage::feedback_repository feedback_;
  storage::prompt_repository prompts_;
  storage::reply_repository replies_;
};

conversations::conversations(storage::database& db, std::chrono::milliseconds timeout, std::string command)
    : db_(db), timeout_(timeout), command_(std::move(command)), store_(std::make_shared<storage_store>(db)) {}

dialog::feedback_store& conversations::store_for(const core::ref& user) {
  store_->user = user;
  return *store_;
}

std::optional<dialog::flow_state> conversations::find(const core::ref& user, core::timestamp now) {
  storage::conversation_repository repo{db_};
  const auto row = repo.find(user.platform, user.id);
  if (!row) return std::nullopt;
  auto state = dialog::decode(row->state);
  if (!state || row->expires_at <= now) {
    repo.remove(user.platform, user.id);
    return std::nullopt;
  }
  return state;
}

std::vector<core::outbound> conversations::apply(const core::inbound& in, dialog::flow_result r,
                                                 core::timestamp now) {
  storage::conversation_repository repo{db_};
  if (r.finished) {
    repo.remove(in.platform, in.user);
  } else {
    repo.save({in.platform, in.user, dialog::encode(r.state), now, now + timeout_});
  }
  std::vector<core::outbound> out;
  // The clicked question shows the answer instead of its buttons, but only in the person's DM: a
  // button in a channel (a digest's, a pulse posted there) belongs to a message everybody reads.
  if (r.answered && in.action && in.is_dm && !in.action->message_id.empty()) {
    out.push_back({core::delivery::update, in.platform, in.channel, in.user, in.action->message_id,
                   std::move(*r.answered)});
  }
  const std::string dm = in.is_dm ? in.channel : std::string{};
  for (auto& m : r.replies)
    out.push_back({core::delivery::direct, in.platform, dm, in.user, {}, std::move(m)});
  return out;
}

std::size_t conversations::expire(core::timestamp now) {
  storage::conversation_repository repo{db_};
  const auto rows = repo.expired(now);
  // The feedback of an expired conversation was saved at each step as partial; closing it is all.
  for (const auto& row : rows)
    repo.remove(row.platform, row.user);
  return rows.size();
}

}  // namespace csibot::commands

#include "commands/conversations.hpp"

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/time.hpp"
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
  if (!state) {
    repo.remove(user.platform, user.id);
    return std::nullopt;
  }
  // One whose time ran out stays for take_closed (and the housekeeping closes it).
  if (row->expires_at <= now) return std::nullopt;
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
  // The feedback of an expired conversation was saved at each step as partial; closing it is all. What
  // stays of the state names no text the person typed: data retention erases such text from the
  // feedback, and a copy here must not outlive it.
  for (const auto& row : rows) {
    const auto state = dialog::decode(row.state);
    if (!state) {
      repo.remove(row.platform, row.user);
      continue;
    }
    dialog::flow_state closed;
    closed.at = state->at;
    closed.source = state->source;
    closed.service = state->service;
    closed.feedback_id = state->feedback_id;
    closed.started_at = state->started_at;
    closed.language = state->language;
    repo.close(row.platform, row.user, dialog::encode(closed));
  }
  repo.purge_closed(now - closed_notice_window);
  return rows.size();
}

namespace {

// "24 h" for whole hours, which is how the timeout is usually set; else the config's own form.
std::string timeout_words(std::chrono::milliseconds timeout) {
  if (timeout.count() > 0 && timeout % std::chrono::hours{1} == std::chrono::milliseconds{0})
    return std::to_string(std::chrono::duration_cast<std::chrono::hours>(timeout).count()) + " h";
  return core::format_duration(timeout);
}

}  // namespace

std::optional<dialog::flow_state> conversations::take_closed(const core::ref& user, core::timestamp now) {
  storage::conversation_repository repo{db_};
  const auto row = repo.find(user.platform, user.id);
  if (!row || row->expires_at > now) return std::nullopt;
  repo.remove(user.platform, user.id);
  return dialog::decode(row->state);
}

core::message conversations::closed_notice(const dialog::flow_state& closed,
                                           const std::vector<core::service>& catalog,
                                           std::string_view language) const {
  const auto* svc = core::find_service(catalog, closed.service);
  const std::string service = svc != nullptr ? core::markup_name(*svc) : core::literal(closed.service);
  const std::string after = timeout_words(timeout_);
  core::message m;
  if (closed.feedback_id > 0) {
    m.text = core::tr(language, "flow.expired.kept",
                      {{"service", service}, {"period", after}, {"id", std::to_string(closed.feedback_id)}});
  } else if (!service.empty()) {
    m.text = core::tr(language, "flow.expired.nothing", {{"service", service}, {"period", after}});
  } else {
    m.text = core::tr(language, "flow.expired.nothing_chosen", {{"period", after}});
  }
  return m;
}

// The replaced conversation's answers were saved at each step as partial, as a cancel keeps them: the
// words follow the cancel's, so that the person does not find the old questions dead later unawares.
core::message conversations::replaced_notice(const dialog::flow_state& replaced,
                                             const std::vector<core::service>& catalog,
                                             std::string_view language) const {
  const auto* svc = core::find_service(catalog, replaced.service);
  const std::string service = svc != nullptr ? core::markup_name(*svc) : core::literal(replaced.service);
  core::message m;
  if (replaced.feedback_id > 0) {
    m.text = core::tr(language, "flow.replaced.kept",
                      {{"service", service}, {"id", std::to_string(replaced.feedback_id)}});
  } else if (!replaced.service.empty()) {
    m.text = core::tr(language, "flow.replaced.nothing", {{"service", service}});
  } else {
    m.text = core::tr(language, "flow.replaced.nothing_chosen");
  }
  return m;
}

}  // namespace csibot::commands

// `/csi reply <feedback-id> <text…>` (SPEC §6, §12): an owner of the feedback's service, or an admin,
// answers one piece of feedback. csibot relays the text to the person who gave it as a DM, if they
// allowed answers under their thanks, and never tells the owner who that is when the answer is not
// identified. A few answers per feedback at most; each is audited with its length, never its text.
#include <algorithm>

#include "commands/handlers/handlers.hpp"
#include "commands/improve_args.hpp"
#include "commands/permissions.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "insights/themes.hpp"
#include "storage/reply_repository.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands::handlers {
namespace {

// Enough for "we are on it", "fixed, does it work for you now?" and a follow-up; more would make
// csibot a chat channel between an owner and somebody who may have chosen not to be known.
constexpr std::int64_t max_replies = 5;
// The start of their reason, quoted so that the person knows which feedback is meant.
constexpr std::size_t quoted_chars = 80;

std::string usage(const command_env& env) {
  return core::tr(env.language, "reply.usage", {{"command", env.settings.bot.command}});
}

// "" when the person may answer feedback on `svc`: its owners and admins (only admins once the service
// left the catalog, as its owners are no longer known).
std::string refused(const command_env& env, const core::service* svc) {
  const auto user = env.in.user_ref().str();
  std::vector<const core::service*> scope;
  if (svc != nullptr) scope.push_back(svc);
  if (svc != nullptr ? may_manage(env.settings, scope, user) : is_admin(env.settings, user)) return {};
  return refusal(env.settings, scope, core::tr(env.language, "perm.action.reply"), env.language);
}

bool is_owner(const core::service* svc, const std::string& user) {
  return svc != nullptr && std::find(svc->owners.begin(), svc->owners.end(), user) != svc->owners.end();
}

// What the person reads, in their language where the bot knows it (else the bot's).
core::message answer_for(const command_env& env, const core::feedback& f, const core::service* svc,
                         const std::string& text, const core::ref& person, bool through_link) {
  const std::string lang = env.language_for(person);
  const std::string quote =
      f.reason ? core::tr(lang, "reply.dm.quote",
                          {{"quote", core::literal(insights::short_quote(*f.reason, quoted_chars))}})
               : std::string{};
  const bool by_owner = is_owner(svc, env.in.user_ref().str());
  core::message m;
  m.text = core::tr(lang, by_owner ? "reply.dm.owner" : "reply.dm.admin",
                    {{"service", svc != nullptr ? core::markup_name(*svc) : core::literal(f.service)},
                     {"id", std::to_string(f.id)},
                     {"quote", quote}}) +
           "\n\n" + text;
  m.context = core::tr(lang, through_link ? "reply.dm.context_link" : "reply.dm.context",
                       {{"command", env.settings.bot.command}});
  return m;
}

// The owner's confirmation: whom it went to only when the answer is identified (SPEC §2).
std::string sent_note(const command_env& env, const core::feedback& f, const core::service* svc,
                      const storage::reply_recipient& to, std::int64_t count) {
  const bool named = !to.through_link && (svc == nullptr || svc->anonymity == core::anonymity::identified);
  return core::tr(env.language, named ? "reply.sent.named" : "reply.sent",
                  {{"id", std::to_string(f.id)},
                   {"person", core::literal(to.person.str())},
                   {"count", std::to_string(count)},
                   {"max", std::to_string(max_replies)}});
}

}  // namespace

std::vector<core::outbound> reply(command_env& env) {
  const auto& lang = env.language;
  if (env.cmd.args.size() < 2) return {env.ephemeral_text(usage(env))};
  const auto id = parse_number(env.cmd.arg(0));
  if (!id) {
    return {env.ephemeral_text(core::tr(lang, "reply.bad_id", {{"typed", core::echo(env.cmd.arg(0), 40)}}))};
  }
  const auto number = std::to_string(*id);
  const auto f = storage::feedback_repository{env.db}.find(*id);
  if (!f) return {env.ephemeral_text(core::tr(lang, "reply.unknown_id", {{"id", number}}))};
  const auto* svc = env.service(f->service);
  if (auto why = refused(env, svc); !why.empty()) return {env.ephemeral_text(why)};
  const auto text = keep(env.cmd.rest(1), core::max_answer_chars);
  if (text.text.empty()) return {env.ephemeral_text(usage(env))};

  if (!f->allow_reply) return {env.ephemeral_text(core::tr(lang, "reply.no_consent", {{"id", number}}))};
  storage::reply_repository replies{env.db};
  const auto to = replies.recipient(*f);
  if (!to) return {env.ephemeral_text(core::tr(lang, "reply.unreachable", {{"id", number}}))};
  if (!env.settings.serves(to->person.platform)) {
    return {env.ephemeral_text(
        core::tr(lang, "reply.not_served", {{"id", number}, {"platform", to->person.platform}}))};
  }
  const auto sent = replies.replies_sent(f->id);
  if (sent >= max_replies) {
    return {env.ephemeral_text(
        core::tr(lang, "reply.limit", {{"id", number}, {"max", std::to_string(max_replies)}}))};
  }

  const auto actor = env.in.user_ref().str();
  replies.record_reply(f->id, actor, env.now);
  storage::audit_repository{env.db}.append({0, env.now, actor, "feedback.reply", "#" + number,
                                            "chars = " + std::to_string(core::utf8_length(text.text))});
  std::string note = sent_note(env, *f, svc, *to, sent + 1);
  if (text.cut) note += "\n" + core::tr(lang, "reply.cut", {{"max", std::to_string(core::max_answer_chars)}});
  // The person's DM on their own platform; the adapter opens it.
  core::outbound dm{core::delivery::direct,
                    to->person.platform,
                    {},
                    to->person.id,
                    {},
                    answer_for(env, *f, svc, text.text, to->person, to->through_link)};
  return {env.ephemeral_text(std::move(note)), std::move(dm)};
}

}  // namespace csibot::commands::handlers

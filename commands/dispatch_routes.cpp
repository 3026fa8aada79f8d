// Where each kind of event goes: a command to its handler, a direct message and a click to the
// feedback conversation, the consent button to its own handler.
#include <spdlog/spdlog.h>

#include "commands/dispatch.hpp"
#include "commands/dispatch_detail.hpp"
#include "commands/registry.hpp"
#include "commands/reply_consent.hpp"
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "dialog/actions.hpp"
#include "dialog/answers.hpp"
#include "dialog/prompts.hpp"

namespace csibot::commands {
namespace {

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : all_commands())
    names.emplace_back(c.name);
  return names;
}

}  // namespace

using detail::reply_to;

std::vector<core::outbound> dispatcher::route(const core::inbound& in, core::timestamp now) {
  if (in.command) return on_command(in, now);
  if (in.action) return on_action(in, now);
  if (in.is_dm) return on_direct_text(in, now);
  return {};  // csibot does not read channel conversations
}

std::vector<core::outbound> dispatcher::on_command(const core::inbound& in, core::timestamp now) {
  const auto cmd = parse_command(in.text);
  const std::string language = reply_language(in, {});
  command_env env{in, cmd, settings_, catalog_, db_, talks_, now, language};
  env.ops = operations_;
  env.languages = &languages_;
  const std::string name = cmd.name.empty() ? "help" : cmd.name;
  if (const auto* spec = find_command(name)) {
    auto out = spec->run(env);
    // The next event of the batch sees the change; dispatch_batch reads it again once the batch
    // is over, in case the batch was rolled back.
    if (env.catalog_changed) {
      reload_catalog();
      catalog_dirty_ = true;
    }
    return out;
  }
  const std::string typed = core::echo(name, 40);
  core::message m;
  if (const auto near = core::closest(name, command_names())) {
    m.text = core::tr(language, "cmd.unknown",
                      {{"typed", typed}, {"command", settings_.bot.command}, {"suggestion", *near}});
  } else {
    m.text = core::tr(language, "cmd.unknown_no_suggestion",
                      {{"typed", typed}, {"command", settings_.bot.command}});
  }
  return {env.ephemeral(std::move(m))};
}

// The person's locale where the platform sent one; else the language their open conversation speaks
// (it began with a prompt in their profile's language, and Slack and Mattermost send DMs and clicks
// without a locale); else the bot's. Commands pass no conversation.
std::string dispatcher::reply_language(const core::inbound& in, const std::string& conversation) const {
  if (!in.locale.empty()) return std::string{core::language_of(in.locale)};
  if (!conversation.empty()) return conversation;
  return std::string{core::language_of(settings_.bot.language)};
}

std::vector<core::outbound> dispatcher::on_direct_text(const core::inbound& in, core::timestamp now) {
  const auto open = talks_.find(in.user_ref(), now);
  if (open) {
    return talks_.run(in, catalog_, reply_language(in, open->language), now,
                      [&](const dialog::flow_context& ctx) { return dialog::on_text(*open, in.text, ctx); });
  }
  // A conversation that closed while the person was away: what they type now may be the answer it
  // waited for, so say first that it closed and what was kept, in the language it spoke.
  const auto gone = talks_.take_closed(in.user_ref(), now);
  const std::string language = reply_language(in, gone ? gone->language : std::string{});
  auto closed = gone ? std::optional{talks_.closed_notice(*gone, catalog_, language)} : std::nullopt;
  if (dialog::is_cancel(in.text)) {
    return {
        reply_to(in, closed ? std::move(*closed) : dialog::note(core::tr(language, "flow.no_conversation")))};
  }
  // Writing to the bot starts a conversation; a service's id or name goes straight to the rating.
  const auto* service = dialog::exact_service(catalog_, in.text);
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    dialog::start_request req{core::source::conversation, service ? service->id : std::string{}, {}, {}, {}};
    auto r = dialog::start(req, ctx);
    if (service == nullptr) {
      r.replies.insert(r.replies.begin(),
                       dialog::note(core::tr(language, "flow.hello", {{"command", settings_.bot.command}})));
    }
    if (closed) r.replies.insert(r.replies.begin(), std::move(*closed));
    return r;
  });
}

std::vector<core::outbound> dispatcher::on_action(const core::inbound& in, core::timestamp now) {
  // "Let the owner answer me" under the thanks comes after the conversation and opens none.
  if (in.action->action_id == dialog::actions::allow_reply)
    return accept_reply_consent(in, db_, settings_, catalog_, reply_language(in, {}));
  if (in.action->action_id == dialog::actions::give_feedback) return on_give_feedback(in, now);
  if (!dialog::is_flow_action(*in.action)) {
    spdlog::warn("dispatch: unknown action '{}' from {}:{}", core::cap_chars(in.action->action_id, 80).text,
                 in.platform, in.user);
    return {};
  }
  // A click on a prompt sent before buttons carried their question's key (an old message, a digest's
  // old "csi.service" button), with no conversation open, starts one; a keyed one is stale then.
  dialog::flow_state state;
  auto open = talks_.find(in.user_ref(), now);
  const auto gone = open ? std::nullopt : talks_.take_closed(in.user_ref(), now);
  const std::string language = reply_language(in, open   ? open->language
                                                  : gone ? gone->language
                                                         : std::string{});
  auto closed = gone ? std::optional{talks_.closed_notice(*gone, catalog_, language)} : std::nullopt;
  if (open) {
    state = std::move(*open);
  } else {
    state.started_at = now;
  }
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    auto r = dialog::on_action(state, *in.action, ctx);
    // A stale click with nothing open must not leave an empty conversation behind. Its question was
    // not answered but closed: when its time ran out (recently) the notice says so and what was kept;
    // otherwise it was finished, cancelled, or closed long ago. A Cancel button there has nothing to
    // stop, which plain "cancel" says the same way.
    if (!open && r.state.at == dialog::step::choose_service) {
      r.finished = true;
      r.answered.reset();
      const bool cancel = in.action->action_id == dialog::actions::cancel;
      r.replies = {
          closed ? std::move(*closed)
                 : dialog::note(core::tr(language, cancel ? "flow.no_conversation" : "flow.stale.closed",
                                         {{"command", settings_.bot.command}}))};
    }
    return r;
  });
}

// A digest's "Give feedback on X": what `/csi feedback X` does (handlers/feedback.cpp), an open
// conversation or not. That one is replaced, its answers already stored as partial, and the person is
// told so; refusing would leave the button dead for as long as any question, a day-old pulse
// prompt's too, waits unanswered.
std::vector<core::outbound> dispatcher::on_give_feedback(const core::inbound& in, core::timestamp now) {
  const auto open = talks_.find(in.user_ref(), now);
  const auto gone = open ? std::nullopt : talks_.take_closed(in.user_ref(), now);
  const std::string language = reply_language(in, open   ? open->language
                                                  : gone ? gone->language
                                                         : std::string{});
  auto closed = gone ? std::optional{talks_.closed_notice(*gone, catalog_, language)} : std::nullopt;
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    const dialog::start_request req{core::source::conversation, in.action->value, {}, {}, {}};
    auto r = dialog::start(req, ctx);
    if (closed) r.replies.insert(r.replies.begin(), std::move(*closed));
    if (open) r.replies.insert(r.replies.begin(), talks_.replaced_notice(*open, catalog_, language));
    return r;
  });
}

}  // namespace csibot::commands

#include "commands/dispatch.hpp"

#include <spdlog/spdlog.h>

#include "commands/registry.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "dialog/answers.hpp"
#include "dialog/prompts.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace csibot::commands {
namespace {

core::outbound reply_to(const core::inbound& in, core::message m) {
  // A reply to a DM stays in the DM; anything else is only for the person who asked.
  const auto kind = in.is_dm ? core::delivery::direct : core::delivery::ephemeral;
  return core::outbound{kind, in.platform, in.channel, in.user, {}, std::move(m)};
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : all_commands())
    names.emplace_back(c.name);
  return names;
}

}  // namespace

dispatcher::dispatcher(storage::database& db, const config::settings& settings)
    : db_(db), settings_(settings), talks_(db, settings.bot.conversation_timeout) {
  reload_catalog();
}

void dispatcher::reload_catalog() {
  catalog_ = storage::service_repository{db_}.list();
}

std::vector<core::outbound> dispatcher::dispatch(const core::inbound& in, core::timestamp now) {
  if (observer_ != nullptr) observer_->started(in);
  auto out = handle(in, now);
  if (observer_ != nullptr) observer_->finished(in, last_);
  return out;
}

std::vector<core::outbound> dispatcher::handle(const core::inbound& in, core::timestamp now) {
  const std::string request_id = in.event_id.empty() ? "r" + std::to_string(++requests_) : in.event_id;
  try {
    storage::transaction tx{db_};
    if (!in.event_id.empty() &&
        !storage::event_repository{db_}.first_seen(in.platform, in.event_id, now, event_ttl)) {
      spdlog::debug("dispatch: {} event {} was already handled; ignoring the redelivery", in.platform,
                    in.event_id);
      last_ = outcome::duplicate;
      return {};
    }
    auto out = route(in, now);
    tx.commit();
    last_ = outcome::handled;
    return out;
  } catch (const std::exception& e) {
    spdlog::error("dispatch: request {} from {}:{} failed: {}", request_id, in.platform, in.user, e.what());
    last_ = outcome::failed;
    core::message m;
    m.text = core::tr(settings_.bot.language, "error.internal", {{"request", request_id}});
    return {reply_to(in, std::move(m))};
  }
}

std::vector<core::outbound> dispatcher::route(const core::inbound& in, core::timestamp now) {
  if (in.command) return on_command(in, now);
  if (in.action) return on_action(in, now);
  if (in.is_dm) return on_direct_text(in, now);
  return {};  // csibot does not read channel conversations
}

std::vector<core::outbound> dispatcher::on_command(const core::inbound& in, core::timestamp now) {
  const auto cmd = parse_command(in.text);
  const std::string language{core::language_of(in.locale.empty() ? settings_.bot.language : in.locale)};
  command_env env{in, cmd, settings_, catalog_, db_, talks_, now, language};
  const std::string name = cmd.name.empty() ? "help" : cmd.name;
  if (const auto* spec = find_command(name)) return spec->run(env);
  const std::string typed = core::cap_chars(core::sanitize(name), 40).text;
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

std::vector<core::outbound> dispatcher::on_direct_text(const core::inbound& in, core::timestamp now) {
  const std::string language{core::language_of(in.locale.empty() ? settings_.bot.language : in.locale)};
  if (const auto open = talks_.find(in.user_ref(), now)) {
    return talks_.run(in, catalog_, language, now,
                      [&](const dialog::flow_context& ctx) { return dialog::on_text(*open, in.text, ctx); });
  }
  if (dialog::is_cancel(in.text)) {
    return {reply_to(in, dialog::note(core::tr(language, "flow.no_conversation")))};
  }
  // Writing to the bot starts a conversation; a service's id or name goes straight to the rating.
  const auto* service = dialog::exact_service(catalog_, in.text);
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    dialog::start_request req{core::source::conversation, service ? service->id : std::string{}, {}, {}};
    auto r = dialog::start(req, ctx);
    if (service == nullptr) {
      r.replies.insert(r.replies.begin(),
                       dialog::note(core::tr(language, "flow.hello", {{"command", settings_.bot.command}})));
    }
    return r;
  });
}

std::vector<core::outbound> dispatcher::on_action(const core::inbound& in, core::timestamp now) {
  if (!dialog::is_flow_action(*in.action)) {
    spdlog::warn("dispatch: unknown action '{}' from {}:{}", core::cap_chars(in.action->action_id, 80).text,
                 in.platform, in.user);
    return {};
  }
  const std::string language{core::language_of(in.locale.empty() ? settings_.bot.language : in.locale)};
  // A click on a prompt with no open conversation (an old message, a digest's button) starts one.
  dialog::flow_state state;
  auto open = talks_.find(in.user_ref(), now);
  if (open) {
    state = std::move(*open);
  } else {
    state.started_at = now;
  }
  return talks_.run(in, catalog_, language, now, [&](const dialog::flow_context& ctx) {
    auto r = dialog::on_action(state, *in.action, ctx);
    // A stale click with nothing open must not leave an empty conversation behind.
    if (!open && r.state.at == dialog::step::choose_service) r.finished = true;
    return r;
  });
}

std::size_t dispatcher::expire_conversations(core::timestamp now) {
  storage::transaction tx{db_};
  const auto n = talks_.expire(now);
  tx.commit();
  return n;
}

}  // namespace csibot::commands

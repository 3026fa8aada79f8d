// `/csi forget-me` (SPEC §8): a person erases what csibot keeps about them (storage/forget.hpp).
#include <spdlog/spdlog.h>

#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "storage/forget.hpp"
#include "storage/prompt_repository.hpp"

namespace csibot::commands::handlers {

// Two steps: it cannot be undone, and a stray `/csi forget-me` should cost nothing but a read.
std::vector<core::outbound> forget_me(command_env& env) {
  const auto& command = env.settings.bot.command;
  const auto person = env.in.user_ref();
  const bool chat = person.platform == "local";
  if (core::ascii_lower(env.cmd.arg(0)) != "confirm") {
    return {env.ephemeral_text(core::tr(
        env.language, "forget.explain",
        {{"command", command}, {"chat", chat ? core::tr(env.language, "forget.explain.chat") : ""}}))};
  }
  const auto r = storage::forget_person(env.db, person);
  // Counts only: a log line naming the person would keep what they asked to have erased.
  spdlog::info(
      "forget-me: {} answers unlinked, {} reply links, {} prompts, {} conversations and {} chat messages "
      "deleted",
      r.feedback_unlinked, r.reply_links_deleted, r.prompts_deleted, r.conversations_deleted,
      r.chat_messages_deleted);
  const bool opted_out = storage::prompt_repository{env.db}.opted_out_since(person.str()).has_value();
  const auto chat_part = chat ? core::tr(env.language, "forget.done.chat",
                                         {{"messages", std::to_string(r.chat_messages_deleted)}})
                              : std::string{};
  return {env.ephemeral_text(
      core::tr(env.language, "forget.done",
               {{"answers", std::to_string(r.feedback_unlinked)},
                {"prompts", std::to_string(r.prompts_deleted)},
                {"conversations", std::to_string(r.conversations_deleted)},
                {"chat", chat_part}}) +
      " " + core::tr(env.language, opted_out ? "forget.optout" : "forget.may_ask", {{"command", command}}))};
}

}  // namespace csibot::commands::handlers

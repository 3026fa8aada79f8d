#include "commands/conversations.hpp"
#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"
#include "dialog/answers.hpp"

namespace csibot::commands::handlers {

// `/csi feedback [service] [rating] [reason…]`: the conversation runs in the DM; typed in a channel,
// the command's own reply there is a short ephemeral note (with the number once one exists).
std::vector<core::outbound> feedback(command_env& env) {
  dialog::start_request req;
  req.source = core::source::command;
  // A name of several words typed without quotes ("Email and calendar 4 slow") is one service: the
  // words after it are the rating and the reason.
  std::vector<std::string> words;
  words.reserve(env.cmd.args.size());
  for (const auto& t : env.cmd.args)
    words.push_back(t.text);
  const std::size_t n = dialog::service_words(env.catalog, words);
  for (std::size_t i = 0; i < n; ++i)
    req.service += (i == 0 ? "" : " ") + words[i];
  req.rating = env.cmd.arg(n);
  req.reason = env.cmd.rest(n + 1);
  req.comment = env.cmd.rest(n);
  const auto earlier = env.talks.find(env.in.user_ref(), env.now);
  std::int64_t id = 0;
  auto out = env.talks.run(env.in, env.catalog, env.language, env.now, [&](const dialog::flow_context& ctx) {
    auto r = dialog::start(req, ctx);
    id = r.state.feedback_id;
    return r;
  });
  // The open conversation gives way (see conversations::replaced_notice); the person hears so first.
  if (earlier)
    out.insert(out.begin(), env.direct(env.talks.replaced_notice(*earlier, env.catalog, env.language)));
  if (env.in.is_dm) return out;
  core::message note;
  note.text = id > 0 ? core::tr(env.language, "flow.continue_in_dm", {{"id", std::to_string(id)}})
                     : core::tr(env.language, "flow.dm_sent");
  out.insert(out.begin(), env.ephemeral(std::move(note)));
  return out;
}

}  // namespace csibot::commands::handlers

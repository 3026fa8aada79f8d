#include "commands/conversations.hpp"
#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"

namespace csibot::commands::handlers {

// `/csi feedback [service] [rating] [reason…]`: the conversation runs in the DM; typed in a channel,
// the command's own reply there is a short ephemeral note (with the number once one exists).
std::vector<core::outbound> feedback(command_env& env) {
  dialog::start_request req;
  req.source = core::source::command;
  req.service = env.cmd.arg(0);
  req.rating = env.cmd.arg(1);
  req.reason = env.cmd.rest(2);
  req.comment = env.cmd.rest(1);
  std::int64_t id = 0;
  auto out = env.talks.run(env.in, env.catalog, env.language, env.now, [&](const dialog::flow_context& ctx) {
    auto r = dialog::start(req, ctx);
    id = r.state.feedback_id;
    return r;
  });
  if (env.in.is_dm) return out;
  core::message note;
  note.text = id > 0 ? core::tr(env.language, "flow.continue_in_dm", {{"id", std::to_string(id)}})
                     : core::tr(env.language, "flow.dm_sent");
  out.insert(out.begin(), env.ephemeral(std::move(note)));
  return out;
}

}  // namespace csibot::commands::handlers

#include "commands/conversations.hpp"
#include "commands/handlers/handlers.hpp"
#include "core/i18n.hpp"

namespace csibot::commands::handlers {

std::vector<core::outbound> cancel(command_env& env) {
  const auto open = env.talks.find(env.in.user_ref(), env.now);
  if (!open) {
    // Closed while the person was away: say that, rather than that there never was one.
    const auto closed = env.talks.take_closed(env.in.user_ref(), env.now);
    core::message m;
    if (closed) {
      m = env.talks.closed_notice(*closed, env.catalog, env.language);
    } else {
      m.text = core::tr(env.language, "flow.no_conversation");
    }
    return {env.ephemeral(std::move(m))};
  }
  auto out = env.talks.run(env.in, env.catalog, env.language, env.now,
                           [&](const dialog::flow_context& ctx) { return dialog::cancel(*open, ctx); });
  // Typed in a channel, the answer belongs there too; in the DM it already is.
  if (!env.in.is_dm) {
    for (auto& o : out)
      o = env.ephemeral(std::move(o.body));
  }
  return out;
}

}  // namespace csibot::commands::handlers

// `csibot run`'s proactive prompts: the platforms' people directories and the app's hooks joined to
// runtime::proactive (kept out of app.cpp, which only calls start_proactive).
#include <map>

#include "bot/platform/local/local_platform.hpp"
#include "bot/platform/mattermost/mattermost_platform.hpp"
#include "bot/platform/slack/slack_platform.hpp"
#include "bot/runtime/proactive.hpp"

namespace csibot::runtime {

std::unique_ptr<proactive> start_proactive(boost::asio::io_context& io, storage::database& db,
                                           const config::settings& settings,
                                           platform::local::local_platform* local,
                                           platform::slack::slack_platform* slack,
                                           platform::mattermost::mattermost_platform* mattermost,
                                           proactive::clock now, catalog_fn catalog, stage_fn stage,
                                           publish_fn publish) {
  // Shared with the hook, which the loop's passes call; owned by it for the loop's whole life.
  auto directories =
      std::make_shared<std::map<std::string, std::shared_ptr<people_directory>, std::less<>>>();
  if (local != nullptr) (*directories)["local"] = local->directory();
  if (slack != nullptr) (*directories)["slack"] = slack->directory();
  if (mattermost != nullptr) (*directories)["mattermost"] = mattermost->directory();
  proactive_hooks hooks;
  hooks.catalog = std::move(catalog);
  hooks.directory = [directories](std::string_view platform) -> people_directory* {
    const auto it = directories->find(platform);
    return it == directories->end() ? nullptr : it->second.get();
  };
  hooks.stage = std::move(stage);
  hooks.publish = std::move(publish);
  auto loop = std::make_unique<proactive>(io, db, settings, std::move(hooks), std::move(now));
  loop->start();
  return loop;
}

}  // namespace csibot::runtime

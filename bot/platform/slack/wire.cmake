# Slack wire formats without any I/O (PLATFORMS.md §1): Block Kit rendering, request signing, form
# bodies, Socket Mode frames and payload decoding into core::inbound. OpenSSL (HMAC) is private:
# no header here needs it, so users of this library do not inherit it. The generic body readers come
# from csibot_platform_form (bot/platform/common), shared with Mattermost.
csibot_library(csibot_slack_wire
  SOURCES json_text.cpp mrkdwn.cpp blocks.cpp blocks_delivery.cpp signature.cpp form.cpp payloads.cpp
  DEPS csibot_core csibot_platform_form nlohmann_json::nlohmann_json)
target_link_libraries(csibot_slack_wire PRIVATE OpenSSL::Crypto)

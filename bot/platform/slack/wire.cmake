# Slack wire formats without any I/O (PLATFORMS.md §1): Block Kit rendering, request signing, form
# bodies, Socket Mode frames and payload decoding into core::inbound. HMAC comes from
# csibot_platform_crypto, which keeps OpenSSL to itself; the generic body readers from
# csibot_platform_form. Both are in bot/platform/common, shared with Mattermost.
csibot_library(csibot_slack_wire
  SOURCES json_text.cpp mrkdwn.cpp mrkdwn_markup.cpp blocks.cpp blocks_delivery.cpp action_ids.cpp signature.cpp
          form.cpp payloads.cpp
  DEPS csibot_core csibot_platform_form csibot_platform_crypto nlohmann_json::nlohmann_json)

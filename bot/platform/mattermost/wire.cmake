# Mattermost wire formats without any I/O (PLATFORMS.md §2): Markdown and attachment rendering, the
# signed button context, WebSocket event decoding, slash-command and button-callback bodies, REST and
# response bodies. HMAC and SHA-256 come from csibot_platform_crypto (bot/platform/common), which keeps
# OpenSSL to itself.
csibot_library(csibot_mattermost_wire
  SOURCES markdown.cpp action_context.cpp attachments.cpp render.cpp events.cpp requests.cpp
          responses.cpp
  DEPS csibot_core csibot_platform_form csibot_platform_crypto nlohmann_json::nlohmann_json)

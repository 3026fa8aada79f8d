# Mattermost wire formats without any I/O (PLATFORMS.md §2): Markdown and attachment rendering, the
# signed button context, WebSocket event decoding, slash-command and button-callback bodies, REST and
# response bodies. OpenSSL (HMAC, SHA-256) is private: no header here includes it (crypto.hpp hides
# it), so users of this library do not inherit it.
csibot_library(csibot_mattermost_wire
  SOURCES crypto.cpp markdown.cpp action_context.cpp attachments.cpp render.cpp events.cpp requests.cpp
          responses.cpp
  DEPS csibot_core csibot_platform_form nlohmann_json::nlohmann_json)
target_link_libraries(csibot_mattermost_wire PRIVATE OpenSSL::Crypto)

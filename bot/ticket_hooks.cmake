# The ITSM ticket webhooks (SPEC §4, §11, §12; docs/webhooks.md): POST /hooks/ticket-resolved and
# /hooks/ticket-reopened, signed with hooks.secret, scheduling ticket prompts. A library of its own so
# that its tests link the HTTP server and storage without the whole runtime and every platform.
# OpenSSL (HMAC, the sampling hash) stays private: the header exposes none of it.
csibot_library(csibot_ticket_hooks
  SOURCES runtime/ticket_hooks.cpp
  DEPS csibot_net csibot_storage csibot_config csibot_core spdlog::spdlog)
target_link_libraries(csibot_ticket_hooks PRIVATE OpenSSL::Crypto nlohmann_json::nlohmann_json)

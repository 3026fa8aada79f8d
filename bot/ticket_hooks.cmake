# The ITSM ticket webhooks (SPEC §4, §11, §12; docs/webhooks.md): POST /hooks/ticket-resolved and
# /hooks/ticket-reopened, signed with hooks.secret, scheduling ticket prompts. A library of its own so
# that its tests link the HTTP server and storage without the whole runtime and every platform.
# HMAC and the sampling hash come from csibot_platform_crypto, which keeps OpenSSL to itself.
csibot_library(csibot_ticket_hooks
  SOURCES runtime/ticket_hooks.cpp runtime/ticket_hook_handlers.cpp runtime/hook_signature.cpp runtime/hook_fields.cpp
  DEPS csibot_net csibot_storage csibot_config csibot_core csibot_platform_crypto spdlog::spdlog)
target_link_libraries(csibot_ticket_hooks PRIVATE nlohmann_json::nlohmann_json)

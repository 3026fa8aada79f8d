# Mattermost transport (PLATFORMS.md §2.1-2.3): the REST client and the WebSocket event client over
# bot/net's HTTP and WebSocket clients. No Beast here, and nothing of the wire library: the few
# fields the transport reads for its own bookkeeping are decoded here.
csibot_library(csibot_mattermost_transport
  SOURCES rest_result.cpp rest_api.cpp socket_message.cpp event_socket.cpp event_dispatch.cpp
  DEPS csibot_net csibot_protocol csibot_platform_form nlohmann_json::nlohmann_json spdlog::spdlog)

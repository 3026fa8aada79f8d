# Slack transport (PLATFORMS.md §1.2, §1.7): the Web API client with its per-channel pacer, and the
# Socket Mode client, over bot/net's HTTP and WebSocket clients. No Beast here: bot/net keeps it.
csibot_library(csibot_slack_transport
  SOURCES api_answer.cpp api_result.cpp json_skip.cpp web_api.cpp channel_pacer.cpp socket_frame.cpp socket_mode.cpp
          socket_receive.cpp
  DEPS csibot_net csibot_protocol csibot_core csibot_platform_form csibot_slack_wire nlohmann_json::nlohmann_json
       spdlog::spdlog)

# The Slack platform adapter: start-up (auth.test), Socket Mode and HTTP mode inbound into the
# group-commit dispatch queue, and the outbox's sender for platform "slack". csibot_delivery (the
# outbox and the dispatch queue, bot/CMakeLists.txt) is linked instead of csibot_runtime, which itself
# links this adapter.
csibot_library(csibot_slack_adapter
  SOURCES slack_platform.cpp sender.cpp http_mode.cpp directory.cpp dm_channels.cpp
  DEPS csibot_slack_wire csibot_slack_transport csibot_delivery csibot_config csibot_storage spdlog::spdlog)

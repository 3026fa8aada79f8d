# The Mattermost adapter as `csibot run` assembles it (dispatcher, group-commit queue, outbox, the bot's
# HTTP server) against the fake Mattermost on 127.0.0.1: socket, webhooks, recovery, faults, directory.
csibot_test(csibot_mattermost_adapter_tests
  SOURCES adapter_test.cpp adapter_webhooks_test.cpp adapter_directory_test.cpp
          adapter_channel_post_test.cpp
  DEPS csibot_mattermost_adapter csibot_fake_mattermost csibot_config csibot_storage
  LABELS platform mattermost)

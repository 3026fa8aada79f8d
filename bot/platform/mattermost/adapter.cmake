# The Mattermost platform adapter: start-up (users/me), the event socket's posted DMs and the
# slash-command and button webhooks into the group-commit dispatch queue, missed-event recovery over
# REST, the outbox's sender for platform "mattermost", and the people directory for proactive prompts.
# csibot_delivery (the outbox and the dispatch queue) is linked instead of csibot_runtime, which itself
# links this adapter.
csibot_library(csibot_mattermost_adapter
  SOURCES mattermost_platform.cpp inbound.cpp channel_book.cpp recovery.cpp sender.cpp webhooks.cpp
          directory.cpp
  DEPS csibot_mattermost_wire csibot_mattermost_transport csibot_delivery csibot_config csibot_storage
       spdlog::spdlog)

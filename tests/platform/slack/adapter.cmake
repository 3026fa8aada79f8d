# The Slack adapter as `csibot run` assembles it (dispatcher, group-commit queue, outbox) against the
# fake Slack on 127.0.0.1: Socket Mode and HTTP mode, faults, redeliveries.
csibot_test(csibot_slack_adapter_tests
  SOURCES adapter_test.cpp adapter_http_test.cpp adapter_outbox_test.cpp directory_test.cpp
  DEPS csibot_slack_adapter csibot_fake_slack csibot_config csibot_storage
  LABELS platform slack)

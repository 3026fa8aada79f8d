# Slack wire formats: pure, no sockets. Samples are the JSON of PLATFORMS.md §1.
csibot_test(csibot_slack_wire_tests
  SOURCES blocks_test.cpp mrkdwn_test.cpp signature_test.cpp payloads_test.cpp
  DEPS csibot_slack_wire
  LABELS platform slack)

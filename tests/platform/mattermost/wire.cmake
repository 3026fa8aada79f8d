# Mattermost wire formats: pure, no sockets. Samples are the JSON and form bodies of PLATFORMS.md §2.
csibot_test(csibot_mattermost_wire_tests
  SOURCES markdown_test.cpp render_test.cpp action_context_test.cpp events_test.cpp requests_test.cpp
          responses_test.cpp
  DEPS csibot_mattermost_wire
  LABELS platform mattermost)

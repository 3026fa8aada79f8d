# The in-process fake Slack (tests/support/fake_slack): a library so that the adapter, end-to-end and
# load tests reuse it and its Beast code compiles once.
add_library(csibot_fake_slack STATIC
  ${PROJECT_SOURCE_DIR}/tests/support/fake_slack/fake_slack.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_slack/web_methods.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_slack/server.cpp)
target_include_directories(csibot_fake_slack PUBLIC ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(csibot_fake_slack PUBLIC csibot_test_net_support csibot_net csibot_core nlohmann_json::nlohmann_json)
csibot_warnings(csibot_fake_slack)

# Web API client and Socket Mode client against the fake on 127.0.0.1:0; the parse of Web API answers.
csibot_test(csibot_slack_transport_tests
  SOURCES api_answer_test.cpp json_skip_test.cpp web_api_test.cpp socket_mode_test.cpp socket_frame_test.cpp
  DEPS csibot_slack_transport csibot_fake_slack
  LABELS platform slack)

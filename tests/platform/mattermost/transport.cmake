# The in-process fake Mattermost (tests/support/fake_mattermost): a library so that the adapter,
# end-to-end and load tests reuse it and its Beast code compiles once.
add_library(csibot_fake_mattermost STATIC
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/fake_mattermost.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/model.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/rest_routes.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/websocket.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/webhook_driver.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/fake_mattermost/server.cpp)
target_include_directories(csibot_fake_mattermost PUBLIC ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(csibot_fake_mattermost PUBLIC csibot_test_net_support csibot_net nlohmann_json::nlohmann_json)
csibot_warnings(csibot_fake_mattermost)

# REST client and WebSocket event client against the fake on 127.0.0.1:0.
csibot_test(csibot_mattermost_transport_tests
  SOURCES rest_api_test.cpp event_socket_test.cpp socket_message_test.cpp fake_webhooks_test.cpp
  DEPS csibot_mattermost_transport csibot_fake_mattermost
  LABELS platform mattermost)

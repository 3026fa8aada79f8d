# The outbox sender and the group-commit dispatch queue (bot/runtime). Their sources are compiled
# into the test rather than linked through csibot_runtime, which would build the whole app, its HTTP
# server and every platform for these tests.
csibot_test(csibot_runtime_outbox_tests
  SOURCES outbox_test.cpp dispatch_queue_test.cpp
          ${PROJECT_SOURCE_DIR}/bot/runtime/outbox.cpp ${PROJECT_SOURCE_DIR}/bot/runtime/outbox_lanes.cpp
          ${PROJECT_SOURCE_DIR}/bot/runtime/outbox_reading.cpp ${PROJECT_SOURCE_DIR}/bot/runtime/outbox_outcomes.cpp
          ${PROJECT_SOURCE_DIR}/bot/runtime/dispatch_queue.cpp
  DEPS csibot_commands csibot_config csibot_storage csibot_protocol Boost::headers spdlog::spdlog SQLite::SQLite3
  LABELS runtime)
# As csibot_net builds Asio: the same definitions, and GCC 12's false -Wmismatched-new-delete on Asio's
# coroutine frame allocator (GCC PR 109224).
target_compile_definitions(csibot_runtime_outbox_tests PRIVATE BOOST_ASIO_NO_DEPRECATED)
target_compile_options(csibot_runtime_outbox_tests PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>)

csibot_test(csibot_scheduler_tests
  SOURCES scheduler_test.cpp
  DEPS csibot_scheduler csibot_config
  LABELS runtime scheduler)

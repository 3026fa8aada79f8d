# Proactive prompts at run time: the prompt loop and the pulse runner (bot/runtime, csibot_proactive)
# on real SQLite files, a real io_context and an injected clock, with a scripted people directory.
csibot_test(csibot_proactive_tests
  SOURCES prompt_loop_test.cpp pulse_runner_test.cpp profile_cache_test.cpp
  DEPS csibot_proactive csibot_config
  LABELS runtime prompts)

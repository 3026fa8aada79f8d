# Proactive prompts at run time (SPEC §4; docs/prompts.md): the prompt loop (due prompts → platform
# profiles and e-mail lookups → commands::prompt_sender), the pulse runner (cron slots and /csi ask
# audiences through each platform's people directory) and the coroutine that drives both. A library
# of its own so that its tests need neither the whole app nor any platform adapter.
csibot_library(csibot_proactive
  SOURCES runtime/prompt_loop.cpp runtime/pulse_runner.cpp runtime/proactive.cpp runtime/profile_cache.cpp
  DEPS csibot_commands csibot_storage csibot_config csibot_net spdlog::spdlog)

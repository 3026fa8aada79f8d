# The ticket webhooks end to end: a real http_server on 127.0.0.1:0, a real http_client, a real SQLite
# file and an injected clock.
csibot_test(csibot_ticket_hooks_tests
  SOURCES ticket_hooks_test.cpp
  DEPS csibot_ticket_hooks csibot_net csibot_storage csibot_config OpenSSL::Crypto
  LABELS runtime hooks)

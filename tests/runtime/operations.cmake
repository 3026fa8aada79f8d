# `/csi admin` at run time: the backup job and the operations behind the status (bot/runtime,
# csibot_operations) on real SQLite files and a real io_context.
csibot_test(csibot_operations_tests
  SOURCES backup_job_test.cpp operations_test.cpp
  DEPS csibot_operations csibot_config
  LABELS runtime admin)

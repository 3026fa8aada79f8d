#pragma once
/// Which request the current thread is working on, so that every log line written meanwhile names it
/// (SPEC §10: "Logs: … request ids"). The dispatcher opens a scope per event; the log formatter
/// (bot/runtime/logging.cpp) reads it. Plain thread-local state: core stays free of the logger.
#include <string_view>

namespace csibot::core {

/// The request being handled on this thread, "" outside any.
std::string_view current_request() noexcept;

/// Names `id` as the current request until destroyed, then restores the one before (scopes nest).
/// `id` must outlive the scope: it is not copied, as this runs once per event on the hot path.
class request_scope {
 public:
  explicit request_scope(std::string_view id) noexcept;
  ~request_scope();
  request_scope(const request_scope&) = delete;
  request_scope& operator=(const request_scope&) = delete;

 private:
  std::string_view previous_;
};

}  // namespace csibot::core

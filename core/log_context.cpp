#include "core/log_context.hpp"

namespace csibot::core {
namespace {
thread_local std::string_view current;
}  // namespace

std::string_view current_request() noexcept {
  return current;
}

request_scope::request_scope(std::string_view id) noexcept : previous_(current) {
  current = id;
}

request_scope::~request_scope() {
  current = previous_;
}

}  // namespace csibot::core

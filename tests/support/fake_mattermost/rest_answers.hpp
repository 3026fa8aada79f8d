#pragma once
// Private to the fake: building blocks of its HTTP answers (PLATFORMS.md §2.1): JSON bodies, the
// AppError shape, rate-limit headers and injected faults.

#include <string>
#include <string_view>

#include "support/fake_mattermost/state.hpp"

namespace csibot::testing {

/// Mattermost's post limit: PostMessageMaxRunesV2 = 65535 / 4.
inline constexpr std::size_t max_post_runes = 16'383;

struct answer {
  mm_http_reply reply;
  std::string error_id;  // the AppError id answered, "" when ok
};

inline answer json_answer(unsigned status, const nlohmann::json& body) {
  return {{status, "application/json", body.dump(), {}, false}, {}};
}

/// Mattermost's AppError body: {"id","message","detailed_error","request_id","status_code","is_oauth"}.
inline answer app_error(unsigned status, std::string id, std::string message) {
  const nlohmann::json body{{"id", id},
                            {"message", std::move(message)},
                            {"detailed_error", ""},
                            {"request_id", "fakerequest000000000000000"},
                            {"status_code", status},
                            {"is_oauth", false}};
  return {{status, "application/json", body.dump(), {}, false}, std::move(id)};
}

inline void add_rate_headers(mm_http_reply& reply, std::uint32_t limit, std::uint32_t remaining,
                             std::int64_t reset_seconds) {
  reply.headers.emplace_back("X-Ratelimit-Limit", std::to_string(limit));
  reply.headers.emplace_back("X-Ratelimit-Remaining", std::to_string(remaining));
  reply.headers.emplace_back("X-Ratelimit-Reset", std::to_string(reset_seconds));
}

/// What a fault answers. A 429 is the limiter's: plain "limit exceeded", X-Ratelimit-* and
/// Retry-After (the throttled library sets both).
inline answer faulted(const mm_fault& f, std::uint32_t limit) {
  switch (f.what) {
    case mm_fault::kind::rate_limited: {
      answer a{{429, "text/plain; charset=utf-8", "limit exceeded\n", {}, false}, "http_429"};
      add_rate_headers(a.reply, limit > 0 ? limit : 10, 0, f.reset.count());
      a.reply.headers.emplace_back("Retry-After", std::to_string(f.reset.count()));
      return a;
    }
    case mm_fault::kind::http_error:
      return app_error(f.status, "app.fake.injected.app_error", "Injected failure.");
    case mm_fault::kind::close_connection:
    case mm_fault::kind::pass:  // taken off the queue before: the call is answered as usual
      break;
  }
  answer a;
  a.reply.close = true;
  a.error_id = "closed";
  return a;
}

/// Code points in UTF-8 text (continuation bytes are not counted).
inline std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

inline std::string percent_decode(std::string_view text) {
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace csibot::testing

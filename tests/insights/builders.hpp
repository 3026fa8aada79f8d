#pragma once
// Builds insight inputs by hand for tests: services, and answers fed through service_accumulator.
#include <optional>
#include <string>
#include <string_view>

#include "insights/pass.hpp"

namespace csibot::insights::test {

inline const core::timestamp period_end = core::from_millis(1'800'000'000'000);
inline const core::period period_30d{period_end - std::chrono::days{30}, period_end, "30d"};

inline core::service make_service(std::string id, core::criticality c = core::criticality::medium,
                                  core::anonymity a = core::anonymity::identified) {
  core::service s;
  s.name = id == "vpn" ? "Remote access VPN" : id;
  s.id = std::move(id);
  s.criticality = c;
  s.anonymity = a;
  return s;
}

/// Adds `count` answers with `rating`, spread over the period's last days, oldest first.
inline void feed(service_accumulator& acc, int rating, int count, std::optional<core::impact> impact = {},
                 std::string_view reason = {}, std::string_view usage = {}) {
  for (int i = 0; i < count; ++i) {
    const auto at = period_end - std::chrono::hours{1 + (i % 600)};
    acc.add({.created_at = at, .rating = rating, .reason = reason, .impact = impact, .usage = usage});
  }
}

}  // namespace csibot::insights::test

#include "core/service.hpp"

#include "core/markup.hpp"

namespace csibot::core {

std::string_view to_string(criticality c) {
  switch (c) {
    case criticality::low:
      return "low";
    case criticality::medium:
      return "medium";
    case criticality::high:
      return "high";
    case criticality::critical:
      return "critical";
  }
  return "medium";
}

std::optional<criticality> parse_criticality(std::string_view text) {
  for (auto c : {criticality::low, criticality::medium, criticality::high, criticality::critical}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

double criticality_weights::of(criticality c) const {
  switch (c) {
    case criticality::low:
      return low;
    case criticality::medium:
      return medium;
    case criticality::high:
      return high;
    case criticality::critical:
      return critical;
  }
  return low;
}

std::string_view to_string(anonymity a) {
  switch (a) {
    case anonymity::identified:
      return "identified";
    case anonymity::pseudonymous:
      return "pseudonymous";
    case anonymity::anonymous:
      return "anonymous";
  }
  return "identified";
}

std::optional<anonymity> parse_anonymity(std::string_view text) {
  for (auto a : {anonymity::identified, anonymity::pseudonymous, anonymity::anonymous}) {
    if (to_string(a) == text) return a;
  }
  return std::nullopt;
}

bool is_valid_target(scale s, double target) {
  if (s == scale::nps10) return target >= -100 && target <= 100;
  return target > 0 && target <= 100;
}

const service* find_service(const std::vector<service>& catalog, std::string_view id) {
  for (const auto& s : catalog)
    if (s.id == id) return &s;
  return nullptr;
}

bool is_valid_service_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-' || id.front() == '_') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string markup_name(const service& s) {
  return literal(s.name.empty() ? s.id : s.name);
}

}  // namespace csibot::core

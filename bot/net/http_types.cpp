#include "bot/net/http_types.hpp"

#include <algorithm>

namespace csibot::net {
namespace {

constexpr char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

void header_map::add(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

void header_map::set(std::string name, std::string value) {
  std::erase_if(entries_, [&](const entry& e) { return iequals(e.first, name); });
  add(std::move(name), std::move(value));
}

std::optional<std::string_view> header_map::find(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (iequals(key, name)) return std::string_view{value};
  }
  return std::nullopt;
}

response response::text(unsigned status, std::string body) {
  return response{status, "text/plain; charset=utf-8", std::move(body), {}};
}

response response::json(unsigned status, std::string json) {
  return response{status, "application/json", std::move(json), {}};
}

}  // namespace csibot::net

#include "bot/cli/catalog_export.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace csibot::cli {
namespace {

// The config reader replaces ${NAME} in every string with an environment variable and reads $${ as a
// literal ${. Writing each ${ as $${ is the exact inverse: every ${ the reader then meets is preceded
// by the $ added here, so nothing is replaced and nothing else changes ("$", "$$", "$${" included).
std::string config_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("${")) out += '$';
    out += text[i];
  }
  return out;
}

toml::array to_array(const std::vector<std::string>& items) {
  toml::array a;
  for (const auto& i : items)
    a.push_back(config_text(i));
  return a;
}

toml::table to_table(const core::service& s) {
  toml::table t;
  t.insert("id", s.id);
  t.insert("name", config_text(s.name));
  if (!s.description.empty()) t.insert("description", config_text(s.description));
  if (!s.purpose.empty()) t.insert("purpose", config_text(s.purpose));
  t.insert("criticality", std::string{core::to_string(s.criticality)});
  t.insert("business_functions", to_array(s.business_functions));
  t.insert("owners", to_array(s.owners));
  t.insert("customers", to_array(s.customers));
  if (!s.digest_channel.empty()) t.insert("digest_channel", config_text(s.digest_channel));
  t.insert("scale", std::string{core::to_string(s.scale)});
  if (s.target) t.insert("target", *s.target);
  t.insert("anonymity", std::string{core::to_string(s.anonymity)});
  if (!s.tags.empty()) t.insert("tags", to_array(s.tags));
  return t;
}

}  // namespace

std::string catalog_toml(const std::vector<core::service>& services) {
  toml::array list;
  for (const auto& s : services)
    list.push_back(to_table(s));
  toml::table root;
  root.insert("service", std::move(list));
  std::ostringstream out;
  out << "# The csibot service catalog as stored in the database (config plus run-time changes).\n";
  out << toml::toml_formatter{root} << '\n';
  return out.str();
}

}  // namespace csibot::cli

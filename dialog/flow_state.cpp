#include "dialog/flow_state.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace csibot::dialog {
namespace {

constexpr std::array<step, 6> all_steps{step::choose_service, step::rating, step::reason,
                                        step::impact,         step::usage,  step::done};

template <typename T>
std::optional<T> get(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

}  // namespace

std::string_view to_string(step s) {
  switch (s) {
    case step::choose_service:
      return "service";
    case step::rating:
      return "rating";
    case step::reason:
      return "reason";
    case step::impact:
      return "impact";
    case step::usage:
      return "usage";
    case step::done:
      return "done";
  }
  return "done";
}

std::string encode(const flow_state& s) {
  // Written as text, not built as an nlohmann tree: every conversation step saves its state.
  std::string out;
  out.reserve(160 + s.service.size() + (s.reason ? s.reason->size() : 0) + (s.usage ? s.usage->size() : 0));
  core::json_writer{out}.object([&](core::json_writer& o) {
    o.number("v", 1);
    o.member("at", to_string(s.at));
    o.member("source", core::to_string(s.source));
    o.member("service", s.service);
    o.text("suggested", s.suggested);
    o.number("feedback", s.feedback_id);
    if (s.rating) o.number("rating", *s.rating);
    if (s.reason) o.member("reason", *s.reason);
    if (s.impact) o.member("impact", core::to_string(*s.impact));
    if (s.usage) o.member("usage", *s.usage);
    if (s.usage_asked) o.boolean("usage_asked", true);
    if (s.recorded_in_question) o.boolean("recorded_in_question", true);
    if (s.keyed) o.boolean("keyed", true);
    o.text("pending_rating", s.pending_rating);
    o.text("pending_reason", s.pending_reason);
    o.text("pending_comment", s.pending_comment);
    o.number("started", core::to_millis(s.started_at));
    o.text("language", s.language);
  });
  return out;
}

std::optional<flow_state> decode(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    if (j.at("v").get<int>() != 1) return std::nullopt;
    flow_state s;
    const auto at = j.at("at").get<std::string>();
    const auto step_it =
        std::find_if(all_steps.begin(), all_steps.end(), [&](step x) { return to_string(x) == at; });
    const auto source = core::parse_source(j.at("source").get<std::string>());
    if (step_it == all_steps.end() || !source) return std::nullopt;
    s.at = *step_it;
    s.source = *source;
    s.service = j.at("service").get<std::string>();
    s.suggested = j.value("suggested", std::string{});
    s.feedback_id = j.at("feedback").get<std::int64_t>();
    s.rating = get<int>(j, "rating");
    s.reason = get<std::string>(j, "reason");
    if (const auto impact = get<std::string>(j, "impact")) s.impact = core::parse_impact(*impact);
    s.usage = get<std::string>(j, "usage");
    s.usage_asked = j.value("usage_asked", false);
    s.recorded_in_question = j.value("recorded_in_question", false);
    s.keyed = j.value("keyed", false);
    s.pending_rating = j.value("pending_rating", std::string{});
    s.pending_reason = j.value("pending_reason", std::string{});
    s.pending_comment = j.value("pending_comment", std::string{});
    s.started_at = core::from_millis(j.at("started").get<std::int64_t>());
    s.language = j.value("language", std::string{});
    return s;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace csibot::dialog

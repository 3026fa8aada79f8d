#include "dialog/reply_consent.hpp"

#include <charconv>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "dialog/actions.hpp"

namespace csibot::dialog {

void offer_reply_consent(core::message& m, std::int64_t feedback_id, std::string_view token,
                         const core::service& svc, std::string_view lang) {
  const bool link = svc.anonymity != core::anonymity::identified;
  // The label itself is honest about the link: a button is all some people read.
  m.buttons.push_back(core::button{
      core::tr(lang, link ? "consent.button.link" : "consent.button"), std::string{actions::allow_reply},
      std::to_string(feedback_id) + ":" + std::string{token}, core::button_style::normal});
  if (link) {
    m.context += (m.context.empty() ? "" : "\n") +
                 core::tr(lang, "consent.offer.link", {{"id", std::to_string(feedback_id)}});
  }
}

std::optional<reply_consent_value> parse_reply_consent(std::string_view value) {
  const auto colon = value.find(':');
  if (colon == std::string_view::npos || colon + 1 >= value.size()) return std::nullopt;
  std::int64_t id = 0;
  const char* first = value.data();
  const char* last = value.data() + colon;
  const auto [end, ec] = std::from_chars(first, last, id);
  if (ec != std::errc{} || end != last || id <= 0) return std::nullopt;
  return reply_consent_value{id, std::string{value.substr(colon + 1)}};
}

core::message reply_consent_given(std::int64_t feedback_id, std::string_view service_name, bool link_kept,
                                  std::string_view lang, std::string_view command) {
  const auto id = std::to_string(feedback_id);
  core::message m;
  m.text = core::tr(lang, "flow.thanks", {{"id", id}, {"service", core::literal(service_name)}});
  m.context = core::tr(lang, link_kept ? "consent.given.link" : "consent.given",
                       {{"id", id}, {"command", std::string{command}}});
  return m;
}

}  // namespace csibot::dialog

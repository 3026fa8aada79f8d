#include "dialog/prompts.hpp"

#include <array>
#include <string>

#include "core/i18n.hpp"
#include "dialog/actions.hpp"
#include "dialog/answers.hpp"
#include "dialog/question_key.hpp"
#include "dialog/reply_consent.hpp"

namespace csibot::dialog {
namespace {

using core::tr;

// `key` (dialog/question_key.hpp) ends the value, so that a click tells which question it answers.
core::button make_button(std::string label, std::string_view action, std::string payload,
                         std::string_view key, core::button_style style = core::button_style::normal) {
  if (!key.empty()) payload += "@" + std::string{key};
  return core::button{std::move(label), std::string{action}, std::move(payload), style};
}

core::button skip_button(const core::service& svc, std::string_view lang, std::string_view key) {
  return make_button(tr(lang, "flow.button.skip"), actions::skip, svc.id, key);
}

core::message rating_question(const core::service& svc, std::string_view lang, bool with_buttons,
                              std::string_view platform, std::string_view key) {
  core::message m;
  const std::string scale{core::to_string(svc.scale)};
  m.header = tr(lang, "flow.header", {{"service", core::markup_name(svc)}});
  m.text = tr(lang, "flow.rating.question." + scale, {{"service", core::markup_name(svc)}});
  m.context = anonymity_note(svc, lang, platform);
  if (!with_buttons) return m;
  const auto values = core::scale_values(svc.scale);
  m.buttons.reserve(values.size());
  for (int r : values) {
    m.buttons.push_back(
        make_button(rating_label(svc.scale, r), actions::rate, svc.id + ":" + std::to_string(r), key));
  }
  if (svc.scale == core::scale::thumbs) std::swap(m.buttons[0], m.buttons[1]);  // 👍 first reads naturally
  return m;
}

core::message impact_question(const core::service& svc, std::string_view lang, bool with_buttons,
                              std::string_view key) {
  core::message m;
  m.text = tr(lang, "flow.impact.question");
  if (!with_buttons) return m;
  // Asked after nearly every rating: the keys are spelled out rather than built per button.
  struct choice {
    core::impact value;
    std::string_view label_key;
  };
  static constexpr std::array<choice, 4> choices{{{core::impact::blocks, "flow.impact.blocks"},
                                                  {core::impact::slows, "flow.impact.slows"},
                                                  {core::impact::minor, "flow.impact.minor"},
                                                  {core::impact::none, "flow.impact.none"}}};
  m.buttons.reserve(choices.size() + 1);
  for (const auto& c : choices) {
    auto value = svc.id;
    value += ':';
    value += core::to_string(c.value);
    m.buttons.push_back(make_button(tr(lang, c.label_key), actions::impact, std::move(value), key));
  }
  m.buttons.push_back(skip_button(svc, lang, key));
  return m;
}

}  // namespace

std::string anonymity_note(const core::service& svc, std::string_view lang, std::string_view platform) {
  if (svc.anonymity == core::anonymity::identified) return tr(lang, "flow.note.identified");
  std::string note =
      tr(lang, svc.anonymity == core::anonymity::anonymous ? "flow.note.anonymous" : "flow.note.pseudonymous",
         {{"service", core::markup_name(svc)}});
  // The feedback row holds no link, but the web chat's history is csibot's storage too (SPEC §2:
  // stated honestly), and it keeps this very conversation under the name the person gave.
  if (platform == "local") note += " " + tr(lang, "flow.note.local_history");
  return note;
}

core::message choose_service_prompt(const std::vector<core::service>& catalog, std::string_view lang,
                                    std::string_view key) {
  core::message m;
  m.header = tr(lang, "flow.choose.header");
  std::string list;
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    list +=
        "\n" + std::to_string(i + 1) + ". *" + core::markup_name(catalog[i]) + "* (`" + catalog[i].id + "`)";
    // A label as it is: the local web chat shows labels without reading markup.
    m.buttons.push_back(make_button(catalog[i].name, actions::choose_service, catalog[i].id, key));
  }
  m.text = catalog.empty() ? tr(lang, "flow.choose.empty") : tr(lang, "flow.choose.text") + list;
  m.buttons.push_back(
      make_button(tr(lang, "flow.button.cancel"), actions::cancel, "", key, core::button_style::danger));
  return m;
}

core::message question(const flow_state& s, const core::service& svc, std::string_view lang,
                       bool with_buttons, std::string_view platform) {
  const std::string key = with_buttons ? question_key(s) : std::string{};
  switch (s.at) {
    case step::rating:
      return rating_question(svc, lang, with_buttons, platform, key);
    case step::impact:
      return impact_question(svc, lang, with_buttons, key);
    case step::reason:
    case step::usage: {
      core::message m;
      m.text = tr(lang, s.at == step::reason ? "flow.reason.question" : "flow.usage.question",
                  {{"service", core::markup_name(svc)}});
      if (with_buttons) m.buttons.push_back(skip_button(svc, lang, key));
      return m;
    }
    case step::choose_service:
    case step::done:
      break;
  }
  return {};
}

core::message thanks(const flow_state& s, const core::service& svc, std::string_view lang,
                     std::string_view reply_token, std::string_view platform, const thanks_news& news) {
  core::message m;
  // Only an identified answer names whom to tell; any other reaches its author through the link the
  // consent button offers, or not at all (commands/report_back.hpp). Someone who opted out is told
  // nothing either way until they opt in again, so they are promised nothing but the way back.
  const bool promise = svc.anonymity == core::anonymity::identified || !reply_token.empty();
  const char* key = promise && news.opted_out                      ? "flow.thanks.opted_out"
                    : svc.anonymity == core::anonymity::identified ? "flow.thanks"
                    : reply_token.empty()                          ? "flow.thanks.unlinked"
                                                                   : "flow.thanks.link";
  m.text = tr(lang, key,
              {{"id", std::to_string(s.feedback_id)},
               {"service", core::markup_name(svc)},
               {"command", std::string{news.command}}});
  if (svc.anonymity != core::anonymity::identified) m.context = anonymity_note(svc, lang, platform);
  if (!reply_token.empty()) offer_reply_consent(m, s.feedback_id, reply_token, svc, lang);
  return m;
}

core::message note(std::string text) {
  core::message m;
  m.text = std::move(text);
  return m;
}

}  // namespace csibot::dialog

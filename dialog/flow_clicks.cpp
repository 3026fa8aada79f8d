// Button clicks on the flow's prompts: the choice they carry, whether they answer the open question
// (a click on an earlier question's or an earlier conversation's message is stale), and the clicked
// prompt re-rendered with the choice made.
#include <algorithm>

#include "core/i18n.hpp"
#include "dialog/actions.hpp"
#include "dialog/answers.hpp"
#include "dialog/feedback_flow.hpp"
#include "dialog/flow_steps.hpp"
#include "dialog/prompts.hpp"
#include "dialog/question_key.hpp"

namespace csibot::dialog {
namespace {

using core::tr;
using detail::accept_free_text;
using detail::accept_rating;
using detail::advance;
using detail::choose;
using detail::recorded_line;
using detail::retry;

// The part of a button's payload after "service:".
std::string_view action_choice(std::string_view payload) {
  const auto colon = payload.find(':');
  return colon == std::string_view::npos ? std::string_view{} : payload.substr(colon + 1);
}

std::string_view action_service(std::string_view payload) {
  return payload.substr(0, std::min(payload.find(':'), payload.size()));
}

// Only the open question's own buttons may answer it: Skip, Cancel and the same ratings and impacts
// stand under several questions and conversations, and their values alone cannot tell which. A
// button without a key was sent before keys existed: it answers only a question asked then too.
bool answers_open_question(const flow_state& s, std::string_view key) {
  return key.empty() ? !s.keyed : key == question_key(s);
}

flow_result stale(const flow_state& s, const flow_context& ctx) {
  return retry(s, tr(ctx.language, "flow.stale"));
}

// Replaces the clicked prompt's buttons with the choice made; `choice` is neutral markup.
void mark_answered(flow_result& r, const flow_state& before, const core::service& svc,
                   const flow_context& ctx, const std::string& choice) {
  core::message m = before.at == step::choose_service
                        ? note(tr(ctx.language, "flow.choose.chosen", {{"service", core::markup_name(svc)}}))
                        : question(before, svc, ctx.language, false, ctx.user.platform);
  m.context = tr(ctx.language, "flow.answered", {{"choice", choice}});
  if (before.recorded_in_question) {
    // The message being replaced began with the one-shot form's confirmation: keep its number and
    // its privacy note in view.
    m.text = recorded_line(before, svc, ctx) + "\n\n" + m.text;
    if (svc.anonymity != core::anonymity::identified)
      m.context = anonymity_note(svc, ctx.language, ctx.user.platform) + "\n" + m.context;
  }
  r.answered = std::move(m);
}

}  // namespace

bool is_flow_action(const core::action& a) {
  return a.action_id == actions::choose_service || a.action_id == actions::rate ||
         a.action_id == actions::impact || a.action_id == actions::skip || a.action_id == actions::cancel;
}

flow_result on_action(const flow_state& s, const core::action& a, const flow_context& ctx) {
  const auto [payload, key] = split_button_value(a.value);
  if (!answers_open_question(s, key)) return stale(s, ctx);
  if (a.action_id == actions::cancel) return cancel(s, ctx);
  const auto* svc = core::find_service(ctx.catalog, action_service(payload));
  if (!svc) return stale(s, ctx);
  const bool choosing = s.at == step::choose_service;
  if (!choosing && svc->id != s.service) return stale(s, ctx);
  const auto choice = action_choice(payload);
  flow_result r;
  if (a.action_id == actions::choose_service && choosing) {
    r = choose(s, *svc, ctx);
    mark_answered(r, s, *svc, ctx, core::markup_name(*svc));
  } else if (a.action_id == actions::rate && (choosing || s.at == step::rating)) {
    const auto rating = parse_rating(svc->scale, choice);
    if (!rating) return stale(s, ctx);
    flow_state chosen = s;
    chosen.service = svc->id;
    chosen.at = step::rating;
    r = accept_rating(chosen, *svc, *rating, ctx);
    mark_answered(r, chosen, *svc, ctx, rating_label(svc->scale, *rating));
  } else if (a.action_id == actions::impact && s.at == step::impact) {
    const auto impact = core::parse_impact(choice);
    if (!impact) return stale(s, ctx);
    flow_state next = s;
    next.impact = impact;
    r = advance(std::move(next), *svc, ctx);
    mark_answered(r, s, *svc, ctx, tr(ctx.language, "flow.impact." + std::string{choice}));
  } else if (a.action_id == actions::skip &&
             (s.at == step::reason || s.at == step::impact || s.at == step::usage)) {
    r = s.at == step::impact ? advance(s, *svc, ctx) : accept_free_text(s, *svc, "skip", ctx);
    mark_answered(r, s, *svc, ctx, tr(ctx.language, "flow.button.skip"));
  } else {
    return stale(s, ctx);
  }
  return r;
}

}  // namespace csibot::dialog

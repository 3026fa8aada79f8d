// Typed answers to the open question, and the ways a conversation ends early: "cancel", or a service
// that left the catalog meanwhile. Starting is in flow_start.cpp, button clicks in flow_clicks.cpp.
#include "dialog/feedback_flow.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "dialog/answers.hpp"
#include "dialog/flow_steps.hpp"
#include "dialog/prompts.hpp"

namespace csibot::dialog {
namespace {

using core::tr;
using detail::accept_free_text;
using detail::accept_rating;
using detail::advance;
using detail::on_service_text;
using detail::rating_retry;
using detail::retry;
using detail::save;

// The service left the catalog (an admin removed it) while the person was answering. The answer just
// typed is kept with the rest when it is one the row can hold; the conversation cannot go on, since
// the questions are about the service.
flow_result service_gone(flow_state s, std::string_view text, const flow_context& ctx) {
  if (s.feedback_id > 0 && !core::trim(text).empty() && !is_skip(text)) {
    if (s.at == step::reason || s.at == step::usage) {
      (s.at == step::reason ? s.reason : s.usage) =
          core::cap_chars(core::sanitize(text), core::max_answer_chars).text;
    } else if (s.at == step::impact) {
      if (const auto impact = parse_impact_answer(text)) s.impact = impact;
    }
    core::service gone;  // only its id is read when updating an existing row
    gone.id = s.service;
    save(s, gone, ctx, false);
  }
  flow_result r;
  r.replies.push_back(note(s.feedback_id > 0
                               ? tr(ctx.language, "flow.service_gone.kept",
                                    {{"service", s.service}, {"id", std::to_string(s.feedback_id)}})
                               : tr(ctx.language, "flow.service_gone.nothing", {{"service", s.service}})));
  r.state = std::move(s);
  r.finished = true;
  return r;
}

}  // namespace

flow_result on_text(const flow_state& s, std::string_view text, const flow_context& ctx) {
  if (is_cancel(text)) return cancel(s, ctx);
  if (s.at == step::choose_service) return on_service_text(s, text, ctx);
  const auto* svc = core::find_service(ctx.catalog, s.service);
  if (!svc) return service_gone(s, text, ctx);
  if (s.at == step::done) return cancel(s, ctx);
  if (core::trim(text).empty()) return retry(s, tr(ctx.language, "flow.empty"));
  switch (s.at) {
    case step::rating: {
      const auto rating = parse_rating(svc->scale, text);
      return rating ? accept_rating(s, *svc, *rating, ctx) : rating_retry(s, *svc, ctx);
    }
    case step::impact: {
      if (is_skip(text)) return advance(s, *svc, ctx);
      const auto impact = parse_impact_answer(text);
      if (!impact) return retry(s, tr(ctx.language, "flow.impact.invalid"));
      flow_state next = s;
      next.impact = impact;
      return advance(std::move(next), *svc, ctx);
    }
    default:
      return accept_free_text(s, *svc, text, ctx);
  }
}

flow_result cancel(const flow_state& s, const flow_context& ctx) {
  flow_result r;
  r.state = s;
  r.finished = true;
  r.replies.push_back(s.feedback_id > 0 ? note(tr(ctx.language, "flow.cancelled.kept",
                                                  {{"id", std::to_string(s.feedback_id)}}))
                                        : note(tr(ctx.language, "flow.cancelled.nothing")));
  return r;
}

}  // namespace csibot::dialog

// Starting a conversation: settling the service (typos and "did you mean" included) and taking what
// the one-shot form `/csi feedback [service] [rating] [reason…]` already gave.
#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "dialog/answers.hpp"
#include "dialog/feedback_flow.hpp"
#include "dialog/flow_steps.hpp"
#include "dialog/prompts.hpp"
#include "dialog/question_key.hpp"

namespace csibot::dialog {
namespace detail {
namespace {

using core::tr;

// The one-shot form gave a comment but no valid rating ("vpn great service", "vpn 6 too slow"): the
// comment becomes the reason, and only the rating is asked for. A number out of range was meant as
// the rating, so the comment is what follows it; a word was not, so the comment is all of it.
flow_result keep_comment(flow_state s, const core::service& svc, const std::string& rating_text,
                         const std::string& reason_text, const std::string& comment_text,
                         const flow_context& ctx) {
  flow_result r;
  const bool meant_as_rating = looks_like_number(rating_text);
  const std::string clean = core::sanitize(meant_as_rating ? reason_text : comment_text);
  if (!core::trim(clean).empty() && !is_skip(clean)) {
    auto capped = core::cap_chars(clean, core::max_answer_chars);
    if (capped.truncated) {
      r.replies.push_back(
          note(tr(ctx.language, "flow.truncated", {{"max", std::to_string(core::max_answer_chars)}})));
    }
    s.reason = std::move(capped.text);
    // Stored now, as partial without a rating: we just told them it is kept, and a cancel, a timeout
    // or a new /csi feedback before they rate must not lose it (SPEC §3, "nothing is lost").
    save(s, svc, ctx, false);
  }
  std::string said = meant_as_rating || !s.reason ? rating_invalid(svc, ctx) : std::string{};
  if (s.reason) said += (said.empty() ? "" : " ") + tr(ctx.language, "flow.reason.kept");
  r.replies.insert(r.replies.begin(), note(std::move(said)));
  return ask(std::move(s), svc, ctx, std::move(r));
}

// The service is settled: ask for the rating, or take the rating and reason the one-shot form gave.
flow_result begin(flow_state s, const core::service& svc, const std::string& rating_text,
                  const std::string& reason_text, const std::string& comment_text, const flow_context& ctx) {
  s.service = svc.id;
  s.suggested.clear();
  s.pending_rating.clear();
  s.pending_reason.clear();
  s.pending_comment.clear();
  s.at = step::rating;
  if (core::trim(rating_text).empty()) return ask(std::move(s), svc, ctx);
  const auto rating = parse_rating(svc.scale, rating_text);
  if (!rating) return keep_comment(std::move(s), svc, rating_text, reason_text, comment_text, ctx);
  s.rating = *rating;
  s.at = step::reason;
  // Rating and reason go in with one INSERT: accept_free_text creates the row as it moves on to the
  // impact. Only a reason that asks again (empty after cleaning) leaves it to the save below.
  flow_result r = core::trim(reason_text).empty() ? ask(std::move(s), svc, ctx)
                                                  : accept_free_text(std::move(s), svc, reason_text, ctx);
  if (r.state.feedback_id == 0) save(r.state, svc, ctx, false);
  core::message recorded = note(recorded_line(r.state, svc, ctx));
  // The one-shot form skips the rating question, which is where the privacy note stands.
  if (svc.anonymity != core::anonymity::identified)
    recorded.context = anonymity_note(svc, ctx.language, ctx.user.platform);
  // One direct message, not two: the confirmation heads the next question when that is all there is
  // to say (a cut reason or a retry keeps its own note after the confirmation).
  auto& next = r.replies;
  if (next.size() == 1 && !next.front().buttons.empty() && next.front().context.empty()) {
    next.front().text = recorded.text + "\n\n" + next.front().text;
    next.front().context = std::move(recorded.context);
    r.state.recorded_in_question = true;
  } else {
    next.insert(next.begin(), std::move(recorded));
  }
  return r;
}

}  // namespace

flow_result choose(const flow_state& s, const core::service& svc, const flow_context& ctx) {
  const std::string rating = s.pending_rating;
  const std::string reason = s.pending_reason;
  const std::string comment = s.pending_comment;
  return begin(s, svc, rating, reason, comment, ctx);
}

flow_result on_service_text(flow_state s, std::string_view text, const flow_context& ctx) {
  if (core::trim(text).empty()) {
    s.keyed = true;
    flow_result r = retry(s, tr(ctx.language, "flow.empty"));
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language, question_key(s)));
    return r;
  }
  if (!s.suggested.empty() && is_yes(text)) {
    if (const auto* svc = core::find_service(ctx.catalog, s.suggested))
      return choose(std::move(s), *svc, ctx);
  }
  const auto match = match_service(ctx.catalog, text);
  if (match.found) return choose(std::move(s), *match.found, ctx);
  flow_result r;
  const std::string typed = core::echo(core::trim(text), 60);
  if (match.suggestion) {
    s.suggested = match.suggestion->id;
    r.replies.push_back(note(tr(
        ctx.language, "flow.choose.did_you_mean",
        {{"typed", typed}, {"name", core::markup_name(*match.suggestion)}, {"id", match.suggestion->id}})));
  } else {
    s.suggested.clear();
    s.keyed = true;
    r.replies.push_back(note(tr(ctx.language, "flow.choose.unknown", {{"typed", typed}})));
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language, question_key(s)));
  }
  r.state = std::move(s);
  return r;
}

}  // namespace detail

namespace {

using detail::begin;
using detail::on_service_text;

}  // namespace

flow_result start(const start_request& req, const flow_context& ctx) {
  flow_state s;
  s.source = req.source;
  s.started_at = ctx.now;
  s.keyed = true;
  if (core::trim(req.service).empty()) {
    flow_result r;
    r.state = s;
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language, question_key(s)));
    return r;
  }
  const auto match = match_service(ctx.catalog, req.service);
  if (match.found) return begin(std::move(s), *match.found, req.rating, req.reason, req.comment, ctx);
  // Kept until the person settles the service, so that a typo loses nothing they typed.
  s.pending_rating = req.rating;
  s.pending_reason = req.reason;
  s.pending_comment = req.comment;
  return on_service_text(std::move(s), req.service, ctx);
}

}  // namespace csibot::dialog

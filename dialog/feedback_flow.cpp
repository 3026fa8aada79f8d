#include "dialog/feedback_flow.hpp"

#include <algorithm>

#include "core/i18n.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "dialog/actions.hpp"
#include "dialog/answers.hpp"
#include "dialog/prompts.hpp"

namespace csibot::dialog {
namespace {

using core::tr;

// Writes what the person has said so far; the first write creates the feedback and gives its number.
void save(flow_state& s, const core::service& svc, const flow_context& ctx, bool complete) {
  core::feedback f;
  f.id = s.feedback_id;
  f.service = svc.id;
  f.platform = ctx.user.platform;
  f.user = ctx.user.str();
  f.rating = s.rating;
  f.scale = svc.scale;
  f.reason = s.reason;
  f.impact = s.impact;
  f.usage = s.usage;
  f.usage_asked = s.usage_asked;
  f.source = s.source;
  f.status = complete ? core::feedback_status::complete : core::feedback_status::partial;
  f.created_at = ctx.now;
  f.updated_at = ctx.now;
  if (s.feedback_id == 0) {
    s.feedback_id = ctx.store.create(f, svc.anonymity);
  } else {
    ctx.store.update(f);
  }
}

flow_result ask(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r = {}) {
  r.replies.push_back(question(s, svc, ctx.language, true, ctx.user.platform));
  s.recorded_in_question = false;  // a new question, in a message of its own
  r.state = std::move(s);
  return r;
}

// After an answer: the next question, or thanks when none is left.
flow_result advance(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r = {}) {
  switch (s.at) {
    case step::rating:
      // A comment the one-shot form kept while the rating was still missing already answers this.
      s.at = s.reason ? step::impact : step::reason;
      break;
    case step::reason:
      s.at = step::impact;
      break;
    case step::impact:
      s.at = ctx.store.usage_known(svc, ctx.now) ? step::done : step::usage;
      s.usage_asked = s.at == step::usage;  // asking is what counts, whether answered or skipped
      break;
    case step::usage:
    case step::choose_service:
    case step::done:
      s.at = step::done;
      break;
  }
  if (s.at != step::done) {
    save(s, svc, ctx, false);
    return ask(std::move(s), svc, ctx, std::move(r));
  }
  save(s, svc, ctx, true);
  // Owners may answer only what has words to answer (SPEC §6): no reason, no offer.
  const std::string token = s.reason ? ctx.store.reply_consent_token(s.feedback_id) : std::string{};
  const thanks_news news{ctx.store.opted_out(), ctx.command};
  r.replies.push_back(thanks(s, svc, ctx.language, token, ctx.user.platform, news));
  r.state = std::move(s);
  r.finished = true;
  return r;
}

flow_result accept_rating(flow_state s, const core::service& svc, int rating, const flow_context& ctx) {
  s.rating = rating;
  return advance(std::move(s), svc, ctx);
}

flow_result retry(const flow_state& s, std::string text) {
  flow_result r;
  r.state = s;
  r.replies.push_back(note(std::move(text)));
  return r;
}

// Reason and usage: free text, "skip", capped at 4,000 characters with a word about the cut.
flow_result accept_free_text(flow_state s, const core::service& svc, std::string_view text,
                             const flow_context& ctx) {
  flow_result r;
  std::optional<std::string> answer;
  if (!is_skip(text)) {
    const std::string clean = core::sanitize(text);
    if (core::trim(clean).empty()) return retry(s, tr(ctx.language, "flow.empty"));
    auto capped = core::cap_chars(clean, core::max_answer_chars);
    if (capped.truncated) {
      r.replies.push_back(
          note(tr(ctx.language, "flow.truncated", {{"max", std::to_string(core::max_answer_chars)}})));
    }
    answer = std::move(capped.text);
  }
  (s.at == step::reason ? s.reason : s.usage) = std::move(answer);
  return advance(std::move(s), svc, ctx, std::move(r));
}

std::string rating_invalid(const core::service& svc, const flow_context& ctx) {
  const std::string key =
      svc.scale == core::scale::thumbs ? "flow.rating.invalid_thumbs" : "flow.rating.invalid";
  return tr(ctx.language, key,
            {{"min", std::to_string(core::scale_min(svc.scale))},
             {"max", std::to_string(core::scale_max(svc.scale))}});
}

flow_result rating_retry(const flow_state& s, const core::service& svc, const flow_context& ctx) {
  return ask(s, svc, ctx, retry(s, rating_invalid(svc, ctx)));
}

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
  }
  std::string said = meant_as_rating || !s.reason ? rating_invalid(svc, ctx) : std::string{};
  if (s.reason) said += (said.empty() ? "" : " ") + tr(ctx.language, "flow.reason.kept");
  r.replies.insert(r.replies.begin(), note(std::move(said)));
  return ask(std::move(s), svc, ctx, std::move(r));
}

// "Recorded as feedback #N: <service>, <rating>." for a stored rating.
std::string recorded_line(const flow_state& s, const core::service& svc, const flow_context& ctx) {
  return tr(ctx.language, "flow.recorded",
            {{"id", std::to_string(s.feedback_id)},
             {"service", svc.name},
             {"rating", s.rating ? rating_label(svc.scale, *s.rating) : std::string{}}});
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

flow_result choose(const flow_state& s, const core::service& svc, const flow_context& ctx) {
  const std::string rating = s.pending_rating;
  const std::string reason = s.pending_reason;
  const std::string comment = s.pending_comment;
  return begin(s, svc, rating, reason, comment, ctx);
}

flow_result on_service_text(flow_state s, std::string_view text, const flow_context& ctx) {
  if (core::trim(text).empty()) {
    flow_result r = retry(s, tr(ctx.language, "flow.empty"));
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language));
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
    r.replies.push_back(
        note(tr(ctx.language, "flow.choose.did_you_mean",
                {{"typed", typed}, {"name", match.suggestion->name}, {"id", match.suggestion->id}})));
  } else {
    s.suggested.clear();
    r.replies.push_back(note(tr(ctx.language, "flow.choose.unknown", {{"typed", typed}})));
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language));
  }
  r.state = std::move(s);
  return r;
}

// The part of an action value after "service:".
std::string_view action_choice(const core::action& a) {
  const auto colon = a.value.find(':');
  return colon == std::string::npos ? std::string_view{} : std::string_view{a.value}.substr(colon + 1);
}

std::string_view action_service(const core::action& a) {
  return std::string_view{a.value}.substr(0, std::min(a.value.find(':'), a.value.size()));
}

flow_result stale(const flow_state& s, const flow_context& ctx) {
  return retry(s, tr(ctx.language, "flow.stale"));
}

// Replaces the clicked prompt's buttons with the choice made.
void mark_answered(flow_result& r, const flow_state& before, const core::service& svc,
                   const flow_context& ctx, const std::string& choice) {
  core::message m = before.at == step::choose_service
                        ? note(tr(ctx.language, "flow.choose.chosen", {{"service", svc.name}}))
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

bool is_flow_action(const core::action& a) {
  return a.action_id == actions::choose_service || a.action_id == actions::rate ||
         a.action_id == actions::impact || a.action_id == actions::skip || a.action_id == actions::cancel;
}

flow_result start(const start_request& req, const flow_context& ctx) {
  flow_state s;
  s.source = req.source;
  s.started_at = ctx.now;
  if (core::trim(req.service).empty()) {
    flow_result r;
    r.state = s;
    r.replies.push_back(choose_service_prompt(ctx.catalog, ctx.language));
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

flow_result on_action(const flow_state& s, const core::action& a, const flow_context& ctx) {
  if (a.action_id == actions::cancel) return cancel(s, ctx);
  const auto* svc = core::find_service(ctx.catalog, action_service(a));
  if (!svc) return stale(s, ctx);
  const bool choosing = s.at == step::choose_service;
  if (!choosing && svc->id != s.service) return stale(s, ctx);
  const auto choice = action_choice(a);
  flow_result r;
  if (a.action_id == actions::choose_service && choosing) {
    r = choose(s, *svc, ctx);
    mark_answered(r, s, *svc, ctx, svc->name);
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

// The steps every way into the flow shares: saving, asking, moving on, taking an answer.
#include "dialog/flow_steps.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "dialog/answers.hpp"
#include "dialog/prompts.hpp"

namespace csibot::dialog::detail {

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

flow_result ask(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r) {
  r.replies.push_back(question(s, svc, ctx.language, true, ctx.user.platform));
  s.recorded_in_question = false;  // a new question, in a message of its own
  s.keyed = true;
  r.state = std::move(s);
  return r;
}

// After an answer: the next question, or thanks when none is left.
flow_result advance(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r) {
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

// "Recorded as feedback #N: <service>, <rating>." for a stored rating.
std::string recorded_line(const flow_state& s, const core::service& svc, const flow_context& ctx) {
  return tr(ctx.language, "flow.recorded",
            {{"id", std::to_string(s.feedback_id)},
             {"service", core::markup_name(svc)},
             {"rating", s.rating ? rating_label(svc.scale, *s.rating) : std::string{}}});
}

}  // namespace csibot::dialog::detail

#pragma once
/// Private to the feedback flow (feedback_flow.cpp, flow_start.cpp, flow_clicks.cpp): the steps its
/// entry points share. Everything here is pure, like the flow: it writes only through ctx.store.
#include <string>
#include <string_view>

#include "core/service.hpp"
#include "dialog/feedback_flow.hpp"
#include "dialog/flow_state.hpp"

namespace csibot::dialog::detail {

/// Writes what the person has said so far; the first write creates the feedback and gives its number
/// (into `s.feedback_id`). `complete` marks the feedback complete rather than partial.
void save(flow_state& s, const core::service& svc, const flow_context& ctx, bool complete);

/// Appends the question `s.at` waits for to `r` and makes `s` its state.
flow_result ask(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r = {});

/// After an answer: the next question, or thanks (and a finished conversation) when none is left.
flow_result advance(flow_state s, const core::service& svc, const flow_context& ctx, flow_result r = {});

/// Takes a valid `rating` and moves on.
flow_result accept_rating(flow_state s, const core::service& svc, int rating, const flow_context& ctx);

/// The same state again, with a one-line note saying why.
flow_result retry(const flow_state& s, std::string text);

/// Reason and usage: free text, "skip", capped at 4,000 characters with a word about the cut.
flow_result accept_free_text(flow_state s, const core::service& svc, std::string_view text,
                             const flow_context& ctx);

/// "Please answer with a whole number from 1 to 5." (or 👍/👎): the hint for `svc`'s scale.
std::string rating_invalid(const core::service& svc, const flow_context& ctx);

/// The rating was not one of `svc`'s scale: says so and asks again.
flow_result rating_retry(const flow_state& s, const core::service& svc, const flow_context& ctx);

/// "Recorded as feedback #N: <service>, <rating>." for a stored rating.
std::string recorded_line(const flow_state& s, const core::service& svc, const flow_context& ctx);

/// The service is settled as `svc`: goes on with what the one-shot form left pending in `s`.
flow_result choose(const flow_state& s, const core::service& svc, const flow_context& ctx);

/// A typed answer to "Which service…?": an id, a name, a list number, "yes" to a suggestion, or a typo.
flow_result on_service_text(flow_state s, std::string_view text, const flow_context& ctx);

}  // namespace csibot::dialog::detail

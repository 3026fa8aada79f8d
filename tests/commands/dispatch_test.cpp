// Whole conversations through commands::dispatcher on a database file (SPEC §3, §11, §12): a restart
// in the middle, redelivered events, two people at once, expiry, and the one-shot form.
#include "core/text.hpp"
#include "dialog/actions.hpp"
#include "dispatch_fixture.hpp"
#include "storage/sqlite.hpp"

namespace csibot::commands {
namespace {

namespace actions = dialog::actions;
using dispatch = test::dispatch_test;

/// The fields of SPEC §11's export line, as `csibot export --format json` prints them.
std::string export_view(const core::feedback& f) {
  const auto opt = [](const std::optional<std::string>& s) {
    return s ? "\"" + *s + "\"" : std::string{"null"};
  };
  return "id=" + std::to_string(f.id) + " service=" + f.service + " platform=" + f.platform +
         " user=" + opt(f.user) + " rating=" + (f.rating ? std::to_string(*f.rating) : "null") +
         " scale=" + std::string{core::to_string(f.scale)} + " reason=" + opt(f.reason) +
         " impact=" + (f.impact ? std::string{core::to_string(*f.impact)} : "null") +
         " usage=" + opt(f.usage) + " source=" + std::string{core::to_string(f.source)} +
         " status=" + std::string{core::to_string(f.status)} +
         " created_at=" + core::to_iso8601(f.created_at);
}

TEST_F(dispatch, whole_conversation_survives_a_restart_and_exports_every_field) {
  // /csi feedback in a channel: a short ephemeral note there, the questions in the DM.
  auto out = send(command("alice", "feedback"));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(out[0].channel, "general");
  EXPECT_EQ(out[0].body.text, "I've sent you a direct message with the questions.");
  EXPECT_EQ(out[1].kind, core::delivery::direct);
  EXPECT_EQ(out[1].user, "alice");
  EXPECT_EQ(out[1].body.header, "Give feedback");

  out = send(dm("alice", "vpm"));
  EXPECT_TRUE(says(out, "Did you mean *Remote access VPN* (`vpn`)?"));
  out = send(dm("alice", "yes"));
  EXPECT_TRUE(says(out, "How satisfied are you with *Remote access VPN*?"));

  const auto rated_at = now;
  out = send(click("alice", actions::rate, "vpn:2", "msg-rating"));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, core::delivery::update);  // the clicked prompt shows the choice
  EXPECT_EQ(out[0].replaces, "msg-rating");
  EXPECT_TRUE(out[0].body.buttons.empty());
  EXPECT_EQ(out[1].kind, core::delivery::direct);
  EXPECT_EQ(out[1].channel, "dm-alice");
  EXPECT_TRUE(says(out, "What is the main reason for your score?"));

  const std::string reason = "Drops every hour \xF0\x9F\x98\xA0 <b>really</b> '; DROP TABLE feedback;--";
  out = send(dm("alice", reason));
  EXPECT_TRUE(says(out, "How does this affect your work?"));

  restart();  // the bot stops and starts again in the middle of the conversation
  EXPECT_EQ(open_conversations(), 1);

  out = send(dm("alice", "2"));
  EXPECT_TRUE(says(out, "One last question: what do you use *Remote access VPN* for?")) << all_text(out);
  out = send(dm("alice", "Customer demos on the road"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, core::delivery::direct);
  EXPECT_EQ(
      out[0].body.text,
      "Thank you! Your feedback on Remote access VPN is *#1*. I'll let you know when it leads to a change.");
  EXPECT_EQ(open_conversations(), 0);

  restart();
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(
      export_view(rows[0]),
      "id=1 service=vpn platform=local user=\"local:alice\" rating=2 scale=csat5 reason=\"" + reason +
          "\" impact=slows usage=\"Customer demos on the road\" source=command status=complete created_at=" +
          core::to_iso8601(rated_at));
  EXPECT_EQ(core::to_iso8601(rated_at), "2026-11-30T09:03:00Z");
}

TEST_F(dispatch, writing_to_the_bot_starts_a_conversation_with_source_conversation) {
  auto out = send(dm("alice", "hello"));
  EXPECT_TRUE(says(out, "Hi! I collect feedback"));
  EXPECT_TRUE(says(out, "Which service would you like to give feedback on?"));
  send(dm("alice", "7"));  // the demo catalog's 7th service by id: vpn
  send(dm("alice", "5"));
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].source, core::source::conversation);
}

TEST_F(dispatch, writing_a_service_name_goes_straight_to_the_rating) {
  const auto out = send(dm("alice", "Email and calendar"));
  EXPECT_TRUE(says(out, "How satisfied are you with *Email and calendar*?"));
  EXPECT_FALSE(says(out, "Hi!"));
}

TEST_F(dispatch, restart_between_every_step_loses_nothing) {
  send(command("alice", "feedback", true));
  for (const char* answer : {"hr-portal", "1", "Payslips arrive late", "blocks me", "Checking payslips"}) {
    restart();
    send(dm("alice", answer));
  }
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].service, "hr-portal");
  EXPECT_FALSE(rows[0].user);  // anonymous: no link to the person, also not through the restart
  EXPECT_EQ(rows[0].rating, 1);
  EXPECT_EQ(rows[0].reason, "Payslips arrive late");
  EXPECT_EQ(rows[0].impact, core::impact::blocks);
  EXPECT_EQ(rows[0].usage, "Checking payslips");
  EXPECT_EQ(rows[0].status, core::feedback_status::complete);
  EXPECT_EQ(open_conversations(), 0);
}

TEST_F(dispatch, redelivered_rating_click_stores_nothing_twice_and_sends_no_second_reply) {
  send(command("alice", "feedback vpn"));
  const auto click_event = click("alice", actions::rate, "vpn:4");
  const auto first = send(click_event);
  EXPECT_FALSE(first.empty());
  const auto again = send(click_event);  // the platform retries the same event id
  EXPECT_TRUE(again.empty()) << all_text(again);
  ASSERT_EQ(all_feedback().size(), 1u);
  // The conversation is where the first delivery left it: the reason comes next.
  send(dm("alice", "fine"));
  EXPECT_EQ(all_feedback().at(0).reason, "fine");
}

TEST_F(dispatch, redelivered_text_is_not_taken_as_the_next_answer) {
  send(command("alice", "feedback vpn 3"));
  const auto reason = dm("alice", "slow");
  send(reason);
  EXPECT_TRUE(send(reason).empty());  // would otherwise be read as the impact answer
  const auto impact = dm("alice", "2");
  const auto out = send(impact);
  EXPECT_TRUE(says(out, "what do you use")) << all_text(out);
  EXPECT_EQ(all_feedback().at(0).impact, core::impact::slows);
}

TEST_F(dispatch, redelivered_one_shot_command_creates_one_record) {
  const auto in = command("alice", "feedback vpn 2 drops every hour");
  const auto first = send(in);
  const auto again = send(in);
  EXPECT_FALSE(first.empty());
  EXPECT_TRUE(again.empty());
  EXPECT_EQ(all_feedback().size(), 1u);
}

TEST_F(dispatch, redelivery_after_a_restart_is_still_recognised) {
  const auto in = command("alice", "feedback vpn 2 drops every hour");
  send(in);
  restart();
  EXPECT_TRUE(send(in).empty());
  EXPECT_EQ(all_feedback().size(), 1u);
}

TEST_F(dispatch, same_event_id_on_another_platform_is_a_different_event) {
  auto in = command("alice", "feedback vpn 2 slow");
  send(in);
  in.platform = "slack";
  EXPECT_FALSE(send(in).empty());
  EXPECT_EQ(all_feedback().size(), 2u);
}

TEST_F(dispatch, two_people_interleaved_stay_apart) {
  send(command("alice", "feedback vpn"));
  send(command("bob", "feedback email"));
  send(click("bob", actions::rate, "email:5"));
  send(click("alice", actions::rate, "vpn:1"));
  send(dm("alice", "Drops every hour"));
  send(dm("bob", "Works"));
  send(dm("bob", "4"));
  send(dm("alice", "1"));
  send(dm("alice", "skip"));
  send(dm("bob", "Scheduling"));
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].user, "local:bob");
  EXPECT_EQ(rows[0].service, "email");
  EXPECT_EQ(rows[0].rating, 5);
  EXPECT_EQ(rows[0].reason, "Works");
  EXPECT_EQ(rows[0].impact, core::impact::none);
  EXPECT_EQ(rows[0].usage, "Scheduling");
  EXPECT_EQ(rows[1].user, "local:alice");
  EXPECT_EQ(rows[1].service, "vpn");
  EXPECT_EQ(rows[1].rating, 1);
  EXPECT_EQ(rows[1].reason, "Drops every hour");
  EXPECT_EQ(rows[1].impact, core::impact::blocks);
  EXPECT_FALSE(rows[1].usage);
  for (const auto& r : rows)
    EXPECT_EQ(r.status, core::feedback_status::complete);
}

TEST_F(dispatch, same_user_id_on_two_platforms_are_two_people) {
  send(command("u1", "feedback vpn 4"));
  auto other = command("u1", "feedback email 2");
  other.platform = "mattermost";
  send(other);
  send(dm("u1", "local reason"));
  auto mm = dm("u1", "mattermost reason");
  mm.platform = "mattermost";
  send(mm);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].reason, "local reason");
  EXPECT_EQ(rows[1].reason, "mattermost reason");
  EXPECT_EQ(rows[1].user, "mattermost:u1");
}

TEST_F(dispatch, conversation_left_longer_than_the_timeout_expires_and_stays_partial) {
  send(command("alice", "feedback vpn 2"));
  send(dm("alice", "drops"));
  ASSERT_EQ(open_conversations(), 1);
  now += settings.bot.conversation_timeout - std::chrono::minutes{2};
  EXPECT_EQ(bot->expire_conversations(now), 0u);  // not yet
  now += std::chrono::minutes{2};
  EXPECT_EQ(bot->expire_conversations(now), 1u);
  EXPECT_EQ(open_conversations(), 0);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, core::feedback_status::partial);
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].reason, "drops");
  EXPECT_FALSE(rows[0].impact);
}

// QA: a click on an expired conversation's impact button answered "already answered", which it was not.
TEST_F(dispatch, click_after_the_timeout_says_the_conversation_is_over_not_answered) {
  send(command("alice", "feedback vpn 2 drops"));
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  bot->expire_conversations(now);
  const auto out = send(click("alice", actions::impact, "vpn:slows"));
  EXPECT_FALSE(says(out, "already been answered")) << all_text(out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.text,
            "Your last conversation, about *Remote access VPN*, closed after 24 h without an answer. What "
            "you gave is kept as feedback *#1*.");
  EXPECT_EQ(open_conversations(), 0);
  EXPECT_FALSE(all_feedback().at(0).impact);
  // Said once: another old button gets the general answer.
  EXPECT_TRUE(says(send(click("alice", actions::impact, "vpn:minor")), "That conversation is over"));
}

// Long after it closed, the conversation is purged and a click gets the general answer.
TEST_F(dispatch, click_long_after_the_timeout_says_the_conversation_is_over) {
  send(command("alice", "feedback vpn 2 drops"));
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  bot->expire_conversations(now);
  now += commands::conversations::closed_notice_window;
  bot->expire_conversations(now);
  const auto out = send(click("alice", actions::impact, "vpn:slows"));
  EXPECT_TRUE(says(out, "That conversation is over")) << all_text(out);
  EXPECT_TRUE(says(out, "closed after a while without an answer (what you gave is kept)")) << all_text(out);
}

// Closing keeps no text the person typed (retention may erase it from the feedback meanwhile).
TEST_F(dispatch, a_closed_conversation_keeps_no_text_the_person_typed) {
  send(command("alice", "feedback vpn 2 my secret reason"));
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  EXPECT_EQ(bot->expire_conversations(now), 1u);
  const auto row = storage::conversation_repository{*db}.find("local", "alice");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->state.find("secret"), std::string::npos) << row->state;
}

TEST_F(dispatch, cancel_after_the_timeout_says_the_conversation_closed_and_what_was_kept) {
  send(command("alice", "feedback vpn"));  // only the service chosen: nothing stored yet
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  bot->expire_conversations(now);
  const auto out = send(command("alice", "cancel"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].body.text,
            "Your last conversation, about *Remote access VPN*, closed after 24 h without an answer, before "
            "anything was recorded.");
  EXPECT_EQ(send(command("alice", "cancel")).at(0).body.text, "There is no feedback conversation to cancel.");
}

TEST_F(dispatch, cancel_button_without_a_conversation_says_what_typed_cancel_says) {
  const auto typed = send(dm("alice", "cancel"));
  const auto clicked = send(click("alice", actions::cancel, ""));
  ASSERT_EQ(clicked.size(), 1u);
  EXPECT_EQ(clicked[0].body.text, "There is no feedback conversation to cancel.");
  EXPECT_EQ(clicked[0].body.text, typed.at(0).body.text);
}

TEST_F(dispatch, answer_after_the_timeout_is_not_taken_for_the_old_question) {
  send(command("alice", "feedback vpn 2"));
  now += settings.bot.conversation_timeout + std::chrono::minutes{1};
  const auto out = send(dm("alice", "slow at night"));  // would be the reason of the expired conversation
  // The housekeeping has not run yet: the answer still hears that the conversation closed, first.
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0].body.text,
            "Your last conversation, about *Remote access VPN*, closed after 24 h without an answer. What "
            "you gave is kept as feedback *#1*.");
  EXPECT_TRUE(says(out, "Which service would you like to give feedback on?")) << all_text(out);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_FALSE(rows[0].reason);
  EXPECT_EQ(rows[0].status, core::feedback_status::partial);
}

// A bare number written to the bot with no conversation open (a late answer to an expired question, a
// rating sent on its own) must not pick the n-th service of a list the person has not been shown.
TEST_F(dispatch, a_bare_number_without_a_conversation_does_not_choose_a_service) {
  const auto out = send(dm("alice", "2"));
  EXPECT_TRUE(says(out, "Which service would you like to give feedback on?")) << all_text(out);
  EXPECT_FALSE(says(out, "Email and calendar*?")) << all_text(out);
}

TEST_F(dispatch, configured_timeout_is_used) {
  settings.bot.conversation_timeout = std::chrono::hours{1};
  restart();
  send(command("alice", "feedback vpn 2"));
  now += std::chrono::minutes{61};
  EXPECT_EQ(bot->expire_conversations(now), 1u);
}

TEST_F(dispatch, one_shot_confirmation_carries_the_feedback_number) {
  send(command("bob", "feedback email 5 great"));  // feedback #1 is someone else's
  const auto out = send(command("alice", "feedback vpn 2 drops every hour"));
  // Two messages, not three: the note in the channel, and one DM that confirms and asks on.
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, core::delivery::ephemeral);
  EXPECT_EQ(out[0].channel, "general");
  EXPECT_EQ(out[0].body.text,
            "Recorded as feedback *#2*. I've sent you a direct message with a few more questions.");
  EXPECT_EQ(out[1].kind, core::delivery::direct);
  EXPECT_EQ(out[1].body.text,
            "Recorded as feedback *#2*: Remote access VPN, 2/5.\n\nHow does this affect your work?");
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].id, 2);
  EXPECT_EQ(rows[1].reason, "drops every hour");
  EXPECT_EQ(rows[1].source, core::source::command);
}

TEST_F(dispatch, one_shot_in_the_dm_has_no_channel_note) {
  const auto out = send(command("alice", "feedback vpn 4", true));
  ASSERT_FALSE(out.empty());
  for (const auto& o : out)
    EXPECT_EQ(o.kind, core::delivery::direct);
  EXPECT_TRUE(says(out, "Recorded as feedback *#1*"));
}

TEST_F(dispatch, one_shot_with_quoted_name_and_typographic_quotes_keeps_the_reason) {
  send(command("alice",
               "feedback \xE2\x80\x9CRemote access VPN\xE2\x80\x9D 4 \xE2\x80\x9E"
               "geht meistens\xE2\x80\x9C"));
  send(command("bob", "feedback vpn 3   slow   at  9am, \"always\"  "));
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].reason, "geht meistens");
  EXPECT_EQ(rows[1].reason, "slow   at  9am, \"always\"");
}

// QA: "/csi feedback vpn great service", then "4" asked the reason again and stored none.
TEST_F(dispatch, one_shot_comment_without_a_valid_rating_is_kept_as_the_reason) {
  auto out = send(command("alice", "feedback vpn great service"));
  EXPECT_TRUE(says(out, "I kept your comment as the reason for your score")) << all_text(out);
  out = send(dm("alice", "4"));
  EXPECT_TRUE(says(out, "How does this affect your work?")) << all_text(out);
  send(command("bob", "feedback vpn 6 too   slow"));
  send(dm("bob", "2"));
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].rating, 4);
  EXPECT_EQ(rows[0].reason, "great service");
  EXPECT_EQ(rows[1].rating, 2);
  EXPECT_EQ(rows[1].reason, "too   slow");
}

// QA: names of several words typed without quotes were cut at the first word.
TEST_F(dispatch, one_shot_takes_a_service_name_of_several_words_without_quotes) {
  auto out = send(command("alice", "feedback Email and calendar"));
  EXPECT_TRUE(says(out, "How satisfied are you with *Email and calendar*?")) << all_text(out);
  send(dm("alice", "cancel"));
  send(command("alice", "feedback Remote access VPN 2 drops   at night"));
  out = send(command("bob", "feedback remote acess vpn 3 slow"));
  EXPECT_TRUE(says(out, "Did you mean *Remote access VPN*")) << all_text(out);
  send(dm("bob", "yes"));
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].service, "vpn");
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].reason, "drops   at night");
  EXPECT_EQ(rows[1].rating, 3);
  EXPECT_EQ(rows[1].reason, "slow");
}

TEST_F(dispatch, one_shot_with_a_huge_reason_is_cut_and_says_so) {
  const auto out = send(command("alice", "feedback vpn 1 " + std::string(5000, 'x')));
  EXPECT_TRUE(says(out, "longer than 4000 characters"));
  EXPECT_EQ(all_feedback().at(0).reason->size(), 4000u);
}

TEST_F(dispatch, one_shot_with_an_unknown_service_stores_nothing_yet) {
  const auto out = send(command("alice", "feedback zzz 2 slow"));
  EXPECT_TRUE(says(out, "I don't know a service called *zzz*"));
  EXPECT_EQ(all_feedback().size(), 0u);
}

TEST_F(dispatch, cancel_typed_in_the_dm_keeps_the_partial_feedback) {
  send(command("alice", "feedback vpn 2"));
  const auto out = send(dm("alice", "cancel"));
  EXPECT_TRUE(says(out, "kept as feedback *#1*"));
  EXPECT_EQ(open_conversations(), 0);
  EXPECT_EQ(all_feedback().at(0).status, core::feedback_status::partial);
}

TEST_F(dispatch, stale_click_after_the_conversation_moved_on_changes_nothing) {
  send(command("alice", "feedback vpn 4"));
  const auto out = send(click("alice", actions::rate, "vpn:1"));
  EXPECT_TRUE(says(out, "That question has already been answered."));
  EXPECT_EQ(all_feedback().at(0).rating, 4);
}

// A click on an old prompt's impact or skip button when no conversation is open answers "already
// answered" — and must not leave an open conversation behind (it would swallow the person's next DM as a
// service choice and, per SPEC §4, hold back every proactive prompt while it is "open").
TEST_F(dispatch, stale_click_without_a_conversation_leaves_none_open) {
  const auto out = send(click("alice", actions::impact, "vpn:slows"));
  EXPECT_TRUE(says(out, "That conversation is over")) << all_text(out);
  EXPECT_EQ(open_conversations(), 0);
  send(click("alice", actions::skip, "vpn"));
  EXPECT_EQ(open_conversations(), 0);
}

TEST_F(dispatch, cancel_written_without_a_conversation_opens_none) {
  send(dm("alice", "cancel"));
  EXPECT_EQ(open_conversations(), 0);
  EXPECT_EQ(all_feedback().size(), 0u);
}

TEST_F(dispatch, events_without_an_id_are_handled_every_time) {
  auto in = command("alice", "help");
  in.event_id.clear();
  EXPECT_FALSE(send(in).empty());
  EXPECT_FALSE(send(in).empty());
}

// SPEC §10: the platform's locale picks the person's language; a locale without a catalog gets English.
TEST_F(dispatch, help_is_german_for_a_german_locale_and_english_for_any_other) {
  auto german = command("alice", "help");
  german.locale = "de-DE";
  auto out = send(german);
  EXPECT_TRUE(says(out, "Befehle (mit `/csi help <Befehl>` siehst du die Details):")) << all_text(out);
  EXPECT_TRUE(says(out, "Die Antworten auf diese Befehle siehst nur du.")) << all_text(out);
  EXPECT_FALSE(says(out, "Commands"));

  auto french = command("bob", "help");
  french.locale = "fr-FR";
  out = send(french);
  EXPECT_TRUE(says(out, "Commands (type `/csi help <command>` for details):")) << all_text(out);
  EXPECT_FALSE(says(out, "Befehle"));
}

TEST_F(dispatch, without_a_locale_the_bot_wide_language_is_used) {
  settings.bot.language = "de";
  restart();
  auto out = send(command("alice", "help"));
  EXPECT_TRUE(says(out, "Befehle")) << all_text(out);
  auto english = command("bob", "help");
  english.locale = "en-GB";  // the person's own locale wins over the bot-wide default
  EXPECT_TRUE(says(send(english), "Commands"));
}

TEST_F(dispatch, a_german_conversation_asks_in_german_and_takes_german_answers) {
  const auto german = [](core::inbound in) {
    in.locale = "de_AT";
    return in;
  };
  auto out = send(german(command("alice", "feedback vpn 2")));
  EXPECT_TRUE(says(out, "Als Feedback *#1* gespeichert.")) << all_text(out);
  EXPECT_TRUE(says(out, "Was ist der Hauptgrund für deine Bewertung? (oder *überspringen*)"))
      << all_text(out);
  out = send(german(dm("alice", "Überspringen")));
  EXPECT_TRUE(says(out, "Wie wirkt sich das auf deine Arbeit aus?")) << all_text(out);
  out = send(german(dm("alice", "Bremst mich aus")));
  EXPECT_TRUE(says(out, "Eine letzte Frage: Wofür nutzt du *Remote access VPN*?")) << all_text(out);
  out = send(german(dm("alice", "abbrechen")));
  EXPECT_TRUE(says(out, "Abgebrochen. Was du bisher angegeben hast, bleibt als Feedback *#1* erhalten."))
      << all_text(out);

  EXPECT_EQ(open_conversations(), 0);
  const auto rows = all_feedback();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].rating, 2);
  EXPECT_EQ(rows[0].reason, std::nullopt);
  EXPECT_EQ(rows[0].impact, core::impact::slows);
  EXPECT_EQ(rows[0].status, core::feedback_status::partial);
}

// Slack and Mattermost send DMs and clicks without a locale: a conversation that began in German
// (a prompt in the person's profile language, or a German client) goes on in German.
TEST_F(dispatch, a_conversation_keeps_its_language_when_the_replies_carry_no_locale) {
  auto first = command("alice", "feedback vpn 2");
  first.locale = "de-DE";
  auto out = send(first);
  EXPECT_TRUE(says(out, "Was ist der Hauptgrund für deine Bewertung?")) << all_text(out);
  out = send(dm("alice", "zu langsam"));  // no locale
  EXPECT_TRUE(says(out, "Wie wirkt sich das auf deine Arbeit aus?")) << all_text(out);
  out = send(click("alice", "csi.impact", "vpn:slows"));  // no locale either
  EXPECT_TRUE(says(out, "Wofür nutzt du *Remote access VPN*?")) << all_text(out);

  // A locale that comes along wins, and the conversation speaks it from then on.
  auto english = dm("alice", "remote work");
  english.locale = "en-GB";
  out = send(english);
  EXPECT_TRUE(says(out, "Thank you!")) << all_text(out);

  // Someone else, without a conversation or a locale, gets the bot's language.
  out = send(dm("bob", "vpn"));
  EXPECT_TRUE(says(out, "How satisfied are you with *Remote access VPN*?")) << all_text(out);
}

TEST_F(dispatch, arbitrary_text_and_actions_never_throw_and_always_leave_a_consistent_state) {
  const std::string inputs[] = {"",
                                " ",
                                "\xFF\xFE",
                                std::string(100'000, 'a'),
                                std::string("a\0b", 3),
                                "1/0",
                                "-2147483649",
                                "99999999999999999999",
                                "\xE2\x80\x9C",
                                "'",
                                "\"",
                                "feedback \"",
                                "stats since:",
                                "service \xC0\xAF"};
  for (const auto& text : inputs) {
    for (const auto& in :
         {dm("alice", text), command("alice", text), click("alice", actions::rate, text),
          click("alice", actions::impact, "vpn:" + text), click("alice", actions::choose_service, text)}) {
      std::vector<core::outbound> out;
      EXPECT_NO_THROW(out = send(in));
      EXPECT_FALSE(says(out, "Something went wrong")) << all_text(out);
    }
  }
  for (const auto& f : all_feedback()) {
    EXPECT_EQ(core::sanitize(f.reason.value_or("")), f.reason.value_or(""));
    EXPECT_LE(core::utf8_length(f.reason.value_or("")), 4000u);
  }
}

// ---- Group commit: dispatch_batch ----------------------------------------------------------------

constexpr std::string_view internal_error = "Something went wrong on my side";

/// Records what the observer hears, one line per call.
class recording_observer final : public dispatch_observer {
 public:
  void started(const core::inbound& in) override { calls.push_back("started " + in.user); }
  void finished(const core::inbound& in, outcome r) override {
    calls.push_back("finished " + in.user + " " + name(r));
  }
  void commit_failed(const core::inbound& in) override { calls.push_back("commit_failed " + in.user); }
  std::vector<std::string> calls;

 private:
  static std::string name(outcome r) {
    return r == outcome::handled ? "handled" : r == outcome::duplicate ? "duplicate" : "failed";
  }
};

class dispatch_batch_test : public test::dispatch_test {
 protected:
  std::vector<std::vector<core::outbound>> batch(const std::vector<core::inbound>& events,
                                                 const dispatcher::batch_callback& cb = {}) {
    auto out = bot->dispatch_batch(events, now, cb);
    now += std::chrono::minutes{1};
    return out;
  }
  std::vector<outcome> outcomes() const { return {bot->last_outcomes().begin(), bot->last_outcomes().end()}; }
  /// Makes storing feedback with this reason (or rating) throw, as a failing handler would.
  void fail_feedback_with(std::string_view condition) {
    for (const char* op : {"INSERT", "UPDATE"}) {
      db->conn().exec("CREATE TEMP TRIGGER fail_" + std::string{op} + " BEFORE " + op + " ON feedback WHEN " +
                      std::string{condition} + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    }
  }
  void fail_feedback_with_reason(std::string_view reason) {
    fail_feedback_with("NEW.reason = '" + std::string{reason} + "'");
  }
  /// Makes the batch's COMMIT fail when feedback with this reason is in it: a deferred foreign key is
  /// only checked at COMMIT (savepoints release fine), as a full disk would fail only there.
  void fail_commit_with_reason(std::string_view reason) {
    db->conn().exec(
        "CREATE TABLE commit_guard (service TEXT REFERENCES services (id) DEFERRABLE INITIALLY DEFERRED)");
    for (const char* op : {"INSERT", "UPDATE"}) {
      db->conn().exec("CREATE TRIGGER fail_commit_" + std::string{op} + " AFTER " + op +
                      " ON feedback WHEN NEW.reason = '" + std::string{reason} +
                      "' BEGIN INSERT INTO commit_guard VALUES ('no-such-service'); END");
    }
  }
  void remove_faults() {
    for (const char* name :
         {"temp.fail_INSERT", "temp.fail_UPDATE", "fail_commit_INSERT", "fail_commit_UPDATE"})
      db->conn().exec("DROP TRIGGER IF EXISTS " + std::string{name});
  }
  std::vector<std::string> feedback_users() {
    std::vector<std::string> users;
    for (const auto& f : all_feedback())
      users.push_back(f.user.value_or("?"));
    return users;
  }
};

TEST_F(dispatch_batch_test, each_event_gets_its_own_replies_in_order) {
  const auto out = batch({command("alice", "feedback vpn 4 fine"), command("bob", "help"),
                          command("carol", "feedback vpn 5 great")});
  ASSERT_EQ(out.size(), 3u);
  for (const auto& [i, user] : {std::pair{0, "alice"}, {1, "bob"}, {2, "carol"}}) {
    ASSERT_FALSE(out[static_cast<std::size_t>(i)].empty()) << user;
    for (const auto& o : out[static_cast<std::size_t>(i)])
      EXPECT_EQ(o.user, user);
  }
  EXPECT_TRUE(says(out[1], "Commands"));
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::handled, outcome::handled}));
  EXPECT_EQ(feedback_users(), (std::vector<std::string>{"local:alice", "local:carol"}));
}

TEST_F(dispatch_batch_test, nothing_is_visible_to_another_connection_before_the_whole_batch_commits) {
  storage::database other{settings.bot.database};
  std::vector<std::int64_t> seen_by_other;
  batch({command("alice", "feedback vpn 4 a"), command("bob", "feedback vpn 4 b"),
         command("carol", "feedback vpn 4 c")},
        [&](std::size_t, const std::vector<core::outbound>&) {
          EXPECT_TRUE(db->conn().in_transaction());
          seen_by_other.push_back(storage::feedback_repository{other}.count());
        });
  EXPECT_EQ(seen_by_other, (std::vector<std::int64_t>{0, 0, 0}));  // one transaction, not three
  EXPECT_EQ(storage::feedback_repository{other}.count(), 3);
  EXPECT_FALSE(db->conn().in_transaction());
}

TEST_F(dispatch_batch_test, a_failing_event_is_rolled_back_alone_and_answered_with_an_internal_error) {
  fail_feedback_with_reason("boom");
  const auto bob = command("bob", "feedback vpn 4 boom");
  const auto out =
      batch({command("alice", "feedback vpn 4 fine"), bob, command("carol", "feedback vpn 5 ok")});
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::failed, outcome::handled}));
  EXPECT_TRUE(bot->last_batch_committed());
  ASSERT_EQ(out[1].size(), 1u);
  EXPECT_TRUE(says(out[1], internal_error));
  EXPECT_TRUE(says(out[1], bob.event_id));  // the request id the log names
  EXPECT_EQ(out[1][0].user, "bob");
  EXPECT_FALSE(says(out[0], internal_error));
  EXPECT_FALSE(says(out[2], internal_error));
  EXPECT_EQ(feedback_users(), (std::vector<std::string>{"local:alice", "local:carol"}));
  EXPECT_EQ(open_conversations(), 2);  // alice's and carol's impact questions; bob's is rolled back

  // The failed event was not remembered: its redelivery is handled once the fault is gone.
  remove_faults();
  batch({bob});
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled}));
  EXPECT_EQ(all_feedback().size(), 3u);
}

TEST_F(dispatch_batch_test, duplicates_in_the_same_batch_are_processed_once) {
  const auto in = command("alice", "feedback vpn 4 twice");
  const auto out = batch({in, in, command("bob", "help"), in});
  EXPECT_EQ(outcomes(),
            (std::vector{outcome::handled, outcome::duplicate, outcome::handled, outcome::duplicate}));
  EXPECT_FALSE(out[0].empty());
  EXPECT_TRUE(out[1].empty());
  EXPECT_TRUE(out[3].empty());
  EXPECT_EQ(all_feedback().size(), 1u);
  batch({in});  // and in a later batch too
  EXPECT_EQ(outcomes(), (std::vector{outcome::duplicate}));
}

TEST_F(dispatch_batch_test, duplicate_of_an_event_that_failed_earlier_in_the_batch_is_handled) {
  fail_feedback_with_reason("boom");
  auto in = command("alice", "feedback vpn 4 boom");
  auto retry = in;  // the same event id, delivered again with text that works
  retry.text = "feedback vpn 4 fine";
  batch({in, retry});
  EXPECT_EQ(outcomes(), (std::vector{outcome::failed, outcome::handled}));
  EXPECT_EQ(all_feedback().size(), 1u);
}

TEST_F(dispatch_batch_test, failed_commit_fails_every_event_and_leaves_nothing_behind) {
  fail_commit_with_reason("doom");
  const auto alice = command("alice", "feedback vpn 4 fine");
  const auto bob = command("bob", "feedback vpn");
  std::size_t callbacks = 0;
  const auto out = batch({alice, bob, command("carol", "feedback vpn 3 doom")},
                         [&](std::size_t, const std::vector<core::outbound>&) {
                           ++callbacks;
                           storage::audit_repository{*db}.append({0, now, "test", "outbox.write", "", ""});
                         });
  EXPECT_EQ(callbacks, 3u);
  EXPECT_EQ(outcomes(), (std::vector{outcome::failed, outcome::failed, outcome::failed}));
  EXPECT_EQ(bot->last_outcome(), outcome::failed);
  EXPECT_FALSE(bot->last_batch_committed());
  for (const auto& replies : out) {
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_TRUE(says(replies, internal_error));
  }
  EXPECT_FALSE(db->conn().in_transaction());
  EXPECT_TRUE(all_feedback().empty());
  EXPECT_EQ(open_conversations(), 0);                              // bob's conversation is gone with the rest
  EXPECT_TRUE(storage::audit_repository{*db}.recent(10).empty());  // what the callback wrote too

  // Memory agrees with the database: the same events, redelivered, run as if never seen.
  remove_faults();
  const auto again = batch({alice, bob});
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::handled}));
  EXPECT_EQ(feedback_users(), (std::vector<std::string>{"local:alice"}));
  EXPECT_TRUE(says(again[0], "Recorded as feedback *#1*"));  // the rolled-back number is handed out again
  EXPECT_EQ(open_conversations(), 2);                        // alice's impact question, bob's rating question
}

TEST_F(dispatch_batch_test, a_rolled_back_step_leaves_the_conversation_where_it_was) {
  // Alice starts a conversation and rates in one batch; the rating fails and is rolled back alone.
  fail_feedback_with("NEW.rating = 2");
  // The click is on the rating question the message opens, in the same batch: its key is that one's.
  dialog::flow_state asked;
  asked.at = dialog::step::rating;
  asked.started_at = now;
  batch({dm("alice", "vpn"), click("alice", actions::rate, dialog::keyed_value("vpn:2", asked))});
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::failed}));
  EXPECT_TRUE(all_feedback().empty());
  EXPECT_EQ(open_conversations(), 1);

  // The next click is taken as the answer to the same question, as if the failed one never came.
  const auto out = send(click("alice", actions::rate, "vpn:4"));
  EXPECT_FALSE(says(out, internal_error));
  ASSERT_EQ(all_feedback().size(), 1u);
  EXPECT_EQ(all_feedback()[0].rating, 4);
  EXPECT_EQ(open_conversations(), 1);
}

TEST_F(dispatch_batch_test, callback_sees_each_events_replies_and_a_throw_fails_only_that_event) {
  std::vector<std::pair<std::size_t, std::string>> seen;
  const auto out = batch(
      {command("alice", "feedback vpn 4 a"), command("bob", "feedback vpn 4 b"), command("carol", "help")},
      [&](std::size_t i, const std::vector<core::outbound>& replies) {
        seen.emplace_back(i, all_text(replies));
        if (i == 1 && !says(replies, internal_error)) throw std::runtime_error("outbox full");
      });
  EXPECT_TRUE(says(out[1], internal_error));
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::failed, outcome::handled}));
  EXPECT_EQ(feedback_users(), (std::vector<std::string>{"local:alice"}));

  // The first run fails at bob and is rolled back; the second runs each event in a savepoint: alice
  // again, bob's replies refused again, then his internal error in a savepoint of its own, carol.
  const auto bobs_replies = seen.at(1).second;
  EXPECT_EQ(seen, (std::vector<std::pair<std::size_t, std::string>>{{0, all_text(out[0])},
                                                                    {1, bobs_replies},
                                                                    {0, all_text(out[0])},
                                                                    {1, bobs_replies},
                                                                    {1, all_text(out[1])},
                                                                    {2, all_text(out[2])}}));
  EXPECT_NE(bobs_replies.find("Recorded as feedback"), std::string::npos) << bobs_replies;
}

TEST_F(dispatch_batch_test, a_batch_without_a_failure_calls_back_once_per_event) {
  std::vector<std::size_t> seen;
  batch({command("alice", "feedback vpn 4 a"), command("bob", "help"), command("carol", "feedback vpn 5 c")},
        [&](std::size_t i, const std::vector<core::outbound>&) { seen.push_back(i); });
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(outcomes(), (std::vector{outcome::handled, outcome::handled, outcome::handled}));
}

TEST_F(dispatch_batch_test, callback_that_throws_for_the_error_reply_too_fails_the_batch) {
  const auto out = batch({command("alice", "feedback vpn 4 a"), command("bob", "feedback vpn 4 b")},
                         [&](std::size_t i, const std::vector<core::outbound>&) {
                           if (i == 1) throw std::runtime_error("disk full");
                         });
  EXPECT_EQ(outcomes(), (std::vector{outcome::failed, outcome::failed}));
  EXPECT_TRUE(says(out[0], internal_error));
  EXPECT_TRUE(all_feedback().empty());
}

TEST_F(dispatch_batch_test, observer_hears_each_event_once_in_pairs) {
  recording_observer seen;
  bot->set_observer(&seen);
  fail_feedback_with_reason("boom");
  batch({command("alice", "help"), command("bob", "feedback vpn 4 boom"), command("carol", "help")});
  EXPECT_EQ(seen.calls,
            (std::vector<std::string>{"started alice", "finished alice handled", "started bob",
                                      "finished bob failed", "started carol", "finished carol handled"}));
  bot->set_observer(nullptr);
}

TEST_F(dispatch_batch_test, observer_hears_of_a_failed_commit_for_events_it_was_told_were_handled) {
  recording_observer seen;
  bot->set_observer(&seen);
  fail_commit_with_reason("doom");
  batch({command("alice", "help"), command("bob", "feedback vpn 4 doom")});
  EXPECT_EQ(seen.calls, (std::vector<std::string>{"started alice", "finished alice handled", "started bob",
                                                  "commit_failed alice", "finished bob failed"}));
  seen.calls.clear();
  send(command("carol", "feedback vpn 4 doom"));  // dispatch(): one pair, reported after the commit
  EXPECT_EQ(seen.calls, (std::vector<std::string>{"started carol", "finished carol failed"}));
  bot->set_observer(nullptr);
}

TEST_F(dispatch_batch_test, empty_batch_does_nothing) {
  EXPECT_TRUE(batch({}).empty());
  EXPECT_TRUE(bot->last_outcomes().empty());
}

}  // namespace
}  // namespace csibot::commands

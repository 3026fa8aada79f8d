// The ticket webhooks (SPEC §4, §11, §12; docs/webhooks.md) end to end: a real http_server on
// 127.0.0.1:0, a real http_client, a real SQLite file and an injected clock. Every rejection is checked
// to change nothing in the prompts table.
#include "bot/runtime/ticket_hooks.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "bot/net/http_client.hpp"
#include "bot/net/http_server.hpp"
#include "config/settings.hpp"
#include "storage/database.hpp"
#include "storage/prompt_repository.hpp"
#include "storage/repositories.hpp"
#include "storage/sqlite.hpp"
#include "storage/temp_dir.hpp"
#include "support/io_wait.hpp"

namespace csibot::runtime {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// The worked example of docs/webhooks.md, computed with
//   printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac 'It5-a-s3cret'
constexpr std::string_view doc_secret = "It5-a-s3cret";
constexpr std::string_view doc_timestamp = "1796032800";  // 2026-11-30T10:00:00Z
constexpr std::string_view doc_body =
    R"({"service":"vpn","user":"slack:U0123","ticket":"INC-1042","resolved_at":"2026-11-30T09:00:00Z","resolver":"slack:U0456"})";
constexpr std::string_view doc_signature =
    "sha256=89cf473cbbe7bc6c596f42b38e0294651605609c9c99d15826904895123de1ab";

core::timestamp at(std::string_view iso) {
  return core::parse_iso8601(iso).value();
}

struct reply {
  unsigned status = 0;
  json body;
};

class ticket_hooks_test : public ::testing::Test {
 protected:
  ticket_hooks_test() {
    core::service vpn;
    vpn.id = "vpn";
    vpn.name = "Remote access VPN";
    storage::service_repository(db).upsert(vpn, clock);
    cfg.hooks = config::hooks_settings{std::string{doc_secret}, 1h, 1.0};
    // What the hooks log, read back by the tests about log lines.
    spdlog::default_logger()->sinks().push_back(log_sink);
  }
  ~ticket_hooks_test() override { spdlog::default_logger()->sinks().pop_back(); }

  // Installs the hooks with the current cfg and starts the server; tests change cfg first.
  void start() {
    server.emplace(io, net::server_options{});
    install_ticket_hooks(
        *server, db, cfg,
        {.now = [this] { return clock; },
         .platform_running = [this](std::string_view p) { return running.contains(std::string{p}); },
         .count = [this](
                      std::string_view hook,
                      hook_outcome o) { ++counted[std::string{hook} + " " + std::string{to_string(o)}]; }});
    server->start();
  }

  reply post_raw(std::string_view path, net::header_map headers, std::string body) {
    if (!server) start();
    const auto url = "http://127.0.0.1:" + std::to_string(server->local_port()) + std::string{path};
    headers.add("Content-Type", "application/json");
    auto result = test::run_task(io, client.request("POST", url, std::move(headers), std::move(body)));
    EXPECT_TRUE(result && result->ok()) << (result ? result->message : "deadline passed");
    if (!result || !result->ok()) return {};
    return {result->status, json::parse(result->body, nullptr, false)};
  }

  // Signed with the configured secret at `stamp` (the clock by default).
  reply post(std::string_view path, std::string body, std::optional<core::timestamp> stamp = std::nullopt) {
    const auto seconds =
        std::chrono::floor<std::chrono::seconds>(stamp.value_or(clock)).time_since_epoch().count();
    const auto ts = std::to_string(seconds);
    net::header_map headers;
    headers.add("X-Csibot-Timestamp", ts);
    headers.add("X-Csibot-Signature", sign_ticket_hook(doc_secret, ts, body));
    return post_raw(path, std::move(headers), std::move(body));
  }

  reply resolved(const json& body) { return post("/hooks/ticket-resolved", body.dump()); }

  std::int64_t prompt_count() {
    auto st = db.conn().cached("SELECT count(*) FROM prompts");
    EXPECT_TRUE(st->step());
    return st->column_int64(0);
  }

  storage::test::temp_dir dir;
  storage::database db{dir / "csibot.db"};
  storage::prompt_repository prompts{db};
  config::settings cfg;
  core::timestamp clock = at("2026-11-30T10:00:00Z");
  boost::asio::io_context io;
  net::http_client client{io};
  std::optional<net::http_server> server;
  std::set<std::string> running{"slack", "local"};  // the platforms this "process" runs
  std::map<std::string, int> counted;               // "hook outcome" → calls, as /metrics counts them
  std::ostringstream log;
  std::shared_ptr<spdlog::sinks::ostream_sink_st> log_sink =
      std::make_shared<spdlog::sinks::ostream_sink_st>(log);
  json ticket = {{"service", "vpn"},
                 {"user", "slack:U0123"},
                 {"ticket", "INC-1042"},
                 {"resolved_at", "2026-11-30T09:30:00Z"},
                 {"resolver", "slack:U0456"}};
};

TEST(ticket_hook_signature, matches_the_documented_openssl_vector) {
  EXPECT_EQ(sign_ticket_hook(doc_secret, doc_timestamp, doc_body), doc_signature);
}

TEST_F(ticket_hooks_test, documented_example_is_accepted_and_due_at_resolved_at_plus_delay) {
  net::header_map headers;
  headers.add("X-Csibot-Timestamp", std::string{doc_timestamp});
  headers.add("X-Csibot-Signature", std::string{doc_signature});
  const auto r = post_raw("/hooks/ticket-resolved", headers, std::string{doc_body});
  ASSERT_EQ(r.status, 202u) << r.body;
  EXPECT_EQ(r.body["status"], "accepted");
  EXPECT_EQ(r.body["scheduled"], true);

  const auto due = prompts.due(at("2026-11-30T10:00:00Z"), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].id, r.body["prompt"].get<std::int64_t>());
  EXPECT_EQ(due[0].user, "slack:U0123");
  EXPECT_EQ(due[0].service, "vpn");
  EXPECT_EQ(due[0].kind, core::prompt_kind::ticket);
  EXPECT_EQ(due[0].ticket, "INC-1042");
  EXPECT_EQ(due[0].due_at, at("2026-11-30T10:00:00Z"));  // resolved 09:00 + 1 h
  EXPECT_EQ(due[0].state, storage::prompt_state::pending);
  EXPECT_TRUE(prompts.due(at("2026-11-30T09:59:59Z"), 10).empty());

  // The resolver has no column of its own; the audit entry keeps it.
  const auto audit = storage::audit_repository(db).recent(1);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "ticket.resolved");
  EXPECT_EQ(audit[0].subject, "vpn/INC-1042");
  EXPECT_EQ(json::parse(audit[0].detail)["resolver"], "slack:U0456");
}

TEST_F(ticket_hooks_test, without_resolved_at_the_delay_counts_from_arrival) {
  ticket.erase("resolved_at");
  ASSERT_EQ(resolved(ticket).status, 202u);
  const auto p = prompts.due(clock + 1h, 10);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].due_at, clock + 1h);
}

TEST_F(ticket_hooks_test, a_resolved_at_in_the_future_counts_from_arrival) {
  ticket["resolved_at"] = "2026-12-01T10:00:00Z";
  ASSERT_EQ(resolved(ticket).status, 202u);
  EXPECT_EQ(prompts.due(clock + 1h, 10).size(), 1u);
}

TEST_F(ticket_hooks_test, the_same_ticket_twice_makes_one_prompt_and_both_get_202) {
  const auto first = resolved(ticket);
  const auto second = resolved(ticket);
  ASSERT_EQ(first.status, 202u);
  ASSERT_EQ(second.status, 202u);
  EXPECT_EQ(first.body["created"], true);
  EXPECT_EQ(second.body["created"], false);
  EXPECT_EQ(second.body["prompt"], first.body["prompt"]);
  EXPECT_EQ(prompt_count(), 1);
  // The retry's prompt is still pending: scheduled, as the first call said, and no reason.
  EXPECT_EQ(first.body["scheduled"], true);
  EXPECT_EQ(second.body["scheduled"], true) << second.body;
  EXPECT_FALSE(second.body.contains("reason")) << second.body;
}

TEST_F(ticket_hooks_test, a_retry_after_the_prompt_went_out_says_it_is_not_scheduled_and_why) {
  const auto first = resolved(ticket);
  ASSERT_EQ(first.status, 202u);
  ASSERT_TRUE(prompts.mark_sent(first.body["prompt"].get<std::int64_t>(), clock));
  const auto retry = resolved(ticket);
  ASSERT_EQ(retry.status, 202u);
  EXPECT_EQ(retry.body["created"], false);
  EXPECT_EQ(retry.body["scheduled"], false) << retry.body;
  EXPECT_EQ(retry.body.value("reason", ""), "ticket_already_asked") << retry.body;
}

TEST_F(ticket_hooks_test, an_email_user_is_stored_for_later_lookup) {
  ticket["user"] = "Alice.Smith@Example.COM";
  ASSERT_EQ(resolved(ticket).status, 202u);
  const auto p = prompts.due(clock + 1h, 10);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].user, "email:alice.smith@example.com");
  EXPECT_EQ(p[0].platform, "email");
}

TEST_F(ticket_hooks_test, the_resolver_is_never_asked_about_their_own_ticket) {
  ticket["resolver"] = "slack:U0123";
  const auto r = resolved(ticket);
  ASSERT_EQ(r.status, 202u);
  EXPECT_EQ(r.body["scheduled"], false);
  EXPECT_EQ(r.body.value("reason", ""), "resolver") << r.body;
  // A retry keeps the first call's reason.
  const auto retry = resolved(ticket);
  EXPECT_EQ(retry.body["scheduled"], false);
  EXPECT_EQ(retry.body.value("reason", ""), "resolver") << retry.body;
  const auto p = prompts.find(r.body["prompt"].get<std::int64_t>());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->state, storage::prompt_state::skipped);
  EXPECT_EQ(p->reason, "resolver");
  EXPECT_TRUE(prompts.due(clock + 2h, 10).empty());
}

TEST_F(ticket_hooks_test, a_wrong_signature_gets_401_and_stores_nothing) {
  auto body = ticket.dump();
  const auto ts = std::to_string(std::chrono::floor<std::chrono::seconds>(clock).time_since_epoch().count());
  auto signature = sign_ticket_hook(doc_secret, ts, body);
  signature.back() = signature.back() == '0' ? '1' : '0';
  net::header_map headers;
  headers.add("X-Csibot-Timestamp", ts);
  headers.add("X-Csibot-Signature", signature);
  const auto r = post_raw("/hooks/ticket-resolved", headers, body);
  EXPECT_EQ(r.status, 401u);
  EXPECT_EQ(r.body["error"], "X-Csibot-Signature does not match the body");

  // Signed with another secret, and a body changed after signing.
  net::header_map other;
  other.add("X-Csibot-Timestamp", ts);
  other.add("X-Csibot-Signature", sign_ticket_hook("another secret", ts, body));
  EXPECT_EQ(post_raw("/hooks/ticket-resolved", other, body).status, 401u);
  net::header_map tampered;
  tampered.add("X-Csibot-Timestamp", ts);
  tampered.add("X-Csibot-Signature", sign_ticket_hook(doc_secret, ts, body));
  EXPECT_EQ(post_raw("/hooks/ticket-resolved", tampered, body + " ").status, 401u);
  EXPECT_EQ(prompt_count(), 0);
}

TEST_F(ticket_hooks_test, missing_or_malformed_headers_get_401) {
  const auto body = ticket.dump();
  const auto ts = std::to_string(std::chrono::floor<std::chrono::seconds>(clock).time_since_epoch().count());
  const auto good = sign_ticket_hook(doc_secret, ts, body);
  const auto send = [&](std::optional<std::string> timestamp, std::optional<std::string> signature) {
    net::header_map h;
    if (timestamp) h.add("X-Csibot-Timestamp", *timestamp);
    if (signature) h.add("X-Csibot-Signature", *signature);
    return post_raw("/hooks/ticket-resolved", h, body);
  };
  EXPECT_EQ(send(std::nullopt, std::nullopt).status, 401u);
  EXPECT_EQ(send(std::nullopt, good).body["error"], "missing X-Csibot-Timestamp header");
  EXPECT_EQ(send(ts, std::nullopt).body["error"], "missing X-Csibot-Signature header");
  EXPECT_EQ(send("abc", good).status, 401u);
  EXPECT_EQ(send(ts + ".0", good).status, 401u);
  EXPECT_EQ(send("-" + ts, good).status, 401u);
  EXPECT_EQ(send("99999999999999999999", good).status, 401u);
  EXPECT_EQ(send(ts, good.substr(7)).status, 401u);  // no "sha256=" prefix
  std::string upper = good;
  for (auto& c : upper)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  EXPECT_EQ(send(ts, "sha256=" + upper.substr(7)).status, 401u);
  EXPECT_EQ(prompt_count(), 0);
}

TEST_F(ticket_hooks_test, stale_and_future_timestamps_get_401_and_the_window_edges_pass) {
  const auto stale = post("/hooks/ticket-resolved", ticket.dump(), clock - 301s);
  EXPECT_EQ(stale.status, 401u);
  EXPECT_EQ(stale.body["error"], "X-Csibot-Timestamp is more than 300 s old");
  const auto future = post("/hooks/ticket-resolved", ticket.dump(), clock + 301s);
  EXPECT_EQ(future.status, 401u);
  EXPECT_EQ(future.body["error"], "X-Csibot-Timestamp is more than 300 s in the future");
  EXPECT_EQ(prompt_count(), 0);

  EXPECT_EQ(post("/hooks/ticket-resolved", ticket.dump(), clock - 300s).status, 202u);
  ticket["ticket"] = "INC-1043";
  EXPECT_EQ(post("/hooks/ticket-resolved", ticket.dump(), clock + 300s).status, 202u);
  EXPECT_EQ(prompt_count(), 2);
}

TEST_F(ticket_hooks_test, a_ticket_key_is_measured_in_characters_not_bytes) {
  std::string key;
  for (int i = 0; i < 200; ++i)
    key += "\xC3\xBC";  // ü: 200 characters in 400 bytes
  ticket["ticket"] = key;
  EXPECT_EQ(post("/hooks/ticket-resolved", ticket.dump()).status, 202u);
  ticket["ticket"] = key + "x";
  const auto longer = post("/hooks/ticket-resolved", ticket.dump());
  EXPECT_EQ(longer.status, 400u);
  EXPECT_EQ(longer.body["error"], "field 'ticket' is longer than 200 characters");
  EXPECT_EQ(prompt_count(), 1);
}

TEST_F(ticket_hooks_test, bad_bodies_get_400_with_a_reason) {
  const auto error_for = [&](std::string body) {
    const auto r = post("/hooks/ticket-resolved", std::move(body));
    EXPECT_EQ(r.status, 400u) << r.body;
    return r.body["error"].get<std::string>();
  };
  const auto with = [&](const char* field, json value) {
    auto b = ticket;
    b[field] = std::move(value);
    return error_for(b.dump());
  };
  const auto without = [&](const char* field) {
    auto b = ticket;
    b.erase(field);
    return error_for(b.dump());
  };
  EXPECT_EQ(error_for("{not json"), "body is not valid JSON");
  EXPECT_EQ(error_for("[1,2]"), "body must be a JSON object");
  EXPECT_EQ(error_for(std::string(60'000, '[')), "body nests deeper than 32 levels");
  EXPECT_EQ(error_for(ticket.dump() + std::string(1, '\0') + "junk"), "body contains a NUL byte")
      << "nlohmann would stop at the NUL and take the ticket before it";
  EXPECT_EQ(without("service"), "missing field 'service'");
  EXPECT_EQ(without("user"), "missing field 'user'");
  EXPECT_EQ(without("ticket"), "missing field 'ticket'");
  EXPECT_EQ(with("ticket", 1042), "field 'ticket' must be a string");
  EXPECT_EQ(with("ticket", ""), "field 'ticket' must not be empty");
  EXPECT_EQ(with("ticket", "INC\n1042"), "field 'ticket' contains control characters");
  EXPECT_EQ(with("ticket", std::string(201, 'x')), "field 'ticket' is longer than 200 characters");
  EXPECT_NE(with("user", "bob").find("field 'user' is neither"), std::string::npos);
  EXPECT_NE(with("user", "irc:bob").find("field 'user' is neither"), std::string::npos);
  EXPECT_NE(with("user", "a@b@example.com").find("field 'user' is neither"), std::string::npos);
  EXPECT_NE(with("resolver", "nobody").find("field 'resolver' is neither"), std::string::npos);
  EXPECT_EQ(with("resolved_at", "yesterday"), "field 'resolved_at' is not an ISO 8601 time");
  EXPECT_EQ(with("resolved_at", 1764495600), "field 'resolved_at' must be a string");
  EXPECT_EQ(prompt_count(), 0);

  // Optional fields that an ITSM template renders as null or "" count as absent.
  auto b = ticket;
  b["resolver"] = nullptr;
  b["resolved_at"] = "";
  EXPECT_EQ(resolved(b).status, 202u);

  // What an ITSM tool nests beside the fields is its own business, up to the guard.
  auto nested = ticket;
  nested["ticket"] = "INC-1043";
  nested["extra"] = json::parse(std::string(30, '[') + std::string(30, ']'));
  EXPECT_EQ(resolved(nested).status, 202u);
}

TEST_F(ticket_hooks_test, an_unknown_service_gets_404) {
  ticket["service"] = "mail";
  const auto r = resolved(ticket);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"], "unknown service 'mail'");
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"mail","ticket":"INC-1"})").status, 404u);
  EXPECT_EQ(prompt_count(), 0);
}

TEST_F(ticket_hooks_test, reopened_cancels_the_pending_prompt) {
  const auto r = resolved(ticket);
  ASSERT_EQ(r.status, 202u);
  const auto reopened =
      post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-1042","user":"ignored"})");
  ASSERT_EQ(reopened.status, 202u);
  EXPECT_EQ(reopened.body["cancelled"], true);
  const auto p = prompts.find(r.body["prompt"].get<std::int64_t>());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->state, storage::prompt_state::cancelled);
  EXPECT_TRUE(prompts.due(clock + 2h, 10).empty());

  // Nothing pending any more (or never): still 202, so that the tool does not retry.
  const auto again = post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-1042"})");
  EXPECT_EQ(again.status, 202u);
  EXPECT_EQ(again.body["cancelled"], false);
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-9"})").status, 202u);

  // Resolved again after the reopening: pending again.
  ASSERT_EQ(resolved(ticket).status, 202u);
  EXPECT_EQ(prompts.due(clock + 2h, 10).size(), 1u);
}

TEST_F(ticket_hooks_test, reopened_needs_a_valid_signature_and_body) {
  ASSERT_EQ(resolved(ticket).status, 202u);
  net::header_map none;
  EXPECT_EQ(post_raw("/hooks/ticket-reopened", none, R"({"service":"vpn","ticket":"INC-1042"})").status,
            401u);
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"vpn"})").status, 400u);
  EXPECT_EQ(prompts.due(clock + 2h, 10).size(), 1u);
}

TEST_F(ticket_hooks_test, sample_zero_accepts_and_schedules_nothing) {
  cfg.hooks->ticket_sample = 0.0;
  const auto r = resolved(ticket);
  EXPECT_EQ(r.status, 202u);
  EXPECT_EQ(r.body["scheduled"], false);
  EXPECT_EQ(r.body.value("reason", ""), "not_sampled");
  EXPECT_EQ(prompt_count(), 0);
}

TEST_F(ticket_hooks_test, an_oversized_body_gets_413_and_stores_nothing) {
  ticket["padding"] = std::string(max_hook_body, ' ');
  const auto r = resolved(ticket);
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(r.body["error"], "body larger than 65536 bytes");
  EXPECT_EQ(prompt_count(), 0);
}

TEST_F(ticket_hooks_test, without_hooks_config_the_routes_answer_404) {
  cfg.hooks.reset();
  const auto r = resolved(ticket);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body["error"], "ticket webhooks are not configured (no [hooks] secret)");
  EXPECT_EQ(prompt_count(), 0);
}

// U+009B is a terminal's CSI: "\u009b31m" in a log read with `less -R` or a terminal turns it red,
// and longer sequences can move the cursor over earlier lines. C1 is as much a control as C0.
TEST_F(ticket_hooks_test, c1_control_characters_in_logged_fields_get_400) {
  const auto error_for = [&](const char* field, std::string value) {
    auto b = ticket;
    b[field] = std::move(value);
    const auto r = resolved(b);
    EXPECT_EQ(r.status, 400u) << field << ": " << r.body;
    return r.body.value("error", "");
  };
  EXPECT_EQ(error_for("ticket", "INC-1\u009b31mOK"), "field 'ticket' contains control characters");
  EXPECT_EQ(error_for("ticket", "INC-\u0080"), "field 'ticket' contains control characters");
  EXPECT_EQ(error_for("ticket", "INC-\u009f"), "field 'ticket' contains control characters");
  EXPECT_EQ(error_for("service", "vpn\u009b"), "field 'service' contains control characters");
  EXPECT_EQ(error_for("user", "slack:U\u009b2J"), "field 'user' contains control characters");
  EXPECT_EQ(error_for("user", "al\u0085ice@example.com"), "field 'user' contains control characters");
  EXPECT_EQ(error_for("resolver", "slack:U\u009b2J"), "field 'resolver' contains control characters");
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-1\u009b31m"})").status, 400u);
  EXPECT_EQ(prompt_count(), 0);
  EXPECT_EQ(log.str().find("\xC2\x9B"), std::string::npos) << "no raw CSI in the log";

  // The next character after C1 (U+00A0, no-break space) and other non-ASCII text are fine.
  ticket["ticket"] = "INC-\u00a0Ü-42";
  EXPECT_EQ(resolved(ticket).status, 202u);
}

// A ticket key may hold a line separator or a bidirectional override (they are not controls and are
// stored as sent), but in a log line they would start a new line in some viewers or make the line
// read backwards: the log shows them escaped.
TEST_F(ticket_hooks_test, line_separators_and_bidi_overrides_are_escaped_in_the_log) {
  ticket["ticket"] = "INC-1\u2028forged line\u202e";
  const auto r = resolved(ticket);
  ASSERT_EQ(r.status, 202u) << r.body;
  const auto p = prompts.find(r.body["prompt"].get<std::int64_t>());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ticket, "INC-1\u2028forged line\u202e") << "stored as sent";
  const auto text = log.str();
  EXPECT_NE(text.find("INC-1\\u2028forged line\\u202E"), std::string::npos) << text;
  EXPECT_EQ(text.find("\u2028"), std::string::npos) << text;
  EXPECT_EQ(text.find("\u202e"), std::string::npos) << text;

  // An unknown service is quoted in the rejection's log line: escaped there too.
  ticket["service"] = "mail\u2029x";
  EXPECT_EQ(resolved(ticket).status, 404u);
  EXPECT_NE(log.str().find("unknown service 'mail\\u2029x'"), std::string::npos) << log.str();
  EXPECT_EQ(log.str().find("\u2029"), std::string::npos) << log.str();
}

// Nothing in this process sends Mattermost (or Discord) prompts: the ticket is accepted, as SPEC §12
// wants of a ticket not prompted, but skipped at once and the operator warned, instead of a prompt
// that stays pending for ever without a word.
TEST_F(ticket_hooks_test, a_user_on_a_platform_not_running_here_is_skipped_with_a_reason_and_a_warning) {
  ticket["user"] = "mattermost:U0999";
  const auto r = resolved(ticket);
  ASSERT_EQ(r.status, 202u);
  EXPECT_EQ(r.body["scheduled"], false) << r.body;
  EXPECT_EQ(r.body.value("reason", ""), "platform_not_configured") << r.body;
  const auto p = prompts.find(r.body["prompt"].get<std::int64_t>());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->state, storage::prompt_state::skipped);
  EXPECT_EQ(p->reason, "platform_not_configured");
  EXPECT_TRUE(prompts.due(clock + 2h, 10).empty());
  const auto text = log.str();
  EXPECT_NE(text.find("[warning]"), std::string::npos) << text;
  EXPECT_NE(text.find("mattermost:U0999 is on mattermost, which is not configured here"), std::string::npos)
      << text;

  const auto retry = resolved(ticket);
  EXPECT_EQ(retry.body["scheduled"], false);
  EXPECT_EQ(retry.body.value("reason", ""), "platform_not_configured") << retry.body;

  ticket["ticket"] = "INC-1043";
  ticket["user"] = "discord:U1";
  EXPECT_EQ(resolved(ticket).body.value("reason", ""), "platform_not_configured");

  // The same people on a platform that runs, and e-mail addresses (resolved later through the
  // platforms that run), are scheduled.
  ticket["ticket"] = "INC-1044";
  ticket["user"] = "local:bo";
  EXPECT_EQ(resolved(ticket).body["scheduled"], true);
  ticket["ticket"] = "INC-1045";
  ticket["user"] = "bo@example.com";
  EXPECT_EQ(resolved(ticket).body["scheduled"], true);
}

TEST_F(ticket_hooks_test, every_call_is_counted_once_by_hook_and_outcome) {
  EXPECT_EQ(resolved(ticket).status, 202u);
  net::header_map unsigned_call;
  EXPECT_EQ(post_raw("/hooks/ticket-resolved", unsigned_call, ticket.dump()).status, 401u);
  EXPECT_EQ(post_raw("/hooks/ticket-resolved", unsigned_call, ticket.dump()).status, 401u);
  EXPECT_EQ(post("/hooks/ticket-resolved", "{").status, 400u);
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"mail","ticket":"INC-1"})").status, 404u);
  EXPECT_EQ(post("/hooks/ticket-reopened", std::string(max_hook_body + 1, ' ')).status, 413u);
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-1042"})").status, 202u);
  const std::map<std::string, int> expected{
      {"ticket-resolved accepted", 1},    {"ticket-resolved unauthorized", 2},
      {"ticket-resolved bad_request", 1}, {"ticket-reopened unknown_service", 1},
      {"ticket-reopened too_large", 1},   {"ticket-reopened accepted", 1}};
  EXPECT_EQ(counted, expected);
}

TEST_F(ticket_hooks_test, calls_without_hooks_config_are_counted_as_not_configured) {
  cfg.hooks.reset();
  EXPECT_EQ(resolved(ticket).status, 404u);
  EXPECT_EQ(post("/hooks/ticket-reopened", R"({"service":"vpn","ticket":"INC-1"})").status, 404u);
  const std::map<std::string, int> expected{{"ticket-resolved not_configured", 1},
                                            {"ticket-reopened not_configured", 1}};
  EXPECT_EQ(counted, expected);
}

TEST(ticket_hook_sampling, is_deterministic_and_close_to_the_share) {
  int in = 0;
  for (int i = 0; i < 2000; ++i) {
    const auto t = "INC-" + std::to_string(i);
    const bool chosen = ticket_sampled("vpn", t, 0.25);
    EXPECT_EQ(chosen, ticket_sampled("vpn", t, 0.25));
    // A larger share keeps every ticket a smaller one chose (the same point on [0, 1)).
    if (chosen) {
      EXPECT_TRUE(ticket_sampled("vpn", t, 0.5));
    }
    in += chosen ? 1 : 0;
  }
  EXPECT_GT(in, 400);  // 500 expected; the bounds are > 5 standard deviations away
  EXPECT_LT(in, 600);
  EXPECT_TRUE(ticket_sampled("vpn", "INC-1", 1.0));
  EXPECT_FALSE(ticket_sampled("vpn", "INC-1", 0.0));
}

}  // namespace
}  // namespace csibot::runtime

// libFuzzer entry for commands::dispatcher: a sequence of arbitrary DMs, slash commands and button
// clicks from a few people (with redeliveries and time passing) on a fresh in-memory database with
// the demo catalog. Nothing may throw out, no event may end in "internal error", and what is stored
// must stay sane: valid UTF-8, reasons capped, ratings on the service's scale.
#include <fuzzer/FuzzedDataProvider.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "commands/dispatch.hpp"
#include "config/loader.hpp"
#include "core/text.hpp"
#include "fuzz/support/check.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

namespace {

namespace core = csibot::core;

using csibot::fuzz::check;

const csibot::config::settings& demo() {
  static const csibot::config::settings s = [] {
    auto d = csibot::config::demo_settings();
    d.bot.database = ":memory:";
    return d;
  }();
  return s;
}

constexpr const char* action_ids[] = {"csi.service", "csi.rate",     "csi.impact", "csi.skip",
                                      "csi.cancel",  "csi.feedback", "other"};
constexpr const char* users[] = {"alice", "bob", "carol"};
constexpr const char* words[] = {
    "feedback", "stats",        "service", "services", "help", "cancel", "vpn", "email",   "hr-portal",
    "ci-cd",    "service-desk", "2",       "5",        "skip", "yes",    "7d",  "2026-Q3", "since:2026-01-01",
    "\"",       "\xE2\x80\x9C", "vpn:4",   "vpn:slows"};

std::string some_text(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return in.ConsumeRandomLengthString(512);
  // Sentences of known words reach deeper into the conversation than random bytes do.
  std::string out;
  const auto n = in.ConsumeIntegralInRange<int>(0, 5);
  for (int i = 0; i < n; ++i)
    out += std::string{i ? " " : ""} + in.PickValueInArray(words);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  csibot::storage::database db(":memory:");
  core::timestamp now = core::from_millis(1'796'031'735'000);  // 2026-11-30T09:42:15Z
  csibot::storage::service_repository{db}.sync_from_config(demo().services, now);
  csibot::commands::dispatcher bot(db, demo());

  std::string last_event;
  for (int step = 0; step < 32 && in.remaining_bytes() > 0; ++step) {
    core::inbound e;
    e.platform = in.ConsumeBool() ? "local" : "slack";
    e.user = in.PickValueInArray(users);
    e.is_dm = in.ConsumeBool();
    e.channel = e.is_dm ? "dm-" + e.user : "general";
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
      case 0:
        e.command = "/csi";
        break;
      case 1:
        e.action = core::action{in.PickValueInArray(action_ids), some_text(in), "m1"};
        break;
      default:
        break;
    }
    e.text = some_text(in);
    e.event_id = in.ConsumeIntegralInRange<int>(0, 7) == 0 ? last_event : "e" + std::to_string(step);
    last_event = e.event_id;
    now += std::chrono::minutes{in.ConsumeIntegralInRange<int>(0, 26 * 60)};

    const auto out = bot.dispatch(e, now);
    for (const auto& o : out) {
      check(o.body.text.find("Something went wrong") == std::string::npos);  // an exception inside
    }
    if (in.ConsumeIntegralInRange<int>(0, 15) == 0) bot.expire_conversations(now);
  }

  csibot::storage::feedback_repository{db}.for_each(std::nullopt, [&](const core::feedback& f) {
    for (const auto* text : {&f.reason, &f.usage}) {
      if (!*text) continue;
      check(core::sanitize(**text) == **text);
      check(core::utf8_length(**text) <= core::max_answer_chars);
    }
    if (f.rating) check(core::in_range(f.scale, *f.rating));
    check(f.status == core::feedback_status::partial || f.rating.has_value());
  });
  return 0;
}

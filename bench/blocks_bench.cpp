// Block Kit rendering of what a one-shot `/csi feedback` sends (docs/PERFORMANCE.md, Slack load, sixth
// session): the DM that confirms the feedback and asks the impact (five buttons) as a chat.postMessage
// body, and a short reply as a response_url body, each as far as the JSON text that goes on the wire.
// The per-render allocations come from running it under bench/alloc_count.cpp with a fixed iteration
// count: LD_PRELOAD=build/release/bench/libcsibot_alloc_count.so CSIBOT_ALLOC_COUNT_OUT=/tmp/n.txt
// build/release/bench/csibot_bench_blocks --benchmark_filter=dm
#include <benchmark/benchmark.h>

#include <string>

#include "bot/platform/slack/blocks.hpp"

namespace {

using namespace csibot;
using platform::slack::render_outbound;
using platform::slack::render_response;
using platform::slack::response_kind;

core::outbound impact_dm() {
  core::outbound out;
  out.kind = core::delivery::direct;
  out.platform = "slack";
  out.channel = "D0123ABCDEF";
  out.user = "U0123ABCDEF";
  out.body.text = "Recorded as feedback *#12345*: Remote access VPN, 2/5.\n\nHow does this affect your work?";
  for (const char* choice : {"blocks", "slows", "minor", "none"})
    out.body.buttons.push_back(
        {choice, "csi.impact", std::string{"vpn:"} + choice, core::button_style::normal});
  out.body.buttons.push_back({"Skip", "csi.skip", "vpn:skip", core::button_style::normal});
  return out;
}

core::message reply() {
  core::message m;
  m.text = "Recorded as feedback *#12345*. I've sent you a direct message with a few more questions.";
  return m;
}

// Either API generation: bodies as JSON trees (dumped here, as the sender did) or as JSON text.
template <class Body>
std::size_t wire_size(const Body& body) {
  if constexpr (requires { body.dump(); }) {
    return body.dump().size();
  } else {
    return body.size();
  }
}

void dm(benchmark::State& state) {
  const auto out = impact_dm();
  for (auto _ : state) {
    auto calls = render_outbound(out);
    benchmark::DoNotOptimize(wire_size(calls.front().body));
  }
}
BENCHMARK(dm)->Iterations(200'000);

void response(benchmark::State& state) {
  const auto m = reply();
  for (auto _ : state) {
    auto bodies = render_response(m, response_kind::ephemeral);
    benchmark::DoNotOptimize(wire_size(bodies.front()));
  }
}
BENCHMARK(response)->Iterations(200'000);

}  // namespace

BENCHMARK_MAIN();

#pragma once
// Private to the fake: what the Beast server (server.cpp) and the recording/answering logic
// (fake_slack.cpp, web_methods.cpp) share. No Asio here; one mutex guards everything.

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "support/fake_slack/fake_slack.hpp"

namespace csibot::testing {

/// A Socket Mode socket as the state sees it; server.cpp implements it on the socket's strand.
class ws_peer {
 public:
  virtual ~ws_peer() = default;
  /// Thread-safe, queued in order. An envelope's frame names its id, so that the state learns when
  /// the frame actually goes to the socket (envelope_written), behind whatever was queued before it.
  virtual void send(std::string text, std::string envelope_id = {}) = 0;
  virtual void drop() = 0;  ///< thread-safe: TCP reset, no close frame

 protected:
  ws_peer() = default;
  ws_peer(const ws_peer&) = default;
  ws_peer& operator=(const ws_peer&) = default;
};

struct http_reply {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string retry_after;  ///< Retry-After header value; empty = none
};

struct fake_slack::state {
  explicit state(fake_slack_options opts) : options(std::move(opts)) {}

  const fake_slack_options options;
  std::uint16_t port = 0;  // set before the first connection is accepted, constant afterwards

  mutable std::mutex mutex;
  mutable std::condition_variable changed;  // notified after every record but a response_url POST
  // response_url POSTs have their own: a load driver waits for them alone, and waking it for every
  // ack and API call as well cost it a context switch each (about 5 per command at 256 in flight).
  mutable std::condition_variable responses_changed;
  // The counts waiters on responses_changed wait for: a POST wakes them only when the smallest is
  // reached, so that a driver waiting for a batch of POSTs is not woken (a futex call and a context
  // switch on each side) by every one of them.
  mutable std::multiset<std::size_t> responses_awaited;
  std::uint64_t seq = 0;

  // Web API
  std::vector<api_call> calls;
  std::vector<nlohmann::json> messages;
  std::vector<std::string> message_ts;  // the ts answered for each of messages
  std::vector<response_post> responses;
  std::unordered_map<std::string, std::deque<fault>> faults;
  struct person {
    std::string locale;
    std::string tz;
    int tz_offset = 0;
  };
  std::unordered_map<std::string, person> people;
  std::unordered_map<std::string, std::string> emails;                        // lower-case address → user
  std::unordered_map<std::string, std::vector<std::string>> channel_members;  // channel → user ids
  std::unordered_map<std::string, channel_access> access;                     // channel → what posts meet
  std::unordered_map<std::string, std::string> response_channels;             // response_url id → channel
  std::uint64_t next_ts = 100;
  std::uint64_t next_response = 0;
  std::uint64_t next_ticket = 0;
  std::unordered_set<std::string> tickets;  // issued and not used yet

  // Socket Mode
  struct socket {
    ws_connection_record record;
    std::shared_ptr<ws_peer> peer;  // reset when closed
    bool told_to_disconnect = false;
  };
  std::map<std::uint64_t, socket> sockets;  // by id; closed ones stay for the record
  std::uint64_t next_socket = 0;
  struct envelope {
    std::string type;
    std::string payload;  // JSON text, as pushed
    int retry_attempt = 0;
    std::uint64_t last_socket = 0;
    std::chrono::steady_clock::time_point written{};  // its latest frame's write to a socket
  };
  std::unordered_map<std::string, envelope> envelopes;
  std::uint64_t next_envelope = 0;
  std::deque<std::string> pending;  // envelope ids waiting for an open socket
  std::size_t round_robin = 0;
  std::vector<ack_record> acks;

  // Called by the server, from any of its threads.
  http_reply handle_http(std::string_view method, std::string_view target, std::string_view authorization,
                         std::string_view content_type, std::string body);
  /// Consumes a ticket issued by apps.connections.open; false for an unknown or used one.
  bool take_ticket(std::string_view ticket);
  /// Registers an upgraded socket, sends hello and any queued envelopes; returns its id.
  std::uint64_t ws_opened(std::shared_ptr<ws_peer> peer, std::string ticket);
  void ws_frame(std::uint64_t id, std::string_view text);
  void envelope_written(const std::string& envelope_id);
  void ws_closed(std::uint64_t id, std::uint16_t code, bool dropped);

  // With `mutex` held.
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::string response_url_locked(std::string channel = {}) {
    const auto id = std::to_string(++next_response);
    if (!channel.empty()) response_channels[id] = std::move(channel);
    return base_url() + "/respond/" + id;
  }
  /// The socket an envelope goes to: `wanted` if open, else round robin; 0 when none is open.
  std::uint64_t pick_socket(std::optional<std::uint64_t> wanted, std::uint64_t avoid = 0);
  void send_envelope(const std::string& id, std::uint64_t socket_id);
  std::vector<socket*> targets(std::optional<std::uint64_t> wanted);
};

}  // namespace csibot::testing

#pragma once
// Private to the fake: what the Beast server (server.cpp), the REST answers (rest_routes.cpp), the
// WebSocket bookkeeping (websocket.cpp) and the public API (fake_mattermost.cpp) share. No Asio here;
// one mutex guards everything.

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "support/fake_mattermost/fake_mattermost.hpp"

namespace csibot::testing {

/// A WebSocket as the state sees it; server.cpp implements it on the socket's strand.
class mm_peer {
 public:
  virtual ~mm_peer() = default;
  virtual void send(std::string text) = 0;  ///< thread-safe, queued in order
  virtual void drop() = 0;                  ///< thread-safe: TCP reset, no close frame
  virtual void hang_up() = 0;               ///< thread-safe: TCP close, no close frame (bad token)

 protected:
  mm_peer() = default;
  mm_peer(const mm_peer&) = default;
  mm_peer& operator=(const mm_peer&) = default;
};

struct mm_http_reply {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  ///< close the connection instead of answering
};

struct fake_mattermost::state {
  explicit state(fake_mattermost_options opts);

  const fake_mattermost_options options;
  std::uint16_t port = 0;  // set before the first connection is accepted, constant afterwards

  mutable std::mutex mutex;
  mutable std::condition_variable changed;  // notified after every record
  std::uint64_t seq = 0;
  std::uint64_t next_id = 0;
  std::int64_t last_millis = 0;

  // Configuration and data.
  std::map<std::string, mm_user> users;  // by id
  std::vector<std::string> user_order;   // ids in the order added
  std::map<std::string, mm_channel> channels;
  std::vector<std::string> channel_order;
  std::unordered_map<std::string, std::deque<mm_fault>> faults;
  std::uint32_t rate_limit = 0, rate_remaining = 0;
  bool allow_ephemeral = true;
  bool resume = true;
  bool answer_pings = true;
  bool header_auth = true;
  bool echo_own_posts = true;
  std::size_t lose_events = 0;
  std::unordered_map<std::string, std::size_t> hooks;          // response_url id → uses
  std::unordered_map<std::string, std::string> hook_channels;  // response_url id → its command's channel

  // Records.
  std::vector<mm_call> calls;
  std::vector<nlohmann::json> posts;                             // creation order
  std::unordered_map<std::string, std::size_t> post_index;       // id → position in posts (load tools)
  std::unordered_map<std::string, std::string> direct_channels;  // "<a>__<b>" → channel id
  std::vector<mm_ephemeral> ephemerals;
  std::vector<mm_response_post> responses;
  std::vector<mm_ws_request> requests;

  // WebSocket.
  struct socket {
    mm_socket_record record;
    std::shared_ptr<mm_peer> peer;  // reset when closed
  };
  std::map<std::uint64_t, socket> sockets;
  std::uint64_t next_socket = 0;
  /// A logical connection (Mattermost's WebConn): its id, seq and the frames kept for replay.
  struct connection {
    std::string id;
    std::int64_t next_seq = 0;
    std::deque<std::pair<std::int64_t, std::string>> history;  // (seq, frame), oldest first
    std::uint64_t socket = 0;  // the open socket serving it; 0 = dead (events are only kept)
  };
  std::map<std::string, connection> connections;
  std::deque<std::string> connection_order;  // oldest first, to forget dead ones

  // Called by the server, from any of its threads.
  mm_http_reply handle_http(std::string_view method, std::string_view target, std::string_view authorization,
                            std::string_view content_type, std::string body);
  std::uint64_t ws_opened(std::shared_ptr<mm_peer> peer, std::string_view authorization,
                          std::string_view query);
  void ws_frame(std::uint64_t id, std::string_view text);
  void ws_closed(std::uint64_t id, std::uint16_t code, bool dropped);

  // With `mutex` held.
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::string make_id();
  std::int64_t now_millis();  // strictly increasing
  bool token_ok(std::string_view authorization) const;
  void record(mm_call call);
  mm_user& ensure_user(const std::string& id);
  mm_channel& ensure_channel(const std::string& id);
  /// The DM channel of two users ("<a>__<b>", sorted ids), created on first use.
  mm_channel& open_direct(std::string a, std::string b);
  nlohmann::json& add_post(const std::string& user_id, const std::string& channel_id, std::string message,
                           std::string root_id, nlohmann::json props);
  nlohmann::json* find_post(std::string_view id);
  nlohmann::json user_json(const mm_user& user) const;
  nlohmann::json channel_json(const mm_channel& channel) const;
  /// Sends an event with the next seq of every connection (kept for replay; lost when asked).
  void broadcast(const std::string& event, const nlohmann::json& data, const nlohmann::json& broadcast);
  void broadcast_post(const std::string& event, const nlohmann::json& post);
  void authenticate(socket& s, std::string how);
  void send_event(connection& c, const std::string& event, const nlohmann::json& data,
                  const nlohmann::json& broadcast, bool lost);
};

}  // namespace csibot::testing

#pragma once
/// Socket Mode frames as Slack documents them (PLATFORMS.md §1.2-§1.4), shared by the tests of the
/// frame parser (socket_frame_test.cpp) and of the payload decoders (payloads_test.cpp).
#include <string_view>

namespace csibot::platform::slack::samples {

inline constexpr std::string_view hello_frame = R"({
  "type": "hello",
  "num_connections": 1,
  "connection_info": {"app_id": "A0001"},
  "debug_info": {"host": "applink-7", "started": "2020-10-11 12:12:12.120", "build_number": 54,
                 "approximate_connection_time": 3600}
})";

inline constexpr std::string_view disconnect_frame =
    R"({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "wss-111.slack.com"}})";

inline constexpr std::string_view slash_envelope =
    R"({"envelope_id":"1d3c79ab-0ffb-41f3-a080-d19e85f53649","type":"slash_commands",
 "accepts_response_payload":true,
 "payload":{"token":"verif","team_id":"T0001","team_domain":"acme","channel_id":"C0001",
  "channel_name":"ops","user_id":"U0001","user_name":"alice","command":"/digest",
  "text":"now","api_app_id":"A0001","is_enterprise_install":"false",
  "response_url":"https://hooks.slack.com/commands/T0001/111/xxx","trigger_id":"111.222.xxx"}})";

}  // namespace csibot::platform::slack::samples

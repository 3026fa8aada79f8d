#pragma once
/// A deliberately minimal WebSocket peer for what net::ws_client refuses to do: send a binary frame.
#include <boost/asio/io_context.hpp>
#include <cstdint>

namespace csibot::platform::local::test {

/// Opens /local/ws on 127.0.0.1:`port` with a hand-written upgrade, sends one masked binary frame
/// and returns the close code the server answers with; -1 on any other outcome or after the deadline.
int send_binary_frame(boost::asio::io_context& io, std::uint16_t port);

}  // namespace csibot::platform::local::test

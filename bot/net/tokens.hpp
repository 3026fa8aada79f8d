#pragma once

// Completion tokens for Boost 1.81, which has no default token in awaitable code paths and no
// cancel_after. Include only from .cpp files of bot/net: it pulls in Asio's token machinery.

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace csibot::net {

/// Throws boost::system::system_error on failure: for errors nobody expects.
inline constexpr auto use_awaitable = boost::asio::use_awaitable;

/// Returns (error_code, results...) as a tuple: for expected outcomes (eof, closed, timeout,
/// aborted) that the caller branches on (ARCHITECTURE.md §4).
inline constexpr auto nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace csibot::net

#pragma once
/// Private to the dispatcher (dispatch.cpp, dispatch_routes.cpp): what both halves share.
#include <utility>

#include "core/events.hpp"
#include "core/message.hpp"

namespace csibot::commands::detail {

/// `m` as the answer to `in`: in the DM when `in` came from one, else ephemeral to its sender.
inline core::outbound reply_to(const core::inbound& in, core::message m) {
  // A reply to a DM stays in the DM; anything else is only for the person who asked.
  const auto kind = in.is_dm ? core::delivery::direct : core::delivery::ephemeral;
  return core::outbound{kind, in.platform, in.channel, in.user, {}, std::move(m)};
}

}  // namespace csibot::commands::detail

#pragma once
/// core::message as JSON text, the form the outbox stores (internal to storage/). Platform renderers
/// never see this JSON: the outbox hands them the core::message back.
#include <string>
#include <string_view>

#include "core/message.hpp"

namespace csibot::storage {

/// Compact JSON; empty parts are left out so that a short reply stays a short row. Invalid UTF-8 is
/// replaced (U+FFFD), never thrown on: a reply must not be lost to a stray byte.
std::string encode_message(const core::message& m);

/// Reads encode_message's output (message_json_read.cpp); unknown keys are skipped, anything that is
/// not JSON of this shape throws via throw_bad_column(column).
core::message decode_message(std::string_view json, std::string_view column);

}  // namespace csibot::storage

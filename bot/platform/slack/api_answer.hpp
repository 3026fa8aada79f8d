#pragma once
/// The JSON of a Web API answer, read without the message it echoes. Pure.
#include <nlohmann/json.hpp>
#include <string_view>

namespace csibot::platform::slack {

/// Parses `text` as parse(text, nullptr, false) would, but leaves out the top-level "message"
/// member: chat.postMessage and chat.update answer with the whole message just posted, blocks and
/// all, which nothing in csibot reads. Building it as a tree was about 7 % of the bot's allocations
/// under load. Every other member, at any depth, is kept as parsed.
/// Returns null for anything but a JSON object, without parsing it when it does not even start like
/// one: Slack's answers that matter are objects, and the rest (the plain `ok` a response_url
/// answers, a proxy's HTML error page) would only cost a parse error's messages to reject.
nlohmann::json parse_api_answer(std::string_view text);

}  // namespace csibot::platform::slack

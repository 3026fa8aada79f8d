#include "bot/platform/mattermost/markdown.hpp"

#include "core/markdown.hpp"
#include "core/text.hpp"

namespace csibot::platform::mattermost {

std::size_t rune_count(std::string_view text) {
  std::size_t n = 0;
  while (!text.empty()) {
    text.remove_prefix(core::utf8_step(text));
    ++n;
  }
  return n;
}

std::string to_markdown(std::string_view neutral) {
  return core::to_markdown(neutral, {.table_cell = false, .silencer = zero_width_space});
}

std::string table_cell(std::string_view neutral) {
  return core::to_markdown(neutral, {.table_cell = true, .silencer = zero_width_space});
}

}  // namespace csibot::platform::mattermost

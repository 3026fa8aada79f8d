// The English message catalog. Keys are grouped by feature; {name} marks a placeholder.
#include "core/i18n.hpp"

namespace csibot::core {

const catalog& english_catalog() {
  static const catalog texts = {
      {"error.internal", "Something went wrong on my side (request {request}). It has been logged; please try again."},
  };
  return texts;
}

}  // namespace csibot::core

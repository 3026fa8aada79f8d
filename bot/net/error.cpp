#include "bot/net/error.hpp"

#include <boost/beast/core/error.hpp>
#include <string>

namespace csibot::net {
namespace {

// boost::system::error_category has a protected non-virtual destructor by design (categories are
// never deleted through a base pointer); -Wnon-virtual-dtor cannot see the protection.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
class category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "csibot.net"; }
  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::bad_url:
        return "malformed URL";
      case error::unsupported_scheme:
        return "unsupported URL scheme";
      case error::insecure_non_loopback:
        return "plain http:// and ws:// are allowed only for loopback hosts (127.0.0.0/8, localhost, ::1); "
               "use https:// or wss://";
      case error::bad_method:
        return "unknown HTTP method";
      case error::resolve_not_loopback:
        return "loopback host name resolved to a non-loopback address";
      case error::body_too_large:
        return "response body exceeds the configured limit";
      case error::bad_header:
        return "request header not sent: its name is not a token or its value holds CR, LF or NUL";
    }
    return "unknown csibot.net error";
  }
};
#pragma GCC diagnostic pop

}  // namespace

const boost::system::error_category& net_category() noexcept {
  static const category instance;
  return instance;
}

boost::system::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), net_category()};
}

bool is_timeout(const boost::system::error_code& ec) noexcept {
  return ec == boost::beast::error::timeout;
}

}  // namespace csibot::net

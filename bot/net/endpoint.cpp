#include "bot/net/endpoint.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "bot/net/error.hpp"
#include "bot/net/http_types.hpp"

namespace csibot::net {

bool is_loopback_host(std::string_view host) noexcept {
  if (iequals(host, "localhost") || iequals(host, "localhost.")) return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).is_loopback();
  }
  return address.is_loopback();
}

boost::system::result<endpoint> parse_endpoint(std::string_view url, scheme_family family) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->host().empty()) return make_error_code(error::bad_url);
  const auto scheme = parsed->scheme_id();
  endpoint out;
  if (family == scheme_family::http &&
      (scheme == boost::urls::scheme::http || scheme == boost::urls::scheme::https)) {
    out.tls = scheme == boost::urls::scheme::https;
  } else if (family == scheme_family::websocket &&
             (scheme == boost::urls::scheme::ws || scheme == boost::urls::scheme::wss)) {
    out.tls = scheme == boost::urls::scheme::wss;
  } else {
    return make_error_code(error::unsupported_scheme);
  }
  switch (parsed->host_type()) {
    case boost::urls::host_type::ipv4:
      out.host = parsed->host_ipv4_address().to_string();
      break;
    case boost::urls::host_type::ipv6:
      out.host = parsed->host_ipv6_address().to_string();
      break;
    case boost::urls::host_type::name:
      out.host = parsed->host();
      break;
    default:
      return make_error_code(error::bad_url);
  }
  out.host_is_ip = parsed->host_type() != boost::urls::host_type::name;
  if (!out.tls && !is_loopback_host(out.host)) return make_error_code(error::insecure_non_loopback);
  if (parsed->has_port()) {
    if (parsed->port_number() == 0) return make_error_code(error::bad_url);
    out.port = parsed->port_number();
  } else {
    out.port = out.tls ? 443 : 80;
  }
  out.target = parsed->encoded_path().empty() ? std::string{"/"} : std::string{parsed->encoded_path()};
  if (parsed->has_query()) out.target += "?" + std::string{parsed->encoded_query()};
  return out;
}

}  // namespace csibot::net

#include "bot/net/detail/connect.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "bot/net/error.hpp"
#include "bot/net/tokens.hpp"

namespace csibot::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

step_result failed(const boost::system::error_code& ec, std::string_view step, const endpoint& ep) {
  return {ec,
          std::string{step} + " " + bracketed(ep.host) + ":" + std::to_string(ep.port) + ": " + ec.message()};
}

std::string host_header(const endpoint& ep) {
  const bool default_port = ep.port == (ep.tls ? 443 : 80);
  return default_port ? bracketed(ep.host) : bracketed(ep.host) + ":" + std::to_string(ep.port);
}

namespace {

// True when `dir` holds CA certificates under their subject-hash names (`5ad8a5d6.0`), as Debian's
// ca-certificates keeps /etc/ssl/certs: OpenSSL's directory lookup then finds an issuer by name.
bool has_hashed_certificates(const std::filesystem::path& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto dot = name.find('.');
    if (dot == 8 && name.size() > 9 && name.find_first_not_of("0123456789abcdef") == dot &&
        name.find_first_not_of("0123456789", 9) == std::string::npos) {
      return true;
    }
  }
  return false;
}

// True when the environment variable `name` is unset or names `system_path` itself (Debian's own
// environments often set SSL_CERT_FILE to the system bundle).
bool system_default(const char* name, const char* system_path) {
  const char* value = std::getenv(name);
  if (value == nullptr) return true;
  std::error_code a, b;
  const auto chosen = std::filesystem::canonical(value, a);
  return !a && chosen == std::filesystem::canonical(system_path, b) && !b;
}

// The directory lookup reads a CA certificate when a chain names it; OpenSSL's default paths also
// parse the whole bundle file (~140 CAs: about 0.8 MiB of heap and 20 ms) whether or not one is ever
// used. Either way the trust store is the system's; SSL_CERT_FILE or SSL_CERT_DIR naming anything
// else keeps OpenSSL's own rules.
void trust_system_cas(ssl::context& context) {
  const char* dir = X509_get_default_cert_dir();
  if (system_default(X509_get_default_cert_file_env(), X509_get_default_cert_file()) &&
      system_default(X509_get_default_cert_dir_env(), dir) && has_hashed_certificates(dir)) {
    context.add_verify_path(dir);
  } else {
    context.set_default_verify_paths();
  }
}

std::shared_ptr<ssl::context> make_context() {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  trust_system_cas(*context);
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

}  // namespace

std::shared_ptr<ssl::context> tls_client_context() {
  // One for every client of the process (each Web API, socket and webhook client asks): a context
  // and its trust store are read-only once built, and OpenSSL locks what it caches in them.
  static std::mutex mutex;
  static std::weak_ptr<ssl::context> shared;
  const std::lock_guard lock{mutex};
  if (auto context = shared.lock()) return context;
  auto context = make_context();
  shared = context;
  return context;
}

ssl::context& lazy_tls_context::get() {
  const std::lock_guard lock{mutex_};
  if (!context_) context_ = tls_client_context();
  return *context_;
}

asio::awaitable<step_result> connect_tcp(beast::tcp_stream& stream, const endpoint& ep,
                                         std::chrono::steady_clock::time_point deadline) {
  tcp::resolver resolver(co_await asio::this_coro::executor);
  const auto flags = ep.host_is_ip ? tcp::resolver::numeric_host : tcp::resolver::flags{};
  auto [resolve_ec, results] =
      co_await resolver.async_resolve(ep.host, std::to_string(ep.port), flags, nothrow);
  if (resolve_ec) co_return failed(resolve_ec, "resolve", ep);
  if (!ep.tls) {
    // "localhost" could be mapped elsewhere in /etc/hosts; plain text must stay on this machine.
    for (const auto& entry : results) {
      if (!entry.endpoint().address().is_loopback()) {
        co_return failed(make_error_code(error::resolve_not_loopback), "resolve", ep);
      }
    }
  }
  stream.expires_at(deadline);
  auto [connect_ec, peer] = co_await stream.async_connect(results, nothrow);
  if (connect_ec) co_return failed(connect_ec, "connect", ep);
  // Small frames (Socket Mode acks, short API calls) must not wait for Nagle's algorithm to batch
  // them with data that never comes; failing to set it only costs latency.
  boost::system::error_code ignored;
  stream.socket().set_option(asio::ip::tcp::no_delay{true}, ignored);
  co_return step_result{};
}

asio::awaitable<step_result> handshake_tls(beast::ssl_stream<beast::tcp_stream>& stream, const endpoint& ep) {
  // RFC 6066 §3: no SNI for IP literals. SSL_set_tlsext_host_name is a macro with a C cast.
  if (!ep.host_is_ip && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                 TLSEXT_NAMETYPE_host_name, const_cast<char*>(ep.host.c_str())) != 1) {
    co_return failed({static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()}, "tls sni", ep);
  }
  stream.set_verify_callback(ssl::host_name_verification(ep.host));
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, nothrow);
  if (ec) co_return failed(ec, "tls handshake", ep);
  co_return step_result{};
}

}  // namespace csibot::net::detail

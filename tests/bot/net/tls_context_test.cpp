// The TLS client context every HTTPS and WSS client uses: one per process, peer verification on,
// trusting the system's CAs (and nothing else) without parsing the whole bundle up front.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <unistd.h>

#include <boost/asio/ssl/context.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "bot/net/detail/connect.hpp"

namespace csibot::net {
namespace {

using x509_ptr = std::unique_ptr<X509, decltype(&X509_free)>;

/// Sets an environment variable for a scope, then puts back what was there.
class env_var {
 public:
  env_var(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~env_var() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  env_var(const env_var&) = delete;
  env_var& operator=(const env_var&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

/// Whether `store` accepts `cert` as a chain of its own (a root CA is its own chain).
bool verifies(X509_STORE* store, X509* cert) {
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx{X509_STORE_CTX_new(),
                                                                      &X509_STORE_CTX_free};
  if (!ctx || X509_STORE_CTX_init(ctx.get(), store, cert, nullptr) != 1) return false;
  return X509_verify_cert(ctx.get()) == 1;
}

/// A root CA certificate from the system store, or null when this machine has none.
x509_ptr system_root() {
  const std::filesystem::path dir = X509_get_default_cert_dir();
  std::error_code ec;
  for (std::filesystem::directory_iterator it{dir, ec}, end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".0") continue;
    std::unique_ptr<FILE, decltype(&std::fclose)> f{std::fopen(it->path().c_str(), "r"), &std::fclose};
    if (!f) continue;
    x509_ptr cert{PEM_read_X509(f.get(), nullptr, nullptr, nullptr), &X509_free};
    // Self-issued: a root, which the store must find by its own subject.
    if (cert && X509_check_issued(cert.get(), cert.get()) == X509_V_OK) return cert;
  }
  return {nullptr, &X509_free};
}

/// ca-certificates is one of scripts/install-deps' packages: without it csibot could verify no server.
std::string no_roots() {
  return std::string{"no CA certificates in "} + X509_get_default_cert_dir() +
         " (install ca-certificates: scripts/install-deps does)";
}

/// A self-signed certificate nobody trusts.
x509_ptr stranger() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{EVP_EC_gen("P-256"), &EVP_PKEY_free};
  x509_ptr cert{X509_new(), &X509_free};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("stranger"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key.get(), EVP_sha256());
  return cert;
}

TEST(tls_client_context, is_one_context_for_the_whole_process) {
  const auto a = detail::tls_client_context();
  const auto b = detail::tls_client_context();
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(SSL_CTX_get_verify_mode(a->native_handle()) & SSL_VERIFY_PEER, SSL_VERIFY_PEER);
}

TEST(tls_client_context, trusts_the_system_cas_and_nobody_else) {
  const auto context = detail::tls_client_context();
  X509_STORE* store = SSL_CTX_get_cert_store(context->native_handle());
  const auto root = system_root();
  ASSERT_TRUE(root) << no_roots();
  EXPECT_TRUE(verifies(store, root.get()));
  EXPECT_FALSE(verifies(store, stranger().get()));
}

// Debian's /etc/ssl/certs names each CA by its subject hash: the context reads one when a chain
// needs it, rather than all of them (about 0.8 MiB) at start.
TEST(tls_client_context, reads_no_ca_before_a_chain_needs_one) {
  ASSERT_TRUE(system_root()) << no_roots();
  // Naming the system's own bundle and directory, as some environments do, changes nothing.
  const env_var file{"SSL_CERT_FILE", X509_get_default_cert_file()};
  const env_var dir{"SSL_CERT_DIR", X509_get_default_cert_dir()};
  const auto context = detail::tls_client_context();
  X509_STORE* store = SSL_CTX_get_cert_store(context->native_handle());
  // Held by this test alone, so built just now: nothing verified with it yet.
  EXPECT_EQ(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)), 0);
  EXPECT_TRUE(verifies(store, system_root().get()));
  EXPECT_EQ(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)), 1);  // the one that chain needed
}

TEST(tls_client_context, a_bundle_of_ones_own_is_read_as_openssl_reads_it) {
  const auto root = system_root();
  ASSERT_TRUE(root) << no_roots();
  const auto bundle =
      std::filesystem::temp_directory_path() / ("csibot-ca-" + std::to_string(::getpid()) + ".pem");
  {
    std::unique_ptr<FILE, decltype(&std::fclose)> f{std::fopen(bundle.c_str(), "w"), &std::fclose};
    ASSERT_TRUE(f);
    ASSERT_EQ(PEM_write_X509(f.get(), root.get()), 1);
  }
  const env_var file{"SSL_CERT_FILE", bundle.c_str()};
  const env_var dir{"SSL_CERT_DIR", bundle.parent_path().c_str()};
  const auto context = detail::tls_client_context();
  X509_STORE* store = SSL_CTX_get_cert_store(context->native_handle());
  EXPECT_EQ(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)), 1);  // the bundle, read at once
  EXPECT_TRUE(verifies(store, root.get()));
  std::filesystem::remove(bundle);
}

}  // namespace
}  // namespace csibot::net
